package dev.handoff.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.handoff.remote.FakeVendorServer;
import dev.handoff.testing.SecretScan;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server echoes a secret in an error the way its own stack encodes it: a webhook header value
 * percent-encoded inside a URL (RFC 3986, not Java's form encoding), a token JSON-escaped without
 * escaping '/', or with HTML entities. None of it may reach the terminal, with or without -v.
 */
class EncodedSecretEchoTest extends RemoteCliFixture {

    /** Has every character the encodings treat differently: space, '/', '+', '='. */
    private static final String HEADER_VALUE = "Basic dXNlcjpw/YXNz+Zm9v==";
    /** Has both '/' and '"', which JSON may write as '\/' or '/' and '\"'. */
    private static final String SLASH_QUOTE_TOKEN = "qc/ab+cd&ef<gh>\"ij==";

    @ParameterizedTest(name = "{0}, verbose {1}")
    @CsvSource({
            "'Basic%20dXNlcjpw%2FYXNz%2BZm9v%3D%3D', false",
            "'Basic%20dXNlcjpw%2FYXNz%2BZm9v%3D%3D', true",
            "'Basic%20dXNlcjpw%2fYXNz%2bZm9v%3d%3d', false",
            "'Basic%20dXNlcjpw/YXNz%2BZm9v%3D%3D', true",
            "'Basic+dXNlcjpw%2FYXNz%2BZm9v%3D%3D', false",
    })
    void aWebhookHeaderValueEchoedPercentEncodedIsMasked(String echoed, boolean verbose) {
        CliHarness harness = cli().env("PLUGIT_SALES_HUMAN_HANDOFF_X_API_KEY", HEADER_VALUE);
        run(harness, "fetch", "--target", "sales");
        String body = JsonNodeFactory.instance.objectNode()
                .put("error", "webhook test failed: GET https://hook.example/ping?auth=" + echoed).toString();
        server.enqueue("PATCH", FakeVendorServer.text(422, "application/json", body));
        List<String> args = new ArrayList<>(verbose ? List.of("-v") : List.of());
        args.addAll(List.of("push", "--target", "sales", "--yes"));

        var r = run(harness, args.toArray(String[]::new));

        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        assertThat(r.err()).contains("ping?auth=<redacted>");
        assertThat(r.out() + r.err()).doesNotContain(echoed).doesNotContain("dXNlcjpw");
        SecretScan.assertAbsent(List.of(HEADER_VALUE, echoed), tmp);
    }

    @ParameterizedTest(name = "{0}, verbose {1}")
    @CsvSource(delimiter = '|', value = {
            "qc/ab+cd&ef<gh>\\\"ij==                           | false",
            "qc/ab+cd&ef<gh>\\\"ij==                           | true",
            "qc\\/ab+cd&ef<gh>\\\"ij==                         | false",
            "qc/ab+cd\\u0026ef\\u003cgh\\u003e\\\"ij==         | true",
            "qc/ab+cd&amp;ef&lt;gh&gt;&quot;ij==             | false",
    })
    void aTokenWithSlashAndQuoteEchoedJsonEscapedIsMasked(String echoed, boolean verbose) {
        run("fetch");
        // the fake server does not know this token: the scripted answer comes before its check
        CliHarness harness = cli().env("QC_TOKEN", SLASH_QUOTE_TOKEN);
        server.enqueue("GET", FakeVendorServer.text(400, "application/json", "{\"detail\":{\"token\":\"" + echoed + "\"}}"));
        List<String> args = new ArrayList<>(verbose ? List.of("-v") : List.of());
        args.add("diff");

        var r = run(harness, args.toArray(String[]::new));

        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        assertThat(r.out() + r.err()).as(r.toString()).contains("<redacted>").doesNotContain(echoed).doesNotContain("ef<gh>")
                .doesNotContain("ef&lt;gh");
        SecretScan.assertAbsent(List.of(SLASH_QUOTE_TOKEN, echoed), tmp);
    }
}
