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
 * Secrets that are not strings: a Plugit webhook header holding a number, a list or an object,
 * and non-string values under keys named like secrets. fetch writes each as a placeholder (never
 * the value, also not in the state directory), validate accepts what fetch wrote, push sends the
 * remote's JSON type back, and no diff shows them.
 */
class NonStringSecretsTest extends RemoteCliFixture {

    private static final String NUM = "99887766554433";
    private static final String LIST_ITEM = "whsec_LIST_2_a81f";
    private static final String OBJ_VALUE = "whsec_OBJ_3_c07e";
    private static final String CLIENT_SECRET = "424242424242";
    private static final String PASSWORD = "pw_OBJ_SECRET_77x";
    private static final String TOKEN_ITEM = "tok_LIST_SECRET_88y";
    private static final List<String> VALUES = List.of(NUM, LIST_ITEM, OBJ_VALUE, CLIENT_SECRET, PASSWORD, TOKEN_ITEM);

    @BeforeEach
    void nonStringSecretsOnTheRemote() {
        ObjectNode agent = server.agent("agt_123");
        ObjectNode headers = (ObjectNode) agent.get("categories").get(1).get("webhook").get("headers");
        headers.put("X-Num", Long.parseLong(NUM));
        headers.putArray("X-List").add("whsec_LIST_1_77d0").add(LIST_ITEM);
        headers.putObject("X-Obj").put("k", OBJ_VALUE);
        agent.put("client_secret", Long.parseLong(CLIENT_SECRET));
        agent.putObject("password").put("value", PASSWORD);
        agent.putArray("webhook_token").add(TOKEN_ITEM);
    }

    /** The harness with every variable set to the JSON text of the remote's value. */
    private CliHarness withVariables() {
        return cli().env("PLUGIT_SALES_HUMAN_HANDOFF_X_NUM", NUM)
                .env("PLUGIT_SALES_HUMAN_HANDOFF_X_LIST", "[\"whsec_LIST_1_77d0\", \"" + LIST_ITEM + "\"]")
                .env("PLUGIT_SALES_HUMAN_HANDOFF_X_OBJ", "{\"k\": \"" + OBJ_VALUE + "\"}")
                .env("PLUGIT_SALES_CLIENT_SECRET", CLIENT_SECRET)
                .env("PLUGIT_SALES_PASSWORD", "{\"value\": \"" + PASSWORD + "\"}")
                .env("PLUGIT_SALES_WEBHOOK_TOKEN", "[\"" + TOKEN_ITEM + "\"]");
    }

    @Test
    void keysNamedLikeOtherCredentialsAndAnyHeadersMapAreSecretsToo() {
        // an outside tester found these written in clear into the committed file
        ObjectNode agent = server.agent("agt_123");
        List<String> values = List.of("pk_PRIV_1a", "sk_SIGN_2b", "cred_3c", "pwd_4d", "bearer_5e", "cookie_6f", "hdr_7g");
        agent.put("private_key", values.get(0));
        agent.put("signing_key", values.get(1));
        agent.putObject("credentials").put("user", values.get(2));
        agent.put("pwd", values.get(3));
        agent.put("bearer", values.get(4));
        agent.put("session_cookie", values.get(5));
        agent.putObject("integration").putObject("headers").put("X-Custom", values.get(6));
        agent.put("keyword_hint", "not a secret");

        var r = run("fetch", "--target", "sales");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        String yaml = read(file("sales.yaml"));
        SecretScan.assertAbsent(values, tmp, r.out(), r.err());
        assertThat(yaml).contains("private_key: \"${env:PLUGIT_SALES_PRIVATE_KEY}\"")
                .contains("X-Custom: \"${env:").contains("keyword_hint: not a secret");
    }

    @Test
    void fetchWritesEveryNonStringSecretAsAPlaceholderThatValidateAccepts() {
        var r = run("fetch", "--target", "sales");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        String yaml = read(file("sales.yaml"));
        assertThat(yaml).contains("X-Num: \"${env:PLUGIT_SALES_HUMAN_HANDOFF_X_NUM}\"")
                .contains("X-List: \"${env:PLUGIT_SALES_HUMAN_HANDOFF_X_LIST}\"")
                .contains("X-Obj: \"${env:PLUGIT_SALES_HUMAN_HANDOFF_X_OBJ}\"")
                .contains("client_secret: \"${env:PLUGIT_SALES_CLIENT_SECRET}\"")
                .contains("password: \"${env:PLUGIT_SALES_PASSWORD}\"")
                .contains("webhook_token: \"${env:PLUGIT_SALES_WEBHOOK_TOKEN}\"");
        assertThat(r.err()).contains("PLUGIT_SALES_HUMAN_HANDOFF_X_NUM (a number)").contains("PLUGIT_SALES_PASSWORD (an object)");
        // neither the committed file nor the state directory (version snapshots) holds a value
        SecretScan.assertAbsent(VALUES, tmp, r.out(), r.err());

        var v = run("validate", "guidelines/sales.yaml");
        assertThat(v.exitCode()).as(v.toString()).isZero();
    }

