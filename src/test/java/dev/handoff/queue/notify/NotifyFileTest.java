package dev.handoff.queue.notify;

import dev.handoff.error.HandoffException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The notifications file: what it holds, and one plain line with file:line:column for each mistake. */
class NotifyFileTest {

    static final Path DIR = Path.of("src/test/resources/notify");
    static final Map<String, String> ENV = Map.of("SMTP_PASSWORD", "pw-Jq7Ls0Xe", "SLACK_WEBHOOK_URL",
            "https://hooks.slack.com/services/T0/B0/secretXyz");

    private static NotifyConfig load(String name, Map<String, String> env) {
        return NotifyFile.load(DIR.resolve(name), DIR.resolve(name), env::get);
    }

    private static NotifyConfig parse(String yaml) {
        return NotifyFile.parse(Path.of("notify.yaml"), yaml, ENV::get);
    }

    @Test
    void theDocumentedExampleReadsIntoAnEmailAndAWebhookChannelWithTheirSecrets() {
        NotifyConfig c = load("notify-email-and-chat.yaml", ENV);
        assertThat(c.channelNames()).containsExactly("team-email", "team-chat");
        assertThat(c.link()).isEqualTo("https://inbox.example.com/handoffs/{id}");
        assertThat(c.lastMessages()).isEqualTo(5);
        NotifyConfig.Email email = (NotifyConfig.Email) c.channels().get(0);
        assertThat(email.host()).isEqualTo("smtp.example.com");
        assertThat(email.port()).isEqualTo(587);
        assertThat(email.tls()).isEqualTo(NotifyConfig.TlsMode.STARTTLS);
        assertThat(email.password().value()).isEqualTo("pw-Jq7Ls0Xe");
        assertThat(email.password().toString()).doesNotContain("pw-Jq7Ls0Xe");
        assertThat(email.to()).containsExactly("support@example.com", "oncall@example.com");
        NotifyConfig.Webhook chat = (NotifyConfig.Webhook) c.channels().get(1);
        assertThat(chat.url().value()).isEqualTo(ENV.get("SLACK_WEBHOOK_URL"));
        assertThat(chat.blocks()).isTrue();
        assertThat(c.retry().maxAttempts()).isEqualTo(8);
        assertThat(c.retry().firstDelay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.retry().maxDelay()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aMissingVariableNamesItWhereTheFileNamesIt() {
        assertThatThrownBy(() -> load("notify-email-and-chat.yaml", Map.of("SMTP_PASSWORD", "pw")))
                .isInstanceOf(HandoffException.class)
                .hasMessage(DIR.resolve("notify-email-and-chat.yaml")
                        + ":16:14: channels[1].url_env: SLACK_WEBHOOK_URL is not set: it holds the chat webhook's URL")
                .satisfies(e -> assertThat(((HandoffException) e).kind()).isEqualTo(HandoffException.Kind.USAGE));
    }

    @Test
    void aPasswordWrittenInTheFileIsRefusedPointingToPasswordEnv() {
        assertThatThrownBy(() -> load("notify-password-written-in-the-file.yaml", ENV))
                .hasMessageEndingWith("notify-password-written-in-the-file.yaml:6:5: channels[0].password: unknown key")
                .hasMessageNotContaining("hunter2")
                .satisfies(e -> assertThat(((HandoffException) e).hint()).contains("password_env"));
    }

    @Test
    void aMisspeltPasswordOrUrlKeyGetsTheSecretHintWithoutItsValue() {
        for (String key : List.of("pasword", "passwd", "Password", "pass", "pwd", "secret")) {
            assertThatThrownBy(() -> NotifyFile.parse(Path.of("n.yaml"), "channels:\n  - {name: m, type: email, host: h, from: a@b.c,"
                    + " to: [x@y.z], username: u, " + key + ": Smtp_S3cret_99}\n", ENV::get))
                    .hasMessageEndingWith("channels[0]." + key + ": unknown key").hasMessageNotContaining("Smtp_S3cret_99")
                    .satisfies(e -> assertThat(((HandoffException) e).hint())
                            .startsWith("a secret never stands in this file: use password_env").doesNotContain("Smtp_S3cret_99"));
        }
        for (String key : List.of("URL", "webhook_url", "webhook")) {
            assertThatThrownBy(() -> NotifyFile.parse(Path.of("n.yaml"), "channels: [{name: c, type: webhook, " + key + ": https://h/x}]\n",
                    ENV::get)).satisfies(e -> assertThat(((HandoffException) e).hint()).as(key).contains("use url_env"));
        }
        // a typo of an ordinary key still gets its own suggestion
        assertThatThrownBy(() -> NotifyFile.parse(Path.of("n.yaml"), "channels: [{name: c, type: webhook, url_env: U, blocs: 1}]\n", ENV::get))
                .satisfies(e -> assertThat(((HandoffException) e).hint()).startsWith("did you mean 'blocks'?"));
    }

    @Test
    void aPortOutOfRangeNamesTheLineAndColumn() {
        assertThatThrownBy(() -> load("notify-port-out-of-range.yaml", ENV))
                .hasMessageEndingWith("notify-port-out-of-range.yaml:5:11: channels[0].port: '70000' is not a whole number from 1 to 65535");
    }

    @Test
    void aWebhookUrlThatIsNotAUrlIsRefusedWithoutPrintingIt() {
        assertThatThrownBy(() -> NotifyFile.parse(Path.of("n.yaml"), "channels: [{name: c, type: webhook, url_env: U}]\n",
                Map.of("U", "hooks.slack.com/services/secretXyz")::get))
                .hasMessage("n.yaml:1:46: channels[0].url_env: the value of U is not an http(s) URL")
                .hasMessageNotContaining("secretXyz");
    }

    @Test
    void aWebhookUrlTheSenderCannotPostToIsRefusedAtStartWithoutPrintingIt() {
        for (String url : new String[]{"https://hooks.example.com:99999/services/T0/B0/secretXyz",
                "https://hooks.example.com:0/services/T0/B0/secretXyz",
                "https://hooks.exa mple.com/services/T0/B0/secretXyz"}) {
            var e = org.assertj.core.api.Assertions.catchThrowableOfType(() -> NotifyFile.parse(Path.of("n.yaml"),
                    "channels: [{name: c, type: webhook, url_env: U}]\n", Map.of("U", url)::get), HandoffException.class);
            assertThat(e).as(url).isNotNull();
            assertThat(e.getMessage()).as(url).startsWith("n.yaml:1:46: channels[0].url_env: the value of U is not")
                    .doesNotContain("secretXyz").doesNotContain("hooks.exa");
            assertThat(e.hint()).doesNotContain("secretXyz");
            if (url.contains(":99999")) {
                assertThat(e.getMessage()).contains("not a URL the chat sender can post to (a port out of 1-65535");
            }
        }
        assertThat(NotifyFile.parse(Path.of("n.yaml"), "channels: [{name: c, type: webhook, url_env: U}]\n",
                Map.of("U", "https://hooks.example.com:8443/services/T0/B0/secretXyz")::get).channels()).hasSize(1);
    }

    @Test
    void aSecretPastedWhereItsVariablesNameBelongsIsNeverRepeated() {
        String url = "https://hooks.slack.com/services/T0AAAA/B0BBBB/clearPw_InTheFile_12345";
        assertThatThrownBy(() -> parse("channels: [{name: c, type: webhook, url_env: '" + url + "'}]\n"))
                .hasMessageContaining("channels[0].url_env: not an environment variable name (value not shown")
                .hasMessageNotContaining("clearPw_InTheFile");
        var pasted = org.assertj.core.api.Assertions.catchThrowableOfType(() -> parse(
                "channels:\n  - {name: m, type: email, host: h, username: u, password_env: clearPw_InTheFile_12345, from: a@b.c, to: a@b.c}\n"),
                HandoffException.class);
        assertThat(pasted.getMessage()).contains("channels[0].password_env: the variable named there is not set")
                .doesNotContain("clearPw_InTheFile");
        assertThat(pasted.hint()).doesNotContain("clearPw_InTheFile");
    }

    @Test
    void otherMistakesEachGetTheirOwnPlainLine() {
        assertThatThrownBy(() -> parse("channels: []\n")).hasMessageContaining("expected a list of at least one channel");
        assertThatThrownBy(() -> parse("channels:\n  - {name: a, type: sms}\n"))
                .hasMessage("notify.yaml:2:21: channels[0].type: 'sms' is not a channel type");
        assertThatThrownBy(() -> parse("channels:\n  - {name: a, type: webhook, url_env: SLACK_WEBHOOK_URL}\n"
                + "  - {name: a, type: webhook, url_env: SLACK_WEBHOOK_URL}\n"))
                .hasMessageContaining("notify.yaml:3:12: channels[1].name: 'a' is used by an earlier channel");
        assertThatThrownBy(() -> parse("channels:\n  - {name: m, type: email, host: h, from: a@b.c, to: [not-an-address]}\n"))
                .hasMessageContaining("channels[0].to[0]: 'not-an-address' is not an e-mail address");
        assertThatThrownBy(() -> parse("channels:\n  - {name: m, type: email, host: h, username: u, from: a@b.c, to: a@b.c}\n"))
                .hasMessageContaining("username is set but password_env is not");
        assertThatThrownBy(() -> parse("channels:\n  - {name: m, type: email, host: h, tls: ssl, from: a@b.c, to: a@b.c}\n"))
                .hasMessageContaining("channels[0].tls: 'ssl' is not a TLS mode");
        assertThatThrownBy(() -> parse("last_messages: 50\nchannels:\n  - {name: c, type: webhook, url_env: SLACK_WEBHOOK_URL}\n"))
                .hasMessage("notify.yaml:1:16: last_messages: '50' is not a whole number from 0 to 20");
        assertThatThrownBy(() -> parse("retry: {first_delay: soon}\nchannels:\n  - {name: c, type: webhook, url_env: SLACK_WEBHOOK_URL}\n"))
                .hasMessageContaining("notify.yaml:1:22: retry.first_delay: 'soon' is not a duration");
        assertThatThrownBy(() -> parse("chanels: []\n")).hasMessageContaining("notify.yaml:1:1: chanels: unknown key");
        assertThatThrownBy(() -> parse("chanels: []\n"))
                .isInstanceOfSatisfying(HandoffException.class, e -> assertThat(e.hint()).startsWith("did you mean 'channels'? expected one of:"));
        assertThatThrownBy(() -> parse("channels:\n  - {name: c, typ: webhook, url_env: SLACK_WEBHOOK_URL}\n"))
                .isInstanceOfSatisfying(HandoffException.class, e -> {
                    assertThat(e.getMessage()).contains("typ: unknown key");
                    assertThat(e.hint()).startsWith("did you mean 'type'?");
                });
        assertThatThrownBy(() -> parse("retry: {timout: 5s}\nchannels:\n  - {name: c, type: webhook, url_env: SLACK_WEBHOOK_URL}\n"))
                .isInstanceOfSatisfying(HandoffException.class, e -> assertThat(e.hint()).startsWith("did you mean 'timeout'?"));
    }

    @Test
    void everyFileInTheDocsIsValidAndTheFirstIsTheOneTestedHere() throws Exception {
        String page = java.nio.file.Files.readString(Path.of("docs/inbox-notifications.md"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("```yaml\n(.*?)```", java.util.regex.Pattern.DOTALL).matcher(page);
        java.util.List<NotifyConfig> documented = new java.util.ArrayList<>();
        while (m.find()) {
            documented.add(NotifyFile.parse(Path.of("docs/inbox-notifications.md"), m.group(1), ENV::get));
        }
        assertThat(documented).hasSize(2);
        assertThat(documented.get(0)).isEqualTo(load("notify-email-and-chat.yaml", ENV));
        assertThat(((NotifyConfig.Email) documented.get(1).channels().get(0)).tls()).isEqualTo(NotifyConfig.TlsMode.NONE);
    }

    @Test
    void aPlainLocalCatcherNeedsNoLoginAndDefaultsToPort25() {
        NotifyConfig c = parse("channels:\n  - {name: m, type: email, host: 127.0.0.1, tls: none, from: a@b.c, to: x@y.z}\n");
        NotifyConfig.Email e = (NotifyConfig.Email) c.channels().get(0);
        assertThat(e.port()).isEqualTo(25);
        assertThat(e.username()).isNull();
        assertThat(e.password()).isNull();
        assertThat(c.lastMessages()).isEqualTo(NotifyFile.DEFAULT_LAST_MESSAGES);
        assertThat(c.retry()).isEqualTo(NotifyConfig.Retry.DEFAULTS);
    }
}
