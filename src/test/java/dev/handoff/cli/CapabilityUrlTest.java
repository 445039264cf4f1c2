package dev.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.remote.FakeVendorServer;
import dev.handoff.testing.SecretScan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Plugit category whose webhook posts to a Slack incoming webhook: the URL is the credential
 * (anyone holding it can post to the channel), so it is kept out of the committed file like a
 * header value, and validate accepts the placeholder where a URL is expected.
 */
class CapabilityUrlTest extends RemoteCliFixture {

    private static final String SLACK_PATH = "x7Lq2Vb9Rt4Mz8Nc1Kd6Pw3S";
    private static final String SLACK_URL = "https://hooks.slack.com/services/T01ABCDEF/B02GHIJKL/" + SLACK_PATH;
    private static final String VARIABLE = "PLUGIT_SALES_CATEGORIES_LARGE_ORDER_WEBHOOK_URL";

    @BeforeEach
    void aSlackWebhookOnTheRemote() {
        ObjectNode agent = server.agent("agt_123");
        ((ObjectNode) agent.get("categories").get(0).get("webhook")).put("url", SLACK_URL);
    }

    @Test
    void fetchWritesItAsAPlaceholderThatValidateAccepts() {
        var r = run("fetch", "--target", "sales");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(read(file("sales.yaml"))).contains("url: \"${env:" + VARIABLE + "}\"");
        assertThat(r.err()).contains(VARIABLE);
        var v = run("validate", "guidelines/sales.yaml");
        assertThat(v.exitCode()).as(v.toString()).isZero();
        SecretScan.assertAbsent(List.of(SLACK_URL, SLACK_PATH), tmp, r.out(), r.err(), v.out(), v.err());
    }

    @Test
    void aFileFetchedWithItsPlaceholderIsNoEditWhenTheRemoteMovesAndIsFetchedAgain() {
        assertThat(run("fetch", "--target", "sales").exitCode()).isZero();
        server.agent("agt_123").put("prompt", "Changed in the dashboard.");

        var again = run("fetch", "--target", "sales");

        assertThat(again.exitCode()).as("the placeholder where the URL stood is not an edit: " + again).isZero();
        assertThat(read(file("sales.yaml"))).contains("Changed in the dashboard.").contains("url: \"${env:" + VARIABLE + "}\"");
        assertThat(again.err()).doesNotContain("edits that were not pushed");
    }

    @Test
    void aSecretWrittenIntoTheFileInClearIsAnEditFetchKeepsThoughTheFilesHashMasksIt() {
        assertThat(run("fetch", "--target", "sales").exitCode()).isZero();
        String rotated = "https://hooks.slack.com/services/T01ABCDEF/B02GHIJKL/n3wP4thR0tat3dV4lu3xYz";
        edit(file("sales.yaml"), "\"${env:" + VARIABLE + "}\"", "\"" + rotated + "\"");
        String edited = read(file("sales.yaml"));
        server.agent("agt_123").put("prompt", "Changed in the dashboard.");

        var again = run("fetch", "--target", "sales");

        assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(again.err()).contains("has edits that were not pushed");
        assertThat(read(file("sales.yaml"))).as("the edit is kept").isEqualTo(edited);
        assertThat(again.out() + again.err()).doesNotContain(rotated).doesNotContain(SLACK_PATH);
    }

    @Test
    void fetchAsksOnlyForThePlaceholderVariablesThatAreNotSetYet() {
        var unset = run("fetch", "--target", "sales");
        assertThat(unset.err()).contains("set these variables before 'handoff push': " + VARIABLE);

        var set = run(cli().env(VARIABLE, SLACK_URL), "fetch", "--target", "sales", "--force");

        assertThat(set.exitCode()).as(set.toString()).isZero();
        assertThat(set.err()).doesNotContain("set these variables").doesNotContain(VARIABLE);
        assertThat(read(file("sales.yaml"))).contains("url: \"${env:" + VARIABLE + "}\"");
    }