    @Test
    void pushSendsTheRemotesJsonTypesBack() {
        fetchAndEditSales();

        var r = run(withVariables(), "push", "--target", "sales", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode sent = FakeVendorServer.body(server.requests("PATCH").get(0));
        JsonNode headers = null;
        for (JsonNode category : sent.get("categories")) {
            if (category.path("title").asText().equals("human_handoff")) {
                headers = category.get("webhook").get("headers");
            }
        }
        assertThat(headers).as(sent.toString()).isNotNull();
        assertThat(headers.get("X-Num").isNumber()).as(headers.toString()).isTrue();
        assertThat(headers.get("X-Num").asText()).isEqualTo(NUM);
        assertThat(headers.get("X-List").isArray()).isTrue();
        assertThat(headers.get("X-List").get(1).asText()).isEqualTo(LIST_ITEM);
        assertThat(headers.get("X-Obj").path("k").asText()).isEqualTo(OBJ_VALUE);
        assertThat(sent.get("client_secret").isNumber()).isTrue();
        assertThat(sent.get("password").path("value").asText()).isEqualTo(PASSWORD);
        assertThat(sent.get("webhook_token").get(0).asText()).isEqualTo(TOKEN_ITEM);
        assertThat(r.out()).contains("X-Num: secret unchanged").contains("password: secret unchanged");
        SecretScan.assertAbsent(VALUES, tmp, r.out(), r.err());
    }

    @Test
    void diffOfTwoFilesHidesNonStringSecretsAndNamesNoVariableNull() {
        String header = """
                x-handoff: {provider: plugit}
                title: Sales
                client_secret: %s
                categories:
                  - title: human_handoff
                    webhook:
                      url: https://hooks.example.com/h
                      headers:
                        X-List: ["whsec_LIST_1_77d0", "%s"]
                        X-Key: "${env:%s}"
                """;
        write(project.resolve("old.yaml"), header.formatted(CLIENT_SECRET, LIST_ITEM, "OLD_KEY"));
        write(project.resolve("new.yaml"), header.formatted("1" + CLIENT_SECRET, "whsec_LIST_9_0000", "NEW_KEY"));

        var r = run("diff", "old.yaml", "new.yaml");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(r.out()).contains("client_secret: secret changed")
                .contains("headers.X-List: secret changed")
                // two variables are two values, whatever they hold: the newer file sends another secret
                .contains("X-Key: \"${env:OLD_KEY}\" -> \"${env:NEW_KEY}\"")
                .doesNotContain("null").doesNotContain("whsec_LIST_9_0000");
        SecretScan.assertAbsent(VALUES, home, r.out(), r.err());

        var json = run("diff", "old.yaml", "new.yaml", "-o", "json");
        assertThat(json.out()).doesNotContain(LIST_ITEM).doesNotContain(CLIENT_SECRET).doesNotContain("whsec_LIST_9_0000");
    }

    @Test
    void validateSuggestsTheVariableFetchWouldWrite() {
        write(file("sales.yaml"), """
                x-handoff: {provider: plugit}
                title: Sales
                categories:
                  - title: human_handoff
                    criteria: The user asks for a person.
                    webhook:
                      url: https://hooks.example.com/h
                      headers:
                        X-Num: %s
                """.formatted(NUM));
        write(project.resolve("elsewhere/agent.yaml"), read(file("sales.yaml")));

        var known = run("validate", "guidelines/sales.yaml");
        var unknown = run("validate", "elsewhere/agent.yaml");

        assertThat(known.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(known.out()).contains("${env:PLUGIT_SALES_HUMAN_HANDOFF_X_NUM}").doesNotContain(NUM);
        assertThat(unknown.out()).contains("${env:PLUGIT_<TARGET>_HUMAN_HANDOFF_X_NUM}").contains("the file's target in handoff.yaml");
    }
}
