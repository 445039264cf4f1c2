package dev.handoff.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which keys, places and values hold secrets: one rule for fetch, diff and validate. */
class SecretNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"client_secret", "password", "crm_password", "pwd", "webhook_token", "credentials", "api_key",
            "X-API-KEY", "apiKey", "privateKey", "signing_key", "authorization", "bearer",
            // found missing by an outside tester
            "auth", "basic_auth", "basicAuth", "x-auth", "auth_header", "authValue", "passphrase", "ssh_passphrase",
            "cookie", "session_cookie", "sessionCookie", "auth_cookie_value", "set_cookie"})
    void keysNamingASecret(String key) {
        assertThat(SecretNames.namesSecret(key)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cookie_consent_message", "cookie_banner_text", "max_tokens", "maxTokens", "min_password_length",
            "token_limit", "token_count", "session_token_ttl", "password_length", "secret_size", "num_tokens",
            "author", "oauth_provider", "auth_type", "keywords", "keyword_hint", "question_message", "signature_name",
            // describing a secret, not holding it (a final retest)
            "credential_type", "secret_menu_label", "tokenizer", "token_type", "api_key_name"})
    void keysNamingNoSecret(String key) {
        assertThat(SecretNames.namesSecret(key)).isFalse();
    }

    @Test
    void placesHoldingSecretsWhateverTheirKey() {
        assertThat(SecretNames.isSecretPlace(keys("integration", "headers", "X-Custom"))).isTrue();
        // headers given as a list of name/value pairs
        assertThat(SecretNames.isSecretPlace(keys("integrations", null, "headers", null, "value"))).isTrue();
        assertThat(SecretNames.isSecretPlace(keys("integrations", null, "headers", null, "name"))).isFalse();
        assertThat(SecretNames.isSecretPlace(keys("integrations", null, "filters", null, "value"))).isFalse();
        assertThat(SecretNames.isSecretPlace(keys("tokens", null))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://admin:hunter2pass@crm.example.com/api", "postgres://u:p%40ss@db:5432/x",
            "HTTPS://:only-password@host", "https://u:p@ss@host/users/@me", "https://user:urlPw/With+Slash_998877@ops.example/h?x=1",
            "https://admin:a?b#c@localhost:8080/"})
    void aUrlWithAPasswordIsASecretUnderAnyKey(String url) {
        assertThat(SecretNames.isSecretText(url)).isTrue();
        assertThat(SecretNames.urlPassword(url)).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://crm.example.com/api", "https://admin@crm.example.com", "https://host:8443/path",
            "https://host/a:b@c", "ssh://git@github.com/x.git", "see https://admin:pw@host for details", "mailto:a:b@c",
            "https://example.com:8443/users/me@example.org"})
    void otherTextIsNot(String text) {
        assertThat(SecretNames.isSecretText(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.slack.com/services/T0001/B0002/XXXXXXXXXXXXXXXXXXXXXXXX",
            "https://discord.com/api/webhooks/123456/abcdefABCDEF", "https://acme.webhook.office.com/webhookb2/abc@def/IncomingWebhook/x/y",
            "https://chat.googleapis.com/v1/spaces/AAAA/messages?key=AIzaSyExample&token=abc123def",
            "https://crm.example.com/hook?token=k7Qz9wLm", "https://crm.example.com/hook?a=1&api_key=k7Qz9wLm",
            "https://storage.example.com/f?sv=2022&sig=Zm9vYmFyYmF6", "https://maps.example.com/api?key=AIzaSyExample",
            "https://ops.example.com/hook#access_token=abc123secret",
            // not valid URLs (a blank), but credentials in clear all the same: once, validate quoted them whole
            "https://ops.example/h#access_token=ab cd", "https://ops.example/h?token=abc def", "https://user:pa ss@ops.example/h",
            "https://ops.example/h x?token=abcd"})
    void anIncomingWebhookOrAUrlWithACredentialInItsQueryIsASecret(String url) {
        assertThat(SecretNames.isSecretText(url)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://shop.example.com/search?q=token", "https://example.com/?page=2&sort=key",
            "https://example.com/oauth?token_type=bearer", "https://example.com/?token=", "https://hooks.slack.com/",
            "see https://crm.example.com/hook?token=k7Qz9wLm for details", "https://ops.example.com/hook?api_key_id=public"})
    void aQueryWithoutACredentialIsNot(String url) {
        assertThat(SecretNames.isSecretText(url)).isFalse();
    }

    @Test
    void theCredentialPartsAreTheValuesOfSecretParametersAndAWebhooksPath() {
        assertThat(SecretNames.credentialParts("https://hooks.slack.com/services/T0A1B2C3D/B0E4/q8R9s0T1u2V3w4X5"))
                .containsExactly("T0A1B2C3D", "q8R9s0T1u2V3w4X5");
        assertThat(SecretNames.credentialParts("https://chat.googleapis.com/v1/spaces/A/messages?key=AIzaSyExample&token=abc%3D123&x=1"))
                .contains("AIzaSyExample", "abc%3D123");
    }

    @Test
    void aPasswordWithASlashIsThePartBeforeTheHost() {
        assertThat(SecretNames.urlPassword("https://user:urlPw/With+Slash_998877@ops.example/h")).isEqualTo("urlPw/With+Slash_998877");
    }

    @Test
    void thePasswordIsTheUserInfosLastPart() {
        assertThat(SecretNames.urlPassword("https://u:p@ss@host/users/@me")).isEqualTo("p@ss");
    }

    private static List<String> keys(String... keys) {
        return Arrays.asList(keys);
    }
}
