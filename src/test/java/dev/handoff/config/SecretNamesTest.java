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

    @ParameterizedTest
    @ValueSource(strings = {"jwt", "auth_jwt", "pass", "db_pass", "dbPass", "cred", "creds", "salt", "password_salt", "otp_seed",
            "totp", "otp", "mfa_seed", "session_id", "sessionId", "SESSIONID", "connection_string", "connectionString", "conn_str"})
    void shortNamesOfSecretsFoundByAnOutsideTester(String key) {
        assertThat(SecretNames.namesSecret(key)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bypass", "pass_rate", "passenger", "compass_heading", "salt_rounds", "otp_enabled", "jwt_audience",
            "session_timeout", "user_id", "credit", "connection_timeout", "sessions"})
    void wordsAroundThemAreNoSecrets(String key) {
        assertThat(SecretNames.namesSecret(key)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://chat.example.com/hooks/xk4h7dq9b3fz8pm2c6w1t5ry0e",
            "https://rocket.example.com/hooks/aB3dE5fG7hJ9kL2mN/Xy7Zq4Wv1Ut8Sr5Po2Nm6Lk3Jh9Gf0Ed4Cb7Az1Yx5Wv8Ut2Sr6Qp",
            "https://hook.eu1.make.com/k7d2m9q4x1v8b3n6p0r5t2w7", "https://hook.us2.make.com/abcdefghijklmnop",
            "https://n8n.example.com/webhook/6f1c2a9e-4b7d-4c3f-9a8e-1d2b3c4e5f60",
            "https://n8n.example.com/webhook-test/6f1c2a9e-4b7d-4c3f-9a8e-1d2b3c4e5f60/orders",
            "https://eo1a2b3c4d5e6f7.m.pipedream.net", "https://eo1a2b3c4d5e6f7.m.pipedream.net/path?x=1",
            "https://api.telegram.org/bot7012345678:AAHk3Jd9sLq2Zx8Vb4Nm6Pc1Ty5Rw0Ue7Io/sendMessage",
            "https://contoso-fn.azurewebsites.net/api/handoff?code=Fq3kZ9vT2mLx8RwP0yBnC4hJ6sD1gA5e",
            "https://prod-12.westus.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?api-version=2016&sp=%2Fx&sv=1.0&sig=Zm9vYmFy",
            "https://bucket.s3.amazonaws.com/f?X-Amz-Algorithm=AWS4&X-Amz-Credential=AKIAEXAMPLE%2F20240101&X-Amz-Signature=abc123",
            "https://bucket.s3.amazonaws.com/f?X-Amz-Security-Token=FwoGZXIvYXdzEJr",
            "https://0a1b2c3d4e5f60718293a4b5c6d7e8f9@o123456.ingest.sentry.io/4505",
            "Server=db.example.com;Database=app;User Id=app;Password=Pw_7Hq2Lm9x;", "Server=x;Password=s3cr3t",
            "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=Zm9vYmFyYmF6cXV4MTIz==;EndpointSuffix=core.windows.net"})
    void capabilityUrlsKeysAsUserInfoAndConnectionStringsAreSecrets(String text) {
        assertThat(SecretNames.isSecretText(text)).isTrue();
        assertThat(SecretNames.credentialParts(text)).as("a server's echo of its credential alone is masked too").isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/hooks-guide", "https://docs.example.com/hooks/gettingstartedwithhooks",
            "https://react.example.com/hooks/ReactHooksOverview", "https://example.com/hooks/short123",
            "https://n8n.example.com/webhook/my-orders", "https://docs.n8n.io/integrations/builtin/core-nodes/webhook/",
            "https://www.make.com/en/help/tools/webhooks", "https://pipedream.com/docs", "https://core.telegram.org/bots/api",
            "https://api.telegram.org/bot", "https://shop.example.com/lookup?code=US", "https://example.com/verify?code=123456",
            "https://deploy-user-2024-prod@git.example.com/repo", "https://admin@crm.example.com", "ssh://git@github.com/x.git",
            "Server=db;Database=app;Integrated Security=true;", "Password=${env:DB_PASSWORD};Server=x",
            "Enter your password=the one from your email; then press go. See the guide."})
    void ordinaryUrlsAndTextsAreNot(String text) {
        assertThat(SecretNames.isSecretText(text)).isFalse();
    }

    @Test
    void theCredentialPartsOfTheNewKindsAreTheirIdsAndTokens() {
        assertThat(SecretNames.credentialParts("https://api.telegram.org/bot7012345678:AAHk3Jd9sLq2Zx8Vb4Nm6Pc1Ty5Rw0Ue7Io/sendMessage"))
                .containsExactly("7012345678:AAHk3Jd9sLq2Zx8Vb4Nm6Pc1Ty5Rw0Ue7Io", "AAHk3Jd9sLq2Zx8Vb4Nm6Pc1Ty5Rw0Ue7Io");
        assertThat(SecretNames.credentialParts("https://n8n.example.com/webhook/6f1c2a9e-4b7d-4c3f-9a8e-1d2b3c4e5f60/x"))
                .containsExactly("6f1c2a9e-4b7d-4c3f-9a8e-1d2b3c4e5f60");
        assertThat(SecretNames.credentialParts("https://contoso-fn.azurewebsites.net/api/h?code=Fq3kZ9vT2mLx8RwP0yBnC4hJ6sD1gA5e&x=1"))
                .containsExactly("Fq3kZ9vT2mLx8RwP0yBnC4hJ6sD1gA5e");
        assertThat(SecretNames.credentialParts("Server=db;User Id=app;Password=Pw_7Hq2Lm9x;")).containsExactly("Pw_7Hq2Lm9x");
        assertThat(SecretNames.credentialParts("https://0a1b2c3d4e5f60718293a4b5c6d7e8f9@o1.ingest.sentry.io/4505"))
                .containsExactly("0a1b2c3d4e5f60718293a4b5c6d7e8f9");
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
