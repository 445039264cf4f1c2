package dev.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.classify.openai.FakeReplies;
import dev.handoff.config.yaml.Yaml;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code replay --classifier openai} from the command line: options, exit codes, and the key never shown. */
class ReplayOpenAiCommandTest {

    /** Distinctive enough that any copy of it, or of its ends, is found. */
    private static final String KEY = "sk-test-Zq9xDISTINCTIVEkeyW7v4242";

    @TempDir
    Path home;

    private ReplayProject project;
    private MockWebServer server;
    private final FakeReplies replies = new FakeReplies();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    @BeforeEach
    void start() throws IOException {
        project = new ReplayProject(home.resolve("project"));
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                if (status == 401) {
                    // OpenAI quotes the ends of a wrong key
                    return json(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-test-Zq9x*****************4242. "
                            + "You can find your API key at https://platform.openai.com/account/api-keys.\",\"code\":\"invalid_api_key\"}}");
                }
                try {
                    JsonNode body = Yaml.json().readTree(request.getBody().utf8());
                    return json(200, replies.completion(body));
                } catch (IOException e) {
                    return json(400, "{}");
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CliHarness.Result replay(CliHarness harness, String... args) {
        List<String> all = new ArrayList<>(List.of("replay", "--classifier", "openai", "--base-url", server.url("/v1").toString(),
                "--model", "test-model", "--concurrency", "2"));
        all.addAll(List.of(args));
        return harness.workDir(project.dir).run(all.toArray(String[]::new));
    }

    @Test
    void theTextAndMarkdownReportsSayWhichModelAnsweredAndWhatItCost() throws Exception {
        Path md = project.path("summary.md");
        var r = replay(new CliHarness(home).env("OPENAI_API_KEY", KEY), "--price", "0.15/0.60", "--markdown", md.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("model test-model · output json_schema (strict)")
                .contains("usage: " + requests.size() + " requests, ")
                .contains(" · cost $").contains("to ask every turn again after editing one criterion");
        assertThat(Files.readString(md)).contains("Model `test-model`: " + requests.size() + " requests, ").contains("; cost $");
    }

    @Test
    void theKeyIsSentButNeverAppearsInOutputLogsReportsOrCaches() throws Exception {
        Path junit = project.path("replay.xml");
        CliHarness harness = new CliHarness(home).env("OPENAI_API_KEY", KEY);
        var r = replay(harness, "--verbose", "-o", "json", "--junit", junit.toString(), "--price", "0.15/0.60");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(requests).isNotEmpty().allMatch(q -> ("Bearer " + KEY).equals(q.getHeaders().get("Authorization")));
        JsonNode report = Yaml.json().readTree(r.out());
        assertThat(report.at("/classifier/id").asText()).isEqualTo("openai");
        assertThat(report.at("/classifier/describe/api_key").asText()).isEqualTo("from $OPENAI_API_KEY, sent as Authorization: Bearer");
        assertThat(report.at("/classifier/describe/output").asText()).isEqualTo("json_schema (strict)");
        assertThat(report.at("/classifier/describe/usage").asText()).startsWith(requests.size() + " requests, ");
        assertThat(report.at("/classifier/describe/cost").asText()).contains("this run; about $");
        assertThat(r.err()).contains("classifier openai: turns ").contains("prompt tokens").contains("cached tokens").contains("cost $");
        // --verbose: each request and its answer, as the commands that talk to a server do
        assertThat(r.err()).contains("handoff: > POST " + server.url("/v1/chat/completions"))
                .containsPattern("handoff: < 200 POST http://\\S+/v1/chat/completions \\(\\d+ ms\\)");

        List<String> places = new ArrayList<>(List.of(r.out(), r.err(), Files.readString(junit)));
        try (Stream<Path> files = Files.walk(home)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                places.add(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(harness.dirs().cache().resolve("openai/replies.db")).exists();
        for (String place : places) {
            assertThat(place).doesNotContain(KEY).doesNotContain("Zq9xDISTINCTIVE").doesNotContain("W7v4242");
        }
    }

    @Test
    void aRefusedKeyStopsAtOnceWithExitCode4AndNoTraceOfTheKey() {
        status = 401;
        var r = replay(new CliHarness(home).env("OPENAI_API_KEY", KEY), "--verbose");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(requests).as("no more than the requests already in flight (--concurrency 2)").hasSizeBetween(1, 2);
        assertThat(r.err()).contains("refused the API key (HTTP 401").contains("check the key in $OPENAI_API_KEY")
                .doesNotContain(KEY).doesNotContain("Zq9x").doesNotContain("4242");
        assertThat(r.out()).doesNotContain("Zq9x");
    }

    @Test
    void aKeyEchoedEncodedInAnErrorIsMaskedLikeEveryOtherSecret() {
        String basic = java.util.Base64.getEncoder().encodeToString(("Authorization: Bearer " + KEY).getBytes(StandardCharsets.UTF_8));
        String encoded = java.net.URLEncoder.encode("key=" + KEY + "&x=1", StandardCharsets.UTF_8);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return json(400, "{\"error\":{\"message\":\"bad header " + basic + " in " + encoded + "\"}}");
            }
        });

        var r = replay(new CliHarness(home).env("OPENAI_API_KEY", KEY), "--verbose");

        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        assertThat(r.err()).contains("<redacted>== in key%3D<redacted>%26x%3D1").doesNotContain(basic)
                .doesNotContain(basic.substring(32, 48))
                .doesNotContain("Zq9xDISTINCTIVE");
    }

    @Test
    void azureStyleKeyHeaderAndANamedVariable() {
        var r = replay(new CliHarness(home).env("AZURE_OPENAI_API_KEY", KEY), "--api-key-env", "AZURE_OPENAI_API_KEY",
                "--api-key-header", "api-key");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(requests).isNotEmpty().allMatch(q -> KEY.equals(q.getHeaders().get("api-key")) && q.getHeaders().get("Authorization") == null);
    }

    @Test
    void aNamedVariableThatIsNotSetOrAMissingModelIsAUsageError() {
        var r = replay(new CliHarness(home), "--api-key-env", "NOT_SET_ANYWHERE");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("the environment variable NOT_SET_ANYWHERE is not set");

        var noModel = new CliHarness(home).workDir(project.dir).run("replay", "--classifier", "openai", "--base-url", server.url("/v1").toString());
        assertThat(noModel.exitCode()).isEqualTo(2);
        assertThat(noModel.err()).contains("--classifier openai needs a model name");

        var badPrice = replay(new CliHarness(home), "--price", "cheap");
        assertThat(badPrice.exitCode()).isEqualTo(2);
        assertThat(badPrice.err()).contains("--price 'cheap' is not IN/OUT");
        assertThat(requests).isEmpty();
    }

    @Test
    void aRedirectIsNotFollowedSoTheKeyInACustomHeaderNeverReachesAnotherHost() throws IOException {
        try (MockWebServer elsewhere = new MockWebServer()) {
            elsewhere.start();
            status = 307;
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    requests.add(request);
                    return new MockResponse.Builder().code(307)
                            .setHeader("Location", elsewhere.url("/v1/chat/completions").toString() + "?sig=Zq9xsigned").build();
                }
            });
            var r = replay(new CliHarness(home).env("AZURE_OPENAI_API_KEY", KEY), "--api-key-env", "AZURE_OPENAI_API_KEY",
                    "--api-key-header", "api-key");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            String to = elsewhere.url("/v1").toString();
            assertThat(r.err()).contains("answered with a redirect (HTTP 307) to " + to + "/chat/completions; redirects are not followed")
                    .contains("if that address is the server you mean, pass --base-url " + to).doesNotContain("Zq9x");
            assertThat(elsewhere.getRequestCount()).as("the other host got nothing, key or not").isZero();
        }
    }

    @Test
    void aRedirectWithoutLocationSaysSoInsteadOfPointingAtAnAddress() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                return new MockResponse.Builder().code(302).build();
            }
        });
        var r = replay(new CliHarness(home).env("OPENAI_API_KEY", KEY));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("answered with a redirect (HTTP 302) without saying where to")
                .contains("check --base-url").doesNotContain("redirects to");
    }

    @Test
    void aKeyThatCannotGoInAHeaderOrAKeyInTheUrlIsRefusedWithoutPrintingIt() {
        for (String bad : List.of(KEY + "\u00e9", KEY.substring(0, 10) + "\n" + KEY.substring(10))) {
            var r = replay(new CliHarness(home).env("OPENAI_API_KEY", bad), "--api-key-header", "api-key");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).containsPattern("the API key in \\$OPENAI_API_KEY holds a (non-ASCII character \\(U\\+00E9\\)|line break) at character \\d+")
                    .doesNotContain("Zq9x").doesNotContain("4242").doesNotContain("internal error");
        }
        var query = new CliHarness(home).env("OPENAI_API_KEY", KEY).workDir(project.dir).run("replay", "--classifier", "openai",
                "--base-url", server.url("/v1").toString() + "?api-key=" + KEY, "--model", "m");
        assertThat(query.exitCode()).isEqualTo(2);
        assertThat(query.err()).contains("carries a query string").doesNotContain("Zq9x");
        for (String badUrl : new String[]{"http://127.0.0.1:99999/v1", "http://a b/v1"}) {
            var port = new CliHarness(home).workDir(project.dir).run("replay", "--classifier", "openai", "--base-url", badUrl, "--model", "m");
            assertThat(port.exitCode()).as(port.toString()).isEqualTo(2);
            assertThat(port.err()).contains("is not an http(s) URL").doesNotContain("internal error");
        }
        var ollamaPort = new CliHarness(home).workDir(project.dir).run("replay", "--classifier", "ollama",
                "--ollama-url", "http://127.0.0.1:99999");
        assertThat(ollamaPort.exitCode()).as(ollamaPort.toString()).isEqualTo(2);
        assertThat(ollamaPort.err()).contains("--ollama-url 'http://127.0.0.1:99999' is not an http(s) URL with a valid host and port");
        var empty = replay(new CliHarness(home).env("MY_KEY", ""), "--api-key-env", "MY_KEY");
        assertThat(empty.err()).contains("the environment variable MY_KEY is empty");
        assertThat(requests).isEmpty();
    }

    @Test
    void aServerThatEchoesTheKeyIntoTheReplyGetsItIntoNoCacheAndNoVerdictFile() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                String key = request.getHeaders().get("Authorization").substring("Bearer ".length());
                // as is, in capitals, in base64, percent-encoded, and without its prefix
                String forms = key + " " + key.toUpperCase(java.util.Locale.ROOT) + " "
                        + java.util.Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8)) + " "
                        + key.replace("-", "%2D") + " " + key.substring("sk-test-".length()) + " "
                        // every letter as a JSON escape, which the model's JSON decodes into the rationale
                        + key.chars().mapToObj(c -> String.format("\\\\u%04x", c)).collect(java.util.stream.Collectors.joining());
                String content = "{\\\"criteria\\\": [], \\\"routing_profile\\\": null, \\\"rationale\\\": \\\"your key is " + forms + "\\\"}";
                return json(200, "{\"id\":\"c\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
                        + "{\"role\":\"assistant\",\"content\":\"" + content + "\"},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5}}");
            }
        });
        CliHarness harness = new CliHarness(home).env("OPENAI_API_KEY", KEY);
        var r = replay(harness, "--record", "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isIn(0, 1);
        assertThat(requests).isNotEmpty();
        try (Stream<Path> files = Files.walk(home)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
                        .doesNotContain(KEY).doesNotContain("Zq9xDISTINCTIVE").doesNotContain("ZQ9XDISTINCTIVE")
                        .doesNotContain("\\u0073\\u006b\\u002d")
                        .doesNotContain(java.util.Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.UTF_8)).substring(0, 20));
            }
        }
        assertThat(r.out() + r.err()).doesNotContain(KEY);
        assertThat(project.read("guidelines/support.verdicts.jsonl"))
                .contains("your key is <redacted> <redacted> <redacted> <redacted> <redacted> <redacted>");
    }

    @Test
    void aLocalServerNeedsNoKey() {
        var r = replay(new CliHarness(home));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(requests).isNotEmpty().allMatch(q -> q.getHeaders().get("Authorization") == null);
        assertThat(r.out()).startsWith("handoff replay: guidelines/support.yaml · classifier openai");
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
    }
}
