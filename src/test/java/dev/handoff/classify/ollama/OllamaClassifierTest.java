package dev.handoff.classify.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.classify.ClassifierOptions;
import dev.handoff.classify.TurnRequest;
import dev.handoff.classify.Verdict;
import dev.handoff.classify.llm.RetryPolicy;
import dev.handoff.config.HandoffConfig;
import dev.handoff.config.yaml.Yaml;
import dev.handoff.error.HandoffException;
import dev.handoff.transcript.Transcript;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static dev.handoff.classify.Fixtures.allTurns;
import static dev.handoff.classify.Fixtures.conversation;
import static dev.handoff.classify.Fixtures.quickchat;
import static dev.handoff.classify.Fixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OllamaClassifierTest {

    private static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20));
    private static final String MODEL = "llama3.2";

    @TempDir
    Path cacheDir;

    private MockWebServer server;
    private FakeOllama ollama;

    private final HandoffConfig threeCriteria = quickchat("quickchat-three-criteria-two-profiles.yaml");
    private final Transcript refund = conversation("refund", "hello", "Hi! How can I help?",
            "my invoice is wrong, I want my money back");
    private final Transcript person = conversation("person", "can I talk to a real person please");

    @BeforeEach
    void start() throws IOException {
        ollama = new FakeOllama();
        server = new MockWebServer();
        server.setDispatcher(ollama);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void asksOncePerTurnWithTheSchemaTemperatureZeroAndAFixedSeed() throws Exception {
        List<Verdict> verdicts;
        try (OllamaClassifier c = classifier(threeCriteria, true)) {
            verdicts = c.classify(allTurns(refund, person));
        }
        assertThat(ollama.chats.get()).isEqualTo(3);
        JsonNode body = ollama.bodies.get(0);
        assertThat(body.path("model").asText()).isEqualTo(MODEL);
        assertThat(body.path("stream").asBoolean(true)).isFalse();
        assertThat(body.path("options").path("temperature").asDouble(-1)).isEqualTo(0.0);
        assertThat(body.path("options").path("seed").asInt()).isEqualTo(OllamaClassifier.SEED);
        JsonNode format = body.path("format");
        assertThat(format.path("type").asText()).isEqualTo("object");
        // only the active, non-deterministic criteria can fire: no keywords, no media_message, no inactive one
        assertThat(texts(format.path("properties").path("criteria").path("items").path("enum")))
                .containsExactly("user_frustration", "asks_for_human", "Refund requests");
        JsonNode route = format.path("properties").path("routing_profile").path("anyOf");
        assertThat(texts(route.get(0).path("enum"))).containsExactly("Billing", "Technical Support");
        assertThat(route.get(1).path("type").asText()).isEqualTo("null");
        assertThat(texts(format.path("required"))).containsExactly("criteria", "routing_profile", "rationale");
        String system = body.path("messages").get(0).path("content").asText();
        assertThat(system).contains("asks_for_human: The user asks, in any words").doesNotContain("Retired");
        String lastTurn = ollama.bodies.stream().map(b -> b.path("messages").get(1).path("content").asText())
                .filter(s -> s.contains("money back")).findFirst().orElseThrow();
        assertThat(lastTurn).contains("user: hello\nassistant: Hi! How can I help?\nuser: my invoice is wrong");

        assertThat(verdicts).hasSize(3);
        assertThat(verdicts.get(0)).isEqualTo(new Verdict.Decision(java.util.Set.of(), null, "nothing to hand off",
                scores(0, 0, 0)));
        Verdict.Decision refundTurn = (Verdict.Decision) verdicts.get(1);
        assertThat(refundTurn.fired()).containsExactly("Refund requests");
        assertThat(refundTurn.route()).isEqualTo("Billing");
        assertThat(refundTurn.scores()).containsEntry("Refund requests", 1.0).containsEntry("asks_for_human", 0.0);
        assertThat(((Verdict.Decision) verdicts.get(2)).fired()).containsExactly("asks_for_human");
    }

    @Test
    void oneRequestPerTurnWhateverTheNumberOfCriteria() {
        try (OllamaClassifier c = classifier(quickchat("quickchat-one-criterion-no-profiles.yaml"), true)) {
            c.classify(allTurns(refund, person));
        }
        assertThat(ollama.chats.get()).isEqualTo(3);
        JsonNode format = ollama.bodies.get(0).path("format");
        assertThat(texts(format.path("properties").path("criteria").path("items").path("enum"))).containsExactly("asks_for_human");
        assertThat(format.path("properties").has("routing_profile")).isFalse();
    }

    @Test
    void aRerunIsAnsweredFromTheCacheAndAnEditedCriterionIsAskedAgain() throws IOException {
        try (OllamaClassifier c = classifier(threeCriteria, true)) {
            c.classify(allTurns(refund, person));
        }
        assertThat(ollama.chats.get()).isEqualTo(3);
        List<Verdict> again;
        try (OllamaClassifier c = classifier(threeCriteria, true)) {
            again = c.classify(allTurns(refund, person));
            assertThat(c.statistics().get("cache hits")).isEqualTo("3");
        }
        assertThat(ollama.chats.get()).isEqualTo(3);
        assertThat(((Verdict.Decision) again.get(2)).fired()).containsExactly("asks_for_human");

        ObjectNode doc = (ObjectNode) Yaml.yaml().readTree(resource("quickchat-three-criteria-two-profiles.yaml"));
        ((ObjectNode) doc.path("custom_guidelines").get(1)).put("description", "The user asks for a refund or a chargeback.");
        HandoffConfig edited = HandoffConfig.from(dev.handoff.config.Provider.QUICKCHAT, doc);
        try (OllamaClassifier c = classifier(edited, true)) {
            c.classify(allTurns(refund, person));
        }
        assertThat(ollama.chats.get()).isEqualTo(6);

        // --repeat: the cache is not read, but what is asked refreshes it
        try (OllamaClassifier c = classifier(edited, false)) {
            c.classify(allTurns(person));
        }
        assertThat(ollama.chats.get()).isEqualTo(7);
    }

    @Test
    void aReplyThatBreaksTheSchemaIsInvalidNeverANo() {
        List<String> replies = List.of(
                "I think the user wants a human.",
                "{\"criteria\": [\"wants_pizza\"], \"routing_profile\": null, \"rationale\": \"x\"}",
                "{\"criteria\": \"asks_for_human\", \"routing_profile\": null, \"rationale\": \"x\"}",
                "{\"criteria\": [], \"routing_profile\": \"Sales\", \"rationale\": \"x\"}",
                "{\"criteria\": [], \"rationale\": \"no route given\"}",
                "{\"criteria\": [1], \"routing_profile\": null, \"rationale\": \"x\"}",
                "{\"criteria\": [], \"routing_profile\": null, \"rationale\": \"x\", \"confidence\": 0.9}");
        AtomicInteger next = new AtomicInteger();
        ollama.chat = body -> chatResponse(replies.get(next.getAndIncrement()));
        Transcript t = conversation("t", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m");
        List<Verdict> verdicts;
        try (OllamaClassifier c = new OllamaClassifier(threeCriteria, options(true, 1), QUICK)) {
            verdicts = c.classify(allTurns(t));
            assertThat(c.statistics()).containsEntry("invalid", "7");
        }
        assertThat(verdicts).allSatisfy(v -> assertThat(v).isInstanceOf(Verdict.Invalid.class));
        assertThat(verdicts).extracting(v -> ((Verdict.Invalid) v).reason()).containsExactly(
                "reply is not JSON: unexpected 'I' where a value should be (a string in double quotes, a number, a list, an object, true, false or null)",
                "unknown criterion 'wants_pizza'",
                "'criteria' must be a list of criterion names",
                "unknown routing profile \"Sales\"",
                "'routing_profile' is missing",
                "'criteria' holds number 1, not a criterion name",
                "unexpected field 'confidence'");
        assertThat(((Verdict.Invalid) verdicts.get(1)).raw()).contains("wants_pizza");
    }

    @Test
    void aReplyThatIsNotOllamasJsonEndsTheRunSayingSoWithoutJavaNames() {
        for (MockResponse reply : List.of(
                new MockResponse.Builder().code(200).body("<html>login required</html>").build(),
                new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body("{\"model\":\"x\",\"done\":true}").build())) {
            ollama.chat = body -> reply;
            try (OllamaClassifier c = classifier(threeCriteria, true)) {
                assertThatThrownBy(() -> c.classify(allTurns(refund)))
                        .isInstanceOfSatisfying(HandoffException.class, e -> {
                            assertThat(e.getMessage()).contains("does not answer as Ollama does")
                                    .doesNotContain("Exception").doesNotContain("Cannot invoke").doesNotContain("langchain4j");
                            assertThat(e.hint()).contains("--ollama-url").doesNotContain("0.5");
                        });
            }
        }
    }

    @Test
    void aStreamOrAnUnfinishedReplyIsNoVerdictAndNothingIsCached() throws IOException {
        String chunk = "{\"model\":\"x\",\"message\":{\"role\":\"assistant\",\"content\":\"{\\\"criter\"},\"done\":false}";
        String last = "{\"model\":\"x\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true}";
        for (String body : List.of(chunk + "\n" + last + "\n", chunk)) {
            ollama.chat = request -> new MockResponse.Builder().code(200).addHeader("Content-Type", "application/x-ndjson").body(body).build();
            try (OllamaClassifier c = classifier(threeCriteria, true)) {
                // the library read the first chunk only: half a JSON text was cached and recorded as the model's invalid verdict
                assertThatThrownBy(() -> c.classify(allTurns(refund)))
                        .isInstanceOfSatisfying(HandoffException.class, e -> assertThat(e.getMessage())
                                .contains("does not answer as Ollama does").containsAnyOf("stream of JSON lines", "\"done\": false"));
            }
        }
        ollama.chat = FakeOllama::answer;
        try (OllamaClassifier c = classifier(threeCriteria, true)) {
            c.classify(allTurns(refund));
            assertThat(c.statistics().get("cache hits")).as("nothing of the broken replies was cached").isEqualTo("0");
        }
    }

    @Test
    void aRedirectNamesWhereItPointsNotAnOllamaVersion() {
        ollama.chat = request -> new MockResponse.Builder().code(302).addHeader("Location", "https://login.example/sso?ticket=SECRET1").build();
        try (OllamaClassifier c = classifier(threeCriteria, true)) {
            assertThatThrownBy(() -> c.classify(allTurns(refund)))
                    .isInstanceOfSatisfying(HandoffException.class, e -> {
                        assertThat(e.getMessage()).contains("HTTP 302").contains("a redirect to https://login.example/sso")
                                .doesNotContain("SECRET1");
                        assertThat(e.hint()).contains("--ollama-url").doesNotContain("0.5");
                    });
        }
    }

    @Test
    void aRateLimitsRetryAfterIsWaitedAndSaid() {
        // at the fixed backoff alone (milliseconds here) a gateway's 429 asking for a second lost the turn
        AtomicInteger calls = new AtomicInteger();
        List<Long> at = new java.util.concurrent.CopyOnWriteArrayList<>();
        ollama.chat = body -> {
            at.add(System.nanoTime());
            return calls.incrementAndGet() <= 2
                    ? new MockResponse.Builder().code(429).addHeader("Retry-After", "1").body("{\"error\":\"slow down\"}").build()
                    : chatResponse("{\"criteria\": [\"asks_for_human\"], \"routing_profile\": null, \"rationale\": \"asks for a person\"}");
        };
        List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (OllamaClassifier c = new OllamaClassifier(threeCriteria, options(true, 1).withNotices(notices::add), QUICK)) {
            List<Verdict> v = c.classify(allTurns(person));
            assertThat(((Verdict.Decision) v.get(0)).fired()).containsExactly("asks_for_human");
        }
        assertThat(at).hasSize(3);
        assertThat(at.get(1) - at.get(0)).as("waited as asked").isGreaterThanOrEqualTo(900_000_000L);
        assertThat(notices).hasSize(2).allMatch(n -> n.contains("asked to wait 1 s") && n.contains("HTTP 429") && n.contains("waiting 1 s before"));
        assertThat(WaitAsked.asked(429, "Wed, 21 Oct 2015 07:28:00 GMT", java.time.Instant.parse("2015-10-21T07:27:30Z")))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(WaitAsked.capped(WaitAsked.asked(429, "7200", java.time.Instant.now()))).isEqualTo(WaitAsked.MAX_WAIT);
        assertThat(WaitAsked.asked(429, "90", java.time.Instant.now())).as("said as asked").isEqualTo(Duration.ofSeconds(90));
        assertThat(WaitAsked.asked(400, "5", java.time.Instant.now())).isNull();
    }

    @Test
    void aServerErrorIsRetriedThenAnswered() {
        AtomicInteger calls = new AtomicInteger();
        ollama.chat = body -> calls.incrementAndGet() == 1
                ? new MockResponse.Builder().code(500).body("{\"error\":\"llama runner process has terminated\"}").build()
                : chatResponse("{\"criteria\": [\"asks_for_human\"], \"routing_profile\": null, \"rationale\": \"asks for a person\"}");
        try (OllamaClassifier c = classifier(threeCriteria, true)) {
            List<Verdict> v = c.classify(allTurns(person));
            assertThat(((Verdict.Decision) v.get(0)).fired()).containsExactly("asks_for_human");
            assertThat(c.statistics()).containsEntry("requests", "2").containsEntry("retries", "1");
        }
    }

    @Test
    void aTimeoutOnEveryAttemptIsInvalidOutputAndNotCached() throws InterruptedException {
        ollama.chat = body -> chatResponseBuilder("{\"criteria\": [], \"routing_profile\": null, \"rationale\": \"late\"}")
                .headersDelay(2, TimeUnit.SECONDS).build();
        ClassifierOptions slow = new ClassifierOptions(cacheDir, server.url("/").toString(), MODEL, 2,
                Duration.ofMillis(300), true);
        try (OllamaClassifier c = new OllamaClassifier(threeCriteria, slow, QUICK)) {
            List<Verdict> v = c.classify(allTurns(person));
            assertThat(v.get(0)).isInstanceOf(Verdict.Invalid.class);
            assertThat(((Verdict.Invalid) v.get(0)).reason()).isEqualTo("no reply after 3 attempts: timed out");
        }
        // the client gave up on the last attempt before the server answered it, maybe before the
        // server's thread counted it: on a loaded machine the count may still be on its way
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ollama.chats.get() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(ollama.chats.get()).isEqualTo(3);
        ollama.chat = FakeOllama::answer;
        try (OllamaClassifier c = classifier(threeCriteria, true)) {
            assertThat(c.classify(allTurns(person)).get(0)).isInstanceOf(Verdict.Decision.class);
        }
        assertThat(ollama.chats.get()).isEqualTo(4);
    }

    @Test
    void aReplyBodyThatStallsAfterTheHeadersTimesOutEachAttempt() {
        // headers at once, then nothing: the JDK client's timeout covered the headers only and this hung forever
        ollama.chat = body -> chatResponseBuilder("{\"criteria\": [], \"routing_profile\": null, \"rationale\": \"x\"}")
                .onResponseBody(mockwebserver3.SocketEffect.Stall.INSTANCE).build();
        assertThat(oneTurnWithin30s(Duration.ofSeconds(1))).isEqualTo("no reply after 3 attempts: timed out");
        assertThat(ollama.chats.get()).isEqualTo(3);
    }

    @Test
    void aReplyBodyThatDripsTimesOutEachAttemptAlthoughBytesKeepComing() {
        // a byte every 200 ms: no read waits long, but the attempt as a whole takes minutes
        ollama.chat = body -> chatResponseBuilder("{\"criteria\": [], \"routing_profile\": null, \"rationale\": \"x\"}")
                .throttleBody(1, 200, TimeUnit.MILLISECONDS).build();
        assertThat(oneTurnWithin30s(Duration.ofSeconds(1))).isEqualTo("no reply after 3 attempts: timed out");
    }

    @Test
    void aModelListThatStallsAfterTheHeadersEndsTheRunAfterItsAttempts() {
        ollama.tags = new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json; charset=utf-8")
                .body(resource("ollama-tags.json")).onResponseBody(mockwebserver3.SocketEffect.Stall.INSTANCE).build();
        ClassifierOptions quick = new ClassifierOptions(cacheDir, server.url("/").toString(), MODEL, 2, Duration.ofSeconds(1), true);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (OllamaClassifier c = new OllamaClassifier(threeCriteria, quick, QUICK)) {
                assertThatThrownBy(() -> c.classify(allTurns(person)))
                        .isInstanceOfSatisfying(HandoffException.class, e -> {
                            assertThat(e.kind()).isEqualTo(HandoffException.Kind.REMOTE);
                            assertThat(e.getMessage()).endsWith("did not list its models (timed out)");
                        });
            }
        });
        assertThat(ollama.chats.get()).isZero();
    }

    @Test
    void aReplyBodyOverEightMegabytesEndsTheRunUnread() {
        // well-formed Ollama JSON around 9 MB of "content": refused by its size, not parsed into a reply
        String huge = "x".repeat((int) OkHttpOllamaClient.MAX_BODY_BYTES + (1 << 20));
        ollama.chat = body -> chatResponse(huge);
        try (OllamaClassifier c = classifier(threeCriteria, true)) {
            assertThatThrownBy(() -> c.classify(allTurns(person)))
                    .isInstanceOfSatisfying(HandoffException.class, e -> {
                        assertThat(e.kind()).isEqualTo(HandoffException.Kind.REMOTE);
                        assertThat(e.getMessage()).contains("does not answer as Ollama does")
                                .contains("HTTP 200 with a body over 8 MB").doesNotContain("Exception");
                    });
        }
        assertThat(ollama.chats.get()).isEqualTo(1);
    }

    /** One turn with the given --timeout, bounded generously: the reason it is invalid output. */
    private String oneTurnWithin30s(Duration timeout) {
        ClassifierOptions quick = new ClassifierOptions(cacheDir, server.url("/").toString(), MODEL, 1, timeout, true);
        return org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (OllamaClassifier c = new OllamaClassifier(threeCriteria, quick, QUICK)) {
                Verdict v = c.classify(allTurns(person)).get(0);
                assertThat(v).isInstanceOf(Verdict.Invalid.class);
                return ((Verdict.Invalid) v).reason();
            }
        });
    }

    @Test
    void aModelTheServerDoesNotHaveIsAClearErrorBeforeAnyChat() {
        ClassifierOptions other = new ClassifierOptions(cacheDir, server.url("/").toString(), "mistral:7b", 2,
                Duration.ofSeconds(5), true);
        try (OllamaClassifier c = new OllamaClassifier(threeCriteria, other, QUICK)) {
            assertThatThrownBy(() -> c.classify(allTurns(person)))
                    .isInstanceOfSatisfying(HandoffException.class, e -> {
                        assertThat(e.kind()).isEqualTo(HandoffException.Kind.USAGE);
                        assertThat(e.getMessage()).contains("has no model 'mistral:7b'");
                        assertThat(e.hint()).contains("ollama pull mistral:7b");
                    });
        }
        assertThat(ollama.chats.get()).isZero();
    }

    @Test
    void withoutAModelNameTheDefaultModelIsAskedFor() {
        ClassifierOptions noModel = new ClassifierOptions(cacheDir, server.url("/").toString(), null, 2,
                Duration.ofSeconds(5), true);
        try (OllamaClassifier c = new OllamaClassifier(threeCriteria, noModel, QUICK)) {
            assertThat(c.describe()).containsEntry("model", OllamaClassifier.DEFAULT_MODEL);
            assertThatThrownBy(() -> c.classify(allTurns(person)))
                    .isInstanceOfSatisfying(HandoffException.class,
                            e -> assertThat(e.hint()).contains("ollama pull " + OllamaClassifier.DEFAULT_MODEL));
        }
    }

    @Test
    void aModelRemovedMidRunReportsOllamasOwnError() {
        ollama.chat = body -> new MockResponse.Builder().code(404)
                .addHeader("Content-Type", "application/json; charset=utf-8")
                .body("{\"error\":\"model 'llama3.2' not found\"}").build();
        try (OllamaClassifier c = classifier(threeCriteria, true)) {
            assertThatThrownBy(() -> c.classify(allTurns(person)))
                    .isInstanceOfSatisfying(HandoffException.class, e -> {
                        assertThat(e.kind()).isEqualTo(HandoffException.Kind.USAGE);
                        assertThat(e.getMessage()).contains("HTTP 404: model 'llama3.2' not found");
                    });
        }
        assertThat(ollama.chats.get()).isEqualTo(1);
    }

    @Test
    void nothingListeningIsARemoteErrorNamingTheUrl() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ClassifierOptions nowhere = new ClassifierOptions(cacheDir, "http://127.0.0.1:" + port, MODEL, 2,
                Duration.ofSeconds(2), true);
        try (OllamaClassifier c = new OllamaClassifier(threeCriteria, nowhere, QUICK)) {
            assertThatThrownBy(() -> c.classify(allTurns(person)))
                    .isInstanceOfSatisfying(HandoffException.class, e -> {
                        assertThat(e.kind()).isEqualTo(HandoffException.Kind.REMOTE);
                        assertThat(e.getMessage()).isEqualTo("cannot reach Ollama at http://127.0.0.1:" + port + ": connection refused");
                        assertThat(e.hint()).contains("ollama serve");
                    });
        }
    }

    @Test
    void theReportRecordsTheModelDigestButNoCredentials() {
        ClassifierOptions withUser = new ClassifierOptions(cacheDir,
                server.url("/").toString().replace("http://", "http://alice:s3cret@"), MODEL, 2, Duration.ofSeconds(5), true);
        try (OllamaClassifier c = new OllamaClassifier(threeCriteria, withUser, QUICK)) {
            c.classify(allTurns(person));
            assertThat(c.describe())
                    .containsEntry("digest", "a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72")
                    .containsEntry("model", MODEL)
                    .containsEntry("seed", "42");
            assertThat(c.describe().toString()).doesNotContain("s3cret").doesNotContain("alice");
        }
    }

    @Test
    void aServerThatWentAwayEndsTheRunAfterThreeTurnsInARowGetNoReply() {
        AtomicInteger calls = new AtomicInteger();
        ollama.chat = body -> calls.incrementAndGet() <= 1 ? FakeOllama.answer(body)
                : new MockResponse.Builder().code(503).body("{\"error\":\"server busy\"}").build();
        try (OllamaClassifier c = new OllamaClassifier(threeCriteria, options(true, 1), QUICK)) {
            assertThatThrownBy(() -> c.classify(allTurns(conversation("t", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"))))
                    .isInstanceOfSatisfying(HandoffException.class, e -> {
                        assertThat(e.kind()).isEqualTo(HandoffException.Kind.REMOTE);
                        assertThat(e.getMessage()).contains("stopped answering: 3 turns in a row got no reply after 3 attempts each");
                        assertThat(e.hint()).contains("kept in the reply cache");
                    });
        }
        assertThat(ollama.chats.get()).as("one answered turn, three lost ones, none of the other two").isEqualTo(1 + 3 * 3);
    }

    private OllamaClassifier classifier(HandoffConfig config, boolean useCache) {
        return new OllamaClassifier(config, options(useCache, 4), QUICK);
    }

    private ClassifierOptions options(boolean useCache, int concurrency) {
        return new ClassifierOptions(cacheDir, server.url("/").toString(), MODEL, concurrency, Duration.ofSeconds(5), useCache);
    }

    private static java.util.Map<String, Double> scores(double frustration, double human, double refund) {
        java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("user_frustration", frustration);
        m.put("asks_for_human", human);
        m.put("Refund requests", refund);
        return m;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static MockResponse chatResponse(String content) {
        return chatResponseBuilder(content).build();
    }

    /** Ollama's non-streaming /api/chat answer, with the structured reply as the message content. */
    static MockResponse.Builder chatResponseBuilder(String content) {
        ObjectNode r = Yaml.json().createObjectNode();
        r.put("model", MODEL);
        r.put("created_at", "2025-09-19T12:30:00.123456Z");
        r.putObject("message").put("role", "assistant").put("content", content);
        r.put("done_reason", "stop");
        r.put("done", true);
        r.put("total_duration", 5191566416L);
        r.put("load_duration", 2154458L);
        r.put("prompt_eval_count", 26);
        r.put("prompt_eval_duration", 383809000L);
        r.put("eval_count", 298);
        r.put("eval_duration", 4799921000L);
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json; charset=utf-8")
                .body(r.toString());
    }

    /** Answers /api/tags and /api/chat the way Ollama does; the chat answer can be replaced per test. */
    static final class FakeOllama extends Dispatcher {
        final AtomicInteger chats = new AtomicInteger();
        final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
        volatile Function<JsonNode, MockResponse> chat = FakeOllama::answer;
        /** Replaces the /api/tags answer when set. */
        volatile MockResponse tags;

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            if (path.equals("/api/tags") && request.getMethod().equals("GET")) {
                if (tags != null) {
                    return tags;
                }
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json; charset=utf-8")
                        .body(resource("ollama-tags.json")).build();
            }
            if (path.equals("/api/chat") && request.getMethod().equals("POST")) {
                chats.incrementAndGet();
                try {
                    JsonNode body = Yaml.json().readTree(request.getBody().utf8());
                    bodies.add(body);
                    return chat.apply(body);
                } catch (IOException e) {
                    return new MockResponse.Builder().code(400).body("{\"error\":\"bad request\"}").build();
                }
            }
            return new MockResponse.Builder().code(404).body("404 page not found").build();
        }

        /** A stand-in model: reads the latest user line and answers within the schema. */
        static MockResponse answer(JsonNode body) {
            String conversation = body.path("messages").get(1).path("content").asText();
            String[] lines = conversation.strip().split("\n");
            String last = lines[lines.length - 1];
            if (last.contains("person")) {
                return chatResponse("{\"criteria\": [\"asks_for_human\"], \"routing_profile\": null, \"rationale\": \"asks for a person\"}");
            }
            if (last.contains("money back")) {
                return chatResponse("{\"criteria\": [\"Refund requests\"], \"routing_profile\": \"Billing\", \"rationale\": \"wants a refund\"}");
            }
            return chatResponse("{\"criteria\": [], \"routing_profile\": null, \"rationale\": \"nothing to hand off\"}");
        }
    }
}
