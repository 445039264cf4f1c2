package dev.handoff.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.remote.FakeVendorServer;
import dev.handoff.testing.SecretScan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an outside tester fed back through the error paths: a 308-character webhook header echoed
 * the way Python and OWASP encoders write it, a 6-character one between percent-encoded quotes,
 * the API token inside {@code Basic base64(user:token)}; and a one-character header that masked
 * every "1" of the output.
 */
class SecretEchoFormsTest extends RemoteCliFixture {

    private static final String LONG_HEADER = "Bearer " + "bjQLnP+zepicpUTmu3gKL/HiQHT=".repeat(11) + "é";

    @ParameterizedTest
    @ValueSource(strings = {"quote", "json_ascii", "html_hex", "pct_mixed"})
    void aLongWebhookHeaderEchoedEncodedIsMasked(String form) {
        String pct = URLEncoder.encode(LONG_HEADER, StandardCharsets.UTF_8).replace("+", "%20");
        String echoed = switch (form) {
            case "quote" -> pct.replace("%2F", "/");
            case "json_ascii" -> LONG_HEADER.replace("é", "\\u00e9").replace("+", "\\u002b");
            case "html_hex" -> LONG_HEADER.replace("/", "&#x2F;").replace("+", "&#43;");
            default -> pct.replace("%2F", "%2f");
        };
        var r = pushEchoing(LONG_HEADER, "webhook test failed: auth=" + echoed);

        assertThat(r.err()).as(r.toString()).contains("auth=<redacted>").doesNotContain("bjQLnP").doesNotContain("HiQHT");
        SecretScan.assertAbsent(List.of(LONG_HEADER, echoed), tmp);
    }

    @Test
    void aShortWebhookHeaderBetweenPercentEncodedQuotesIsMasked() {
        String query = URLEncoder.encode("{\"x-api-key\": \"k7Qz9w\"}", StandardCharsets.UTF_8);
        var r = pushEchoing("k7Qz9w", "webhook test failed: GET https://hook.example/ping?h=" + query);

        assertThat(r.err()).as(r.toString()).contains("%22<redacted>%22").doesNotContain("k7Qz9w");
    }

    @Test
    void theTokenEchoedInsideBasicAuthIsMasked() {
        run("fetch");
        String basic = Base64.getEncoder().encodeToString(("user:" + QC_TOKEN).getBytes(StandardCharsets.UTF_8));
        server.enqueue("GET", FakeVendorServer.text(400, "application/json", "{\"error\":\"bad auth Basic " + basic + "\"}"));

        var r = run("-v", "diff");

        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        assertThat(r.err()).contains("Basic dXNlcj<redacted>").doesNotContain(basic.substring(8, 24));
    }

    @Test
    void aOneCharacterHeaderDoesNotGarbleTheOutput() {
        ObjectNode headers = (ObjectNode) server.agent("agt_123").get("categories").get(1).get("webhook").get("headers");
        headers.put("X-Tenant", "1");
        CliHarness harness = cli().env("PLUGIT_SALES_HUMAN_HANDOFF_X_TENANT", "1");
        run(harness, "fetch", "--target", "sales");
        edit(file("sales.yaml"), "or a framework contract", "or a framework deal");

        var r = run(harness, "push", "--target", "sales", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out() + r.err()).contains("1 change").contains("127.0.0.1").doesNotContain("<redacted>");
    }

    /** Exports the header value, so push sends it, and has the server refuse it quoting {@code error}. */
    private CliHarness.Result pushEchoing(String headerValue, String error) {
        CliHarness harness = cli().env("PLUGIT_SALES_HUMAN_HANDOFF_X_API_KEY", headerValue);
        run(harness, "fetch", "--target", "sales");
        server.enqueue("PATCH", FakeVendorServer.text(422, "application/json",
                JsonNodeFactory.instance.objectNode().put("error", error).toString()));
        var r = run(harness, "-v", "push", "--target", "sales", "--yes");
        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        return r;
    }
}
