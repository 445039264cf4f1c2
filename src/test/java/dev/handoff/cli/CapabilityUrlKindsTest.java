package dev.handoff.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.testing.SecretScan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Capability URLs beyond Slack's and secrets under short key names, as an outside tester found
 * them written in clear into the committed file by fetch: Make, n8n, Mattermost, Telegram, Pipedream
 * and Azure Functions' {@code ?code=} in Plugit webhooks; {@code jwt}, {@code pass}, a connection
 * string and a Sentry DSN in undocumented Quickchat fields. fetch writes placeholders, validate
 * refuses them in clear as it refuses a Slack URL, and neither shows them.
 */
class CapabilityUrlKindsTest extends RemoteCliFixture {

    private static final Map<String, String> HOOKS = Map.of(
            "make", "https://hook.eu1.make.com/k7d2m9q4x1v8b3n6p0r5t2w7",
            "azure", "https://contoso-fn.azurewebsites.net/api/handoff?code=Fq3kZ9vT2mLx8RwP0yBnC4hJ6sD1gA5e",
            "n8n", "https://n8n.example.com/webhook/6f1c2a9e-4b7d-4c3f-9a8e-1d2b3c4e5f60",
            "telegram", "https://api.telegram.org/bot7012345678:AAHk3Jd9sLq2Zx8Vb4Nm6Pc1Ty5Rw0Ue7Io/sendMessage",
            "mattermost", "https://chat.example.com/hooks/xk4h7dq9b3fz8pm2c6w1t5ry0e",
            "pipedream", "https://eo1a2b3c4d5e6f7.m.pipedream.net");
    private static final List<String> PARTS = List.of("k7d2m9q4x1v8b3n6p0r5t2w7", "Fq3kZ9vT2mLx8RwP0yBnC4hJ6sD1gA5e",
            "6f1c2a9e-4b7d-4c3f-9a8e-1d2b3c4e5f60", "AAHk3Jd9sLq2Zx8Vb4Nm6Pc1Ty5Rw0Ue7Io", "xk4h7dq9b3fz8pm2c6w1t5ry0e", "eo1a2b3c4d5e6f7");
    private static final String DOCS_URL = "https://docs.example.com/hooks/gettingstartedwithhooks";

    private static final Map<String, String> FIELDS = Map.of(
            "jwt", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlX3Rlc3Q",
            "pass", "Pa55_word_Lq2Zx8",
            "cred", "cred_Xy7Zq4Wv1Ut8",
            "salt", "salt_Hq73xLmzPq",
            "otp_seed", "JBSWY3DPEHPK3PXP",
            "sessionId", "sess_9fQ2vLm81xZk",
            "connection_string", "Server=db.example.com;Database=crm;User Id=app;Password=Cs_Pw7Hq2Lm9x;",
            "error_reporting", "https://0a1b2c3d4e5f60718293a4b5c6d7e8f9@o123456.ingest.sentry.io/4505");

    @Test
    void fetchWritesPlaceholdersForTheUrlsThatValidateAcceptsAndKeepsAnOrdinaryUrl() {
        ArrayNode categories = (ArrayNode) server.agent("agt_123").get("categories");
        HOOKS.forEach((title, url) -> categories.addObject().put("title", title).put("criteria", "c")
                .putObject("webhook").put("url", url).putObject("headers"));
        categories.addObject().put("title", "docs").put("criteria", "c").putObject("webhook").put("url", DOCS_URL).putObject("headers");

        var r = run("fetch", "--target", "sales");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        String yaml = read(file("sales.yaml"));
        for (String title : HOOKS.keySet()) {
            String variable = "PLUGIT_SALES_CATEGORIES_" + title.toUpperCase() + "_WEBHOOK_URL";
            assertThat(yaml).as(title).contains("url: \"${env:" + variable + "}\"");
        }
        assertThat(yaml).as("a documentation page is no secret").contains("url: " + DOCS_URL);
        var v = run("validate", "guidelines/sales.yaml");
        assertThat(v.out() + v.err()).doesNotContain("holds a secret");
        SecretScan.assertAbsent(concat(HOOKS.values(), PARTS), tmp, r.out(), r.err(), v.out(), v.err());
    }

    @Test
    void validateRefusesEachInClearAsItRefusesASlackUrlWithoutQuotingIt() {
        StringBuilder file = new StringBuilder("x-handoff: {provider: plugit}\ntitle: Sales\ncategories:\n");
        HOOKS.forEach((title, url) -> file.append("  - title: ").append(title).append("\n    criteria: c\n    webhook:\n      url: ")
                .append(url).append("\n"));
        file.append("  - title: docs\n    criteria: c\n    webhook:\n      url: ").append(DOCS_URL).append("\n");
        write(project.resolve("hooks.yaml"), file.toString());

        var r = run("validate", "hooks.yaml");

        assertThat(r.exitCode()).isEqualTo(1);
        long errors = r.out().lines().filter(l -> l.contains("'url' holds a secret written in clear")).count();
        assertThat(errors).as(r.out()).isEqualTo(HOOKS.size());
        assertThat(r.out()).contains("${env:PLUGIT_<TARGET>_CATEGORIES_TELEGRAM_WEBHOOK_URL}");
        SecretScan.assertAbsent(concat(HOOKS.values(), PARTS), tmp.resolve("home"), r.out(), r.err());
    }

    @Test
    void fetchWritesPlaceholdersForSecretsUnderShortNamesInUndocumentedFields() {
        ObjectNode settings = (ObjectNode) server.quickchat().get("settings");
        FIELDS.forEach(settings::put);
        settings.put("bypass", "pass_rate_Lq2Zx8_is_no_secret").put("salt_rounds", 12);

        var r = run("fetch");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        String yaml = read(file("support.yaml"));
        for (String key : FIELDS.keySet()) {
            String variable = "QUICKCHAT_SUPPORT_SETTINGS_" + key.toUpperCase(); // sessionId: SESSIONID
            assertThat(yaml).as(key).contains(key + ": \"${env:" + variable + "}\"");
        }
        assertThat(yaml).contains("bypass: pass_rate_Lq2Zx8_is_no_secret").contains("salt_rounds: 12");
        SecretScan.assertAbsent(concat(FIELDS.values(), List.of("Cs_Pw7Hq2Lm9x", "0a1b2c3d4e5f60718293a4b5c6d7e8f9")),
                tmp, r.out(), r.err());
    }

    private static List<String> concat(java.util.Collection<String> a, List<String> b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
