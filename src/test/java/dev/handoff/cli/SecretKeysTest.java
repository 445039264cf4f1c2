package dev.handoff.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.remote.FakeVendorServer;
import dev.handoff.testing.SecretScan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which remote fields are secrets, as an outside tester found them in a Quickchat document with
 * undocumented fields: a consent text and a token count were hidden, while an auth header, a
 * passphrase, headers given as a list and a URL with a password were written in clear.
 */
class SecretKeysTest extends RemoteCliFixture {

    private static final String AUTH = "Basic dXNlcjpodW50ZXIy";
    private static final String PASSPHRASE = "correct horse battery staple";
    private static final String CRM_PASSWORD = "hunter2pass";
    private static final String CRM_URL = "https://admin:" + CRM_PASSWORD + "@crm.example.com/api";
    private static final String LIST_HEADER = "Bearer zd_LISTFORM_SECRET";
    private static final String SLACK_URL = "https://hooks.slack.com/services/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";
    private static final String TICKET_TOKEN = "tk_9fQ2vLm81xZ";
    private static final String TICKET_URL = "https://tickets.example.com/hook?team=support&token=" + TICKET_TOKEN;
    private static final List<String> VALUES = List.of(AUTH, PASSPHRASE, CRM_URL, CRM_PASSWORD, LIST_HEADER, "zd_LISTFORM_SECRET",
            SLACK_URL, "q8R9s0T1u2V3w4X5y6Z7a8B9", TICKET_TOKEN);

    @BeforeEach
    void undocumentedFieldsOnTheRemote() {
        ObjectNode settings = (ObjectNode) server.quickchat().get("settings");
        settings.put("cookie_consent_message", "We use cookies to improve the chat.");
        settings.put("max_tokens", 512);
        settings.put("password_required", true);
        settings.put("auth", AUTH);
        settings.put("passphrase", PASSPHRASE);
        settings.put("crm_url", CRM_URL);
        settings.put("escalation_webhook", SLACK_URL);
        settings.put("ticket_hook", TICKET_URL);
        ObjectNode zendesk = settings.putArray("integrations").addObject().put("type", "zendesk");
        zendesk.putArray("headers").addObject().put("name", "Authorization").put("value", LIST_HEADER);
    }

    @Test
    void fetchHidesTheSecretsAndShowsTheRest() {
        var r = run("fetch");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        String yaml = read(file("support.yaml"));
        assertThat(yaml).contains("cookie_consent_message: We use cookies to improve the chat.")
                .contains("max_tokens: 512").contains("password_required: true")
                .contains("auth: \"${env:QUICKCHAT_SUPPORT_SETTINGS_AUTH}\"")
                .contains("passphrase: \"${env:QUICKCHAT_SUPPORT_SETTINGS_PASSPHRASE}\"")
                .contains("crm_url: \"${env:QUICKCHAT_SUPPORT_SETTINGS_CRM_URL}\"")
                .contains("escalation_webhook: \"${env:QUICKCHAT_SUPPORT_SETTINGS_ESCALATION_WEBHOOK}\"")
                .contains("ticket_hook: \"${env:QUICKCHAT_SUPPORT_SETTINGS_TICKET_HOOK}\"")
                .contains("value: \"${env:QUICKCHAT_SUPPORT_SETTINGS_INTEGRATIONS_0_HEADERS_AUTHORIZATION_VALUE}\"");
        SecretScan.assertAbsent(VALUES, tmp, r.out(), r.err());
        // the file's variables are kept on the next fetch, so nothing differs (the headers list's parent has no name)
        assertThat(run("diff").out()).contains("no changes").doesNotContain("_2}");
        // what fetch wrote passes validate: no secret in clear, no placeholder refused
        var v = run("validate", "guidelines/support.yaml");
        assertThat(v.out() + v.err()).doesNotContain("holds a secret");
    }

    @Test
    void aPasswordInAUrlIsComparedAsASecretAndNeverShown() {
        run("fetch");
        CliHarness rotated = cli().env("QUICKCHAT_SUPPORT_SETTINGS_CRM_URL", "https://admin:rotated-pass-77@crm.example.com/api");

        var r = run(rotated, "diff");

        assertThat(r.out()).as(r.toString()).contains("settings.crm_url").contains("secret changed")
                .doesNotContain("rotated-pass-77").doesNotContain(CRM_PASSWORD);
    }

    @Test
    void thePasswordOfAUrlEchoedAloneIsMasked() {
        run("fetch");
        edit(file("support.yaml"), "someone from our support team?", "someone from our team?");
        CliHarness harness = cli().env("QUICKCHAT_SUPPORT_SETTINGS_CRM_URL", CRM_URL)
                .env("QUICKCHAT_SUPPORT_SETTINGS_ESCALATION_WEBHOOK", SLACK_URL).env("QUICKCHAT_SUPPORT_SETTINGS_TICKET_HOOK", TICKET_URL)
                .env("QUICKCHAT_SUPPORT_SETTINGS_AUTH", AUTH).env("QUICKCHAT_SUPPORT_SETTINGS_PASSPHRASE", PASSPHRASE)
                .env("QUICKCHAT_SUPPORT_SETTINGS_INTEGRATIONS_0_HEADERS_AUTHORIZATION_VALUE", LIST_HEADER);
        server.enqueue("PUT", FakeVendorServer.text(400, "text/plain", "crm login failed for admin:" + CRM_PASSWORD
                + "; ticket token " + TICKET_TOKEN + " expired; slack said invalid_token q8R9s0T1u2V3w4X5y6Z7a8B9"));

        var r = run(harness, "-v", "push", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        assertThat(r.out() + r.err()).contains("admin:<redacted>").contains("ticket token <redacted> expired")
                .contains("invalid_token <redacted>");
        SecretScan.assertAbsent(VALUES, tmp, r.out(), r.err());
    }
}
