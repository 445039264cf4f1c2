package dev.handoff.cli;

import dev.handoff.remote.FakeVendorServer;
import mockwebserver3.MockResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every secret the tool knows (the API tokens, the webhook header values, the values of the
 * file's placeholders) is fed back by the server on every error path of fetch, diff, push and
 * restore, in JSON bodies, plain text, HTML and headers, with and without --verbose. None may
 * reach stdout, stderr or any file (the fixture scans them all after each test).
 */
class SecretsEverywhereTest extends RemoteCliFixture {

    private static final String PLACEHOLDER_VALUE = "whk_live_NEWBOT_99aa01";
    private static final List<String> ALL = List.of(QC_TOKEN, PLUGIT_TOKEN, LARGE_ORDER_KEY, HANDOFF_KEY, TENANT, PLACEHOLDER_VALUE);

    private static String echo() {
        return String.join(" ", ALL);
    }

    static Stream<Arguments> paths() {
        List<Arguments> out = new ArrayList<>();
        for (String command : List.of("fetch", "diff", "push", "restore")) {
            int i = 0;
            for (int code : new int[]{302, 400, 401, 412, 429, 500, 503}) {
                // JSON and HTML bodies, with and without --verbose, spread over the codes
                out.add(Arguments.of(command, code, i % 2 == 0 ? "json" : "html", i % 3 != 1));
                i++;
            }
        }
        return out.stream();
    }

    private MockResponse answer(int code, String kind) {
        String body = switch (kind) {
            case "json" -> "{\"message\":\"invalid webhook headers: " + echo() + "\"}";
            case "text" -> "rejected " + echo();
            default -> "<html><body>" + echo() + "</body></html>";
        };
        return new MockResponse.Builder().code(code)
                .addHeader("Content-Type", kind.equals("json") ? "application/json" : kind.equals("text") ? "text/plain" : "text/html")
                .addHeader("Location", "https://example.test/" + HANDOFF_KEY)
                .addHeader("X-Echo", echo())
                .addHeader("Retry-After", "0") // retried at once: the test needs no real waiting
                .body(body).build();
    }

    @ParameterizedTest(name = "{0} answered {1} ({2}), verbose {3}")
    @MethodSource("paths")
    void noSecretReachesAnyOutputOrFile(String command, int code, String kind, boolean verbose) {
        CliHarness harness = cli().env("NEWBOT_KEY", PLACEHOLDER_VALUE);
        run(harness, "fetch", "--target", "sales");
        // the file also carries a placeholder whose value only the environment knows
        edit(file("sales.yaml"), "disableAI: false", "disableAI: false\n    x-note: \"${env:NEWBOT_KEY}\"");
        String backup = null;
        if (command.equals("restore")) {
            assertThat(run(harness, "push", "--target", "sales", "--yes", "--force").exitCode()).isZero();
            try (var s = java.nio.file.Files.list(stateDir("backups", "sales"))) {
                backup = s.findFirst().orElseThrow().toString();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            edit(file("sales.yaml"), "custom branding", "custom branding or embroidery");
        } else {
            edit(file("sales.yaml"), "custom branding", "custom branding or embroidery");
        }
        String method = switch (command) {
            case "push", "restore" -> "PATCH";
            default -> "GET";
        };
        for (int i = 0; i < 8; i++) { // OkHttp itself repeats a GET answered 503 with Retry-After: 0
            server.enqueue(method, answer(code, kind));
        }
        List<String> args = new ArrayList<>();
        if (verbose) {
            args.add("-v");
        }
        args.addAll(switch (command) {
            case "push" -> List.of("push", "--target", "sales", "--yes", "--force");
            case "restore" -> List.of("restore", "--target", "sales", backup, "--yes");
            case "diff" -> List.of("diff", "--target", "sales", "--out", "plan.json");
            default -> List.of("fetch", "--target", "sales", "--force");
        });
        var r = run(harness, args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        for (String secret : ALL) {
            assertThat(r.out() + r.err()).as(r.toString()).doesNotContain(secret);
        }
        dev.handoff.testing.SecretScan.assertAbsent(ALL, tmp);
    }
}
