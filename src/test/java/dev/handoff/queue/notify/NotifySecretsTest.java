package dev.handoff.queue.notify;

import dev.handoff.secret.Redactor;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NotifySecretsTest {

    private static NotifyConfig config(NotifyConfig.Channel... channels) {
        return new NotifyConfig(List.of(channels), null, 5, NotifyConfig.Retry.DEFAULTS);
    }

    @Test
    void everyPathSegmentAfterTheFirstAndEveryQueryValueIsMaskedRawAndDecoded() {
        String url = "https://hooks.example.com/services/T0AAA/B0BBB/PATHSECRETaaa111?token=QSECRET%2Fbbb222&x=ab";
        Redactor r = NotifySecrets.redactor(config(new NotifyConfig.Webhook("chat", new NotifyConfig.EnvSecret("U", url), true)));

        assertThat(r.redact("no hook PATHSECRETaaa111")).isEqualTo("no hook <redacted>");
        assertThat(r.redact("bad token QSECRET%2Fbbb222")).isEqualTo("bad token <redacted>");
        assertThat(r.redact("bad token QSECRET/bbb222")).isEqualTo("bad token <redacted>");
        assertThat(r.redact("team T0AAA bot B0BBB")).isEqualTo("team <redacted> bot <redacted>");
        assertThat(r.redact("/services/T0AAA/B0BBB/PATHSECRETaaa111?token=QSECRET%2Fbbb222&x=ab")).isEqualTo("<redacted>");
        assertThat(r.redact("endpoint services at hooks.example.com"))
                .as("the endpoint's name and the host are no secret").isEqualTo("endpoint services at hooks.example.com");
    }

    @Test
    void theFormsAServerMayEchoAreMaskedToo() {
        Redactor plus = NotifySecrets.redactor(config(new NotifyConfig.Webhook("chat",
                new NotifyConfig.EnvSecret("U", "https://h.example.com/x/y?token=PLUSsec+ret+QQ77&a=1&KEYONLYsecret999"), true)));
        assertThat(plus.redact("bad token PLUSsec%20ret%20QQ77")).isEqualTo("bad token <redacted>");
        assertThat(plus.redact("bad token PLUSsec ret QQ77")).isEqualTo("bad token <redacted>");
        assertThat(plus.redact("unknown parameter KEYONLYsecret999")).isEqualTo("unknown parameter <redacted>");
        Redactor twice = NotifySecrets.redactor(config(new NotifyConfig.Webhook("chat",
                new NotifyConfig.EnvSecret("U", "https://h.example.com/x/y?token=DBLsec%2541ret55"), true)));
        assertThat(twice.redact("bad token DBLsecAret55")).isEqualTo("bad token <redacted>");
        Redactor topic = NotifySecrets.redactor(config(new NotifyConfig.Webhook("chat",
                new NotifyConfig.EnvSecret("U", "https://ntfy.example.com/ntfyTOPICsecret4242"), true)));
        assertThat(topic.redact("no topic ntfyTOPICsecret4242")).isEqualTo("no topic <redacted>");
    }

    @Test
    void anSmtpPasswordIsMaskedAlsoInTheBase64FormsOfAuthPlainAndLogin() {
        String password = "smtpPa55word!";
        var email = new NotifyConfig.Email("mail", "smtp.example.com", 587, NotifyConfig.TlsMode.STARTTLS, "alerts@example.com",
                new NotifyConfig.EnvSecret("P", password), "alerts@example.com", List.of("team@example.com"));
        Redactor r = NotifySecrets.redactor(config(email));
        Base64.Encoder b64 = Base64.getEncoder();
        String login = b64.encodeToString(password.getBytes(StandardCharsets.UTF_8));
        String plain = b64.encodeToString(("\0alerts@example.com\0" + password).getBytes(StandardCharsets.UTF_8));

        assertThat(r.redact("535 auth failed for " + login)).isEqualTo("535 auth failed for <redacted>");
        assertThat(r.redact("535 AUTH PLAIN " + plain + " refused")).isEqualTo("535 AUTH PLAIN <redacted> refused");
        assertThat(r.redact("password " + password)).isEqualTo("password <redacted>");
    }
    @Test
    void aChannelNamedAfterAPieceOfItsOwnUrlIsNamedWholeInTheLogWhileTheUrlStaysMasked() {
        Redactor r = NotifySecrets.redactor(config(new NotifyConfig.Webhook("redir307",
                new NotifyConfig.EnvSecret("U", "https://hooks.example.com/redir307/T0KEN9secretPath"), true)));
        assertThat(r.redact("{\"event\":\"notify_failed\",\"channel\":\"redir307\",\"error\":\"HTTP 307\"}"))
                .isEqualTo("{\"event\":\"notify_failed\",\"channel\":\"redir307\",\"error\":\"HTTP 307\"}");
        // the secret path, whole or cut short, is still masked around the name
        assertThat(r.redact("GET /redir307/T0KEN9secretPath failed")).doesNotContain("T0KEN9secret").doesNotContain("secretPath");
        assertThat(r.redact("echo: T0KEN9secr...")).isEqualTo("echo: <redacted>...");
    }
    @Test
    void aChannelNamedLikeAWholeSegmentOfItsUrlIsNamedWholeAndAPieceOfASecretAroundItIsStillMasked() {
        Redactor segment = NotifySecrets.redactor(config(new NotifyConfig.Webhook("redir307",
                new NotifyConfig.EnvSecret("U", "https://hooks.example.com/services/T0001/redir307"), true)));
        assertThat(segment.redact("{\"channel\":\"redir307\",\"error\":\"POST https://hooks.example.com/services/T0001/redir307 404\"}"))
                .isEqualTo("{\"channel\":\"redir307\",\"error\":\"POST <redacted> 404\"}");

        Redactor inside = NotifySecrets.redactor(config(new NotifyConfig.Webhook("redir307",
                new NotifyConfig.EnvSecret("U", "https://hooks.example.com/services/k9Qz7Lmredir307Ab3xY2pW"), true)));
        // an echo of the secret cut short, with the name inside it: no piece of it shows
        assertThat(inside.redact("token k9Qz7Lmredir307Ab3x cut")).doesNotContain("Lmredir").doesNotContain("307Ab3x");
    }
}