    @Test
    void pushSendsTheUrlFromTheEnvironmentAndMasksItsEcho() {
        fetchAndEditSales();
        server.enqueue("PATCH", FakeVendorServer.text(422, "text/plain", "webhook " + SLACK_PATH + " is archived"));

        var failed = run(cli().env(VARIABLE, SLACK_URL), "push", "--target", "sales", "--yes");

        assertThat(failed.exitCode()).as(failed.toString()).isNotZero();
        assertThat(failed.err()).contains("webhook <redacted> is archived");
        JsonNode sent = FakeVendorServer.body(server.requests("PATCH").get(0));
        List<String> urls = new java.util.ArrayList<>();
        sent.get("categories").forEach(c -> urls.add(c.path("title").asText() + " " + c.path("webhook").path("url").asText()));
        assertThat(urls).contains("large_order " + SLACK_URL);

        var missing = run("push", "--target", "sales", "--yes");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains(VARIABLE + " is not set");
        SecretScan.assertAbsent(List.of(SLACK_URL, SLACK_PATH), tmp, failed.out(), failed.err(), missing.out(), missing.err());
    }

    @Test
    void shortHeaderValuesAreNoSecretsOfTheTextAndAFragmentTokenIsOne() {
        ObjectNode agent = server.agent("agt_123");
        ObjectNode category = (ObjectNode) agent.get("categories").get(1);
        ((ObjectNode) category.get("webhook").get("headers")).put("X-Env", "Prod").put("X-Debug", "true");
        ((ObjectNode) category.get("webhook")).put("url", "https://ops.example.com/hook#access_token=frag9Tok3nValue");
        agent.put("prompt", "Answer true or false. We are in Prod, PROD and prod. Visit https://prod.example.com/help");

        var r = run(cli().env("PLUGIT_SALES_HUMAN_HANDOFF_X_ENV", "Prod").env("PLUGIT_SALES_HUMAN_HANDOFF_X_DEBUG", "true"),
                "fetch", "--target", "sales");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        String yaml = read(file("sales.yaml"));
        assertThat(yaml).contains("Answer true or false. We are in Prod, PROD and prod. Visit https://prod.example.com/help")
                .contains("disableAI: true").doesNotContain("<redacted>").doesNotContain("frag9Tok3nValue")
                .contains("url: \"${env:PLUGIT_SALES_CATEGORIES_HUMAN_HANDOFF_WEBHOOK_URL}\"");
        assertThat(r.err()).doesNotContain("holds a secret's value in its text");
        assertThat(run("validate", "guidelines/sales.yaml").exitCode()).isZero();
    }

    @Test
    void aFetchedTextHoldingTheMaskIsAnErrorForValidate() {
        write(project.resolve("masked.yaml"), """
                x-handoff: {provider: plugit}
                title: Sales
                categories:
                  - title: large_order
                    criteria: The user wants a quote. Region <redacted> first.
                """);
        var r = run("validate", "masked.yaml");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("masked.yaml:5:15: error: categories[0].criteria: holds <redacted>, the mask handoff writes");
    }

    @Test
    void validateRefusesItInClearWithoutQuotingIt() {
        write(project.resolve("hook.yaml"), """
                x-handoff: {provider: plugit}
                title: Sales
                categories:
                  - title: large_order
                    criteria: The user wants a quote.
                    webhook:
                      url: %s
                  - title: broken
                    criteria: The user wants a quote.
                    webhook:
                      url: https://ops.example.com/h?token=tk 9fQ2vLm81xZ
                """.formatted(SLACK_URL));

        var r = run("validate", "hook.yaml");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("'url' holds a secret written in clear").contains("the URL is not a URL");
        SecretScan.assertAbsent(List.of(SLACK_URL, SLACK_PATH, "9fQ2vLm81xZ"), tmp.resolve("home"), r.out(), r.err());
    }
}
