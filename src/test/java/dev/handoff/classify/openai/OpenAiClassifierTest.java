package dev.handoff.classify.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.classify.ChatServer;
import dev.handoff.classify.ClassifierOptions;
import dev.handoff.classify.Price;
import dev.handoff.classify.TurnRequest;
import dev.handoff.classify.Verdict;
import dev.handoff.classify.llm.RetryPolicy;
import dev.handoff.classify.llm.ConversationPrompt;
import dev.handoff.config.EvaluationSettings;
import dev.handoff.config.HandoffConfig;
import dev.handoff.config.Provider;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static dev.handoff.classify.Fixtures.allTurns;
import static dev.handoff.classify.Fixtures.conversation;
import static dev.handoff.classify.Fixtures.quickchat;
import static dev.handoff.classify.Fixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenAiClassifierTest {

    private static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20));

    @TempDir
    Path cacheDir;

    private MockWebServer server;
    private final FakeReplies replies = new FakeReplies();
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger received = new AtomicInteger();
    /** Answers a request (by its 1-based number and body); null means a normal completion. */
    private volatile Function<JsonNode, MockResponse> override = body -> null;

    private final HandoffConfig threeCriteria = quickchat("quickchat-three-criteria-two-profiles.yaml");
    private final Transcript refund = conversation("refund", "hello", "Hi! How can I help?", "my invoice is wrong, I want my money back");
    private final Transcript person = conversation("person", "can I talk to a real person please");

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                received.incrementAndGet();
                JsonNode body;
                try {
                    body = Yaml.json().readTree(request.getBody().utf8());
                } catch (IOException e) {
                    return json(400, "{\"error\":{\"message\":\"bad json\"}}");
                }
                bodies.add(body);
                MockResponse special = override.apply(body);
                return special != null ? special : json(200, replies.completion(body));
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void asksOncePerTurnWithAStrictJsonSchemaTemperatureZeroAndASeed() {
        List<Verdict> verdicts;
        OpenAiClassifier c = classifier(threeCriteria, null);
        try (c) {
            verdicts = c.classify(allTurns(refund, person));
        }
        assertThat(received.get()).isEqualTo(3);
        JsonNode body = bodies.get(0);
        assertThat(body.path("model").asText()).isEqualTo("test-model");
        assertThat(body.path("temperature").asDouble(-1)).isEqualTo(0.0);
        assertThat(body.path("seed").asInt()).isEqualTo(OpenAiClassifier.SEED);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(OpenAiClassifier.MAX_REPLY_TOKENS);
        JsonNode format = body.path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
        assertThat(format.path("json_schema").path("schema"))
                .isEqualTo(new ConversationPrompt(ConversationPrompt.askedCriteria(threeCriteria), threeCriteria.activeRoutingProfiles()).schema());
        // the shared prompt: stable system message first, the conversation last
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").get(1).path("content").asText()).startsWith("Conversation so far");

        assertThat(((Verdict.Decision) verdicts.get(1)).fired()).containsExactly("Refund requests");
        assertThat(((Verdict.Decision) verdicts.get(1)).route()).isEqualTo("Billing");
        assertThat(((Verdict.Decision) verdicts.get(2)).fired()).containsExactly("asks_for_human");
        assertThat(c.describe()).containsEntry("output", "json_schema (strict)").containsEntry("api_key", "none");
    }

    @Test
    void oneRequestPerTurnWhateverTheNumberOfCriteria() {
        try (OpenAiClassifier c = classifier(quickchat("quickchat-one-criterion-no-profiles.yaml"), null)) {
            c.classify(allTurns(refund, person));
        }
        assertThat(received.get()).isEqualTo(3);
    }

    @Test
    void aServerThatRefusesJsonSchemaGetsJsonObjectWithTheSchemaInThePromptDetectedOnce() {
        override = body -> "json_schema".equals(body.path("response_format").path("type").asText())
                ? json(400, FakeReplies.refusesJsonSchema()) : null;
        List<Verdict> verdicts;
        OpenAiClassifier c = classifier(threeCriteria, null, 4);
        try (c) {
            verdicts = c.classify(allTurns(refund, person, conversation("more", "hello again", "hi", "a person now")));
        }
        long schemaTries = bodies.stream().filter(b -> b.path("response_format").path("type").asText().equals("json_schema")).count();
        assertThat(schemaTries).as("detected once, even with 4 requests allowed in flight").isEqualTo(1);
        assertThat(received.get()).isEqualTo(1 + 5);
        JsonNode fallback = bodies.get(1);
        assertThat(fallback.path("response_format").path("type").asText()).isEqualTo("json_object");
        assertThat(fallback.path("messages").get(0).path("content").asText())
                .contains("follows this JSON schema").contains("\"Refund requests\"");
        assertThat(verdicts).allMatch(v -> v instanceof Verdict.Decision);
        assertThat(((Verdict.Decision) verdicts.get(2)).fired()).containsExactly("asks_for_human");
        assertThat(c.describe().get("output")).startsWith("json_object with the schema in the prompt");
    }

    @Test
    void twoThousandTurnsAgainstAServerAnswering429ToOneRequestInFiveAreAllAnswered() {
        AtomicInteger n = new AtomicInteger();
        override = body -> n.incrementAndGet() % 5 == 0
                ? json(429, FakeReplies.rateLimited()).newBuilder().addHeader("x-ratelimit-reset-requests", "1ms").build() : null;
        List<Transcript> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(conversation("t" + i, "hello " + i, "hi", i % 2 == 0 ? "a person please " + i : "thanks " + i));
        }
        List<Verdict> verdicts;
        ClassifierOptions noDiskCache = new ClassifierOptions(null, null, "test-model", 8, Duration.ofSeconds(10), true,
                new ChatServer(server.url("/v1").toString(), null, null, null, null));
        OpenAiClassifier c = new OpenAiClassifier(threeCriteria, OpenAiSettings.from(noDiskCache, EvaluationSettings.NONE), noDiskCache, QUICK);
        try (c) {
            verdicts = c.classify(allTurns(many.toArray(Transcript[]::new)));
        }
        assertThat(verdicts).hasSize(2000).allMatch(v -> v instanceof Verdict.Decision);
        assertThat(((Verdict.Decision) verdicts.get(1)).fired()).containsExactly("asks_for_human");
        long limited = Long.parseLong(c.statistics().get("rate limited").split(" ")[0]);
        assertThat(limited).isGreaterThanOrEqualTo(400);
        assertThat(received.get()).isEqualTo(2000 + (int) limited);
        assertThat(c.statistics().get("rate limited")).contains("concurrency went down to");
    }

    @Test
    void serverErrorsAndTimeoutsAreRetriedWithBackoff() {
        AtomicInteger n = new AtomicInteger();
        override = body -> switch (n.incrementAndGet()) {
            case 1 -> json(502, "bad gateway");
            case 2 -> json(503, "{\"error\":{\"message\":\"overloaded\"}}");
            default -> null;
        };
        List<Verdict> verdicts;
        OpenAiClassifier c = classifier(threeCriteria, null, 1);
        try (c) {
            verdicts = c.classify(allTurns(person));
        }
        assertThat(verdicts.get(0)).isInstanceOf(Verdict.Decision.class);
        assertThat(received.get()).isEqualTo(3);
        assertThat(c.statistics()).containsEntry("retries", "2");

        AtomicInteger later = new AtomicInteger();
        override = body -> later.incrementAndGet() == 1 ? null : json(500, "down");
        try (OpenAiClassifier again = classifier(threeCriteria, null, 1)) {
            List<Verdict> v = again.classify(allTurns(conversation("other", "something else", "ok", "and more")));
            assertThat(v.get(0)).as("the server answered once").isInstanceOf(Verdict.Decision.class);
            assertThat(((Verdict.Invalid) v.get(1)).reason()).contains("no reply after 3 attempts: HTTP 500");
        }
    }

    @Test
    void aServerThatNeverAnswersEndsTheRunAfterTheFirstTurnsAttemptsNotOneTurnAtATime() {
        override = body -> json(503, "down for maintenance");
        try (OpenAiClassifier c = classifier(threeCriteria, null, 1)) {
            assertThatThrownBy(() -> c.classify(allTurns(conversation("t", "a", "b", "c", "d", "e"))))
                    .isInstanceOfSatisfying(HandoffException.class, e -> {
                        assertThat(e.kind()).isEqualTo(HandoffException.Kind.REMOTE);
                        assertThat(e.getMessage()).contains("no reply from").contains("after 3 attempts (HTTP 503: down for maintenance)");
                    });
        }
        assertThat(received.get()).as("three attempts at the first turn, none at the others").isEqualTo(3);
    }

    @Test
    void aServerThatAnsweredAndThenWentAwayEndsTheRunAfterThreeTurnsInARowGetNoReply() {
        AtomicInteger n = new AtomicInteger();
        override = body -> n.incrementAndGet() <= 2 ? null : json(503, "gone");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            texts.add("message " + i);
            texts.add("ok");
        }
        texts.add("last");
        try (OpenAiClassifier c = classifier(threeCriteria, null, 1)) {
            assertThatThrownBy(() -> c.classify(allTurns(conversation("t", texts.toArray(String[]::new)))))
                    .isInstanceOfSatisfying(HandoffException.class, e -> {
                        assertThat(e.kind()).isEqualTo(HandoffException.Kind.REMOTE);
                        assertThat(e.getMessage()).contains("stopped answering: 3 turns in a row got no answer (no reply after 3 attempts: HTTP 503: gone)");
                        assertThat(e.hint()).contains("kept in the reply cache");
                    });
        }
        assertThat(received.get()).as("two answered turns, then three turns of three attempts, none for the other eight").isEqualTo(2 + 3 * 3);

        // a reply between lost turns starts the count again: a flaky server does not end the run
        received.set(0);
        AtomicInteger m = new AtomicInteger();
        override = body -> m.incrementAndGet() % 7 == 1 ? null : json(503, "flaky");
        try (OpenAiClassifier c = classifier(threeCriteria, null, 1)) {
            List<Verdict> v = c.classify(allTurns(conversation("flaky", "a", "b", "c", "d", "e", "f", "g", "h", "i")));
            assertThat(v).hasSize(5);
            assertThat(v.stream().filter(x -> x instanceof Verdict.Invalid).count()).isEqualTo(3);
        }
    }

    @Test
    void answersAreCountedAsTheyComeCachedOnesAndTwinTurnsIncluded() {
        try (OpenAiClassifier c = classifier(threeCriteria, null, 2)) {
            c.classify(allTurns(person));
        }
        Transcript twin = conversation("twin", "can I talk to a real person please");
        List<TurnRequest> turns = allTurns(person, twin, conversation("a", "one", "ok", "two", "ok", "three"));
        List<Integer> seen = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        try (OpenAiClassifier c = classifier(threeCriteria, null, 2)) {
            List<Verdict> v = c.classify(turns, n -> {
                seen.add(n);
                threads.add(Thread.currentThread().getName());
            });
            assertThat(v).hasSize(5).allMatch(x -> x instanceof Verdict.Decision);
        }
        assertThat(seen).as("the cached prompt answers two turns at once, then one per reply").containsExactly(2, 3, 4, 5);
        assertThat(threads).as("told on the caller's thread, never a worker's").containsOnly(Thread.currentThread().getName());
    }

    @Test
    void usageIsCountedAndPricedAndARerunAsksNothingButStillEstimatesTheCostOfAskingAgain() {
        Price price = Price.parse("1/2");
        String firstCost;
        try (OpenAiClassifier c = classifier(threeCriteria, price)) {
            c.classify(allTurns(refund, person));
            long prompt = 0;
            long cached = 0;
            long completion = 0;
            for (JsonNode b : bodies) {
                JsonNode u = Yaml.json().createObjectNode();
                try {
                    u = Yaml.json().readTree(new FakeReplies().completion(b)).path("usage");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                prompt += u.path("prompt_tokens").asLong();
                completion += u.path("completion_tokens").asLong();
            }
            // the fake server counts the system message as cached once it has seen it: 2 of 3 requests
            cached = 2L * (bodies.get(0).path("messages").get(0).path("content").asText().length() / 4);
            var st = c.statistics();
            assertThat(st.get("requests")).isEqualTo("3");
            assertThat(st.get("prompt tokens")).isEqualTo(String.format(java.util.Locale.ROOT, "%,d", prompt));
            assertThat(st.get("completion tokens")).isEqualTo(String.format(java.util.Locale.ROOT, "%,d", completion));
            assertThat(st.get("cached tokens")).startsWith(String.format(java.util.Locale.ROOT, "%,d (", cached));
            double cost = ((prompt - cached) * 1.0 + cached * 1.0 + completion * 2.0) / 1e6;
            firstCost = String.format(java.util.Locale.ROOT, "$%.4f", cost);
            assertThat(st.get("cost")).startsWith(firstCost + " this run; about " + firstCost + " to ask every turn again");
            assertThat(c.describe().get("usage")).startsWith("3 requests, ");
        }
        try (OpenAiClassifier c = classifier(threeCriteria, price)) {
            c.classify(allTurns(refund, person));
            assertThat(c.statistics()).containsEntry("requests", "0").containsEntry("cache hits", "3");
            assertThat(c.statistics().get("cost")).startsWith("$0.0000 this run; about " + firstCost + " to ask every turn again");
            assertThat(c.describe().get("output")).isEqualTo("json_schema (strict)");
        }
        assertThat(received.get()).isEqualTo(3);
    }

    @Test
    void editingOneCriterionsWordingAsksEachTurnOnceMore() throws IOException {
        try (OpenAiClassifier c = classifier(threeCriteria, null)) {
            c.classify(allTurns(refund, person));
        }
        ObjectNode doc = (ObjectNode) Yaml.yaml().readTree(resource("quickchat-three-criteria-two-profiles.yaml"));
        ((ObjectNode) doc.path("custom_guidelines").get(1)).put("description", "The user asks for a refund or a chargeback.");
        HandoffConfig edited = HandoffConfig.from(Provider.QUICKCHAT, doc);
        try (OpenAiClassifier c = classifier(edited, null)) {
            c.classify(allTurns(refund, person));
        }
        assertThat(received.get()).isEqualTo(6);
        try (OpenAiClassifier c = classifier(edited, null)) {
            c.classify(allTurns(refund, person));
        }
        assertThat(received.get()).isEqualTo(6);
    }

    @Test
    void anAnswerLargerThanAnyChatCompletionStopsTheRunInsteadOfFillingTheHeap() {
        String huge = "\"" + "x".repeat((int) ChatClient.MAX_REPLY_BYTES) + "\"";
        override = body -> json(200, huge);
        try (OpenAiClassifier c = classifier(threeCriteria, null)) {
            assertThatThrownBy(() -> c.classify(allTurns(person))).isInstanceOfSatisfying(HandoffException.class, e -> {
                assertThat(e.kind()).isEqualTo(HandoffException.Kind.REMOTE);
                assertThat(e.getMessage()).contains("answered HTTP 200 with a body over 8 MB");
            });
        }
    }

    @Test
    void unauthorisedForbiddenAndUnknownModelStopAtOnce() {
        override = body -> json(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-test-***********1234.\",\"code\":\"invalid_api_key\"}}");
        try (OpenAiClassifier c = classifier(threeCriteria, null)) {
            assertThatThrownBy(() -> c.classify(allTurns(person))).isInstanceOfSatisfying(HandoffException.class, e -> {
                assertThat(e.kind()).isEqualTo(HandoffException.Kind.AUTH);
                assertThat(e.getMessage()).contains("HTTP 401").contains("<redacted>").doesNotContain("1234");
            });
        }
        assertThat(received.get()).isEqualTo(1);
        override = body -> json(403, "{\"error\":{\"message\":\"no access\"}}");
        try (OpenAiClassifier c = classifier(threeCriteria, null)) {
            assertThatThrownBy(() -> c.classify(allTurns(person)))
                    .isInstanceOfSatisfying(HandoffException.class, e -> assertThat(e.kind()).isEqualTo(HandoffException.Kind.AUTH));
        }
        override = body -> json(404, "{\"error\":{\"message\":\"The model `test-model` does not exist\"}}");
        try (OpenAiClassifier c = classifier(threeCriteria, null)) {
            assertThatThrownBy(() -> c.classify(allTurns(person))).isInstanceOfSatisfying(HandoffException.class, e -> {
                assertThat(e.kind()).isEqualTo(HandoffException.Kind.USAGE);
                assertThat(e.getMessage()).contains("has no model 'test-model'");
            });
        }
    }

    @Test
    void turnsAnsweredOnlyWith429sOrWithEmptyBodiesCountAsLostAndThreeInARowEndTheRun() {
        // a server that only ever rate-limits (Retry-After: 0) went on for 12 minutes and exited 0
        override = body -> new MockResponse.Builder().code(429).setHeader("Retry-After", "0")
                .setHeader("Content-Type", "application/json").body("{\"error\":{\"message\":\"slow down\"}}").build();
        try (OpenAiClassifier c = classifier(threeCriteria, null, 1)) {
            assertThatThrownBy(() -> c.classify(allTurns(conversation("t", "a", "b", "c", "d", "e", "f", "g", "h", "i"))))
                    .isInstanceOfSatisfying(HandoffException.class, e -> assertThat(e.getMessage())
                            .contains("stopped answering: 3 turns in a row got no answer (rate limited 30 times in a row (HTTP 429))"));
        }
        assertThat(received.get()).as("three turns of 31 requests, none for the other two").isEqualTo(3 * 31);

        received.set(0);
        AtomicInteger n = new AtomicInteger();
        override = body -> n.incrementAndGet() == 1 ? null : json(200, "");
        try (OpenAiClassifier c = classifier(threeCriteria, null, 1)) {
            assertThatThrownBy(() -> c.classify(allTurns(conversation("u", "a", "b", "c", "d", "e", "f", "g", "h", "i"))))
                    .isInstanceOfSatisfying(HandoffException.class, e -> assertThat(e.getMessage())
                            .contains("stopped answering: 3 turns in a row got no answer (the server's reply is not a chat completion)"));
        }
        assertThat(received.get()).isEqualTo(4);
    }

    @Test
    void aReplyThatBreaksTheSchemaOrARefusalIsInvalidNeverANo() {
        AtomicInteger n = new AtomicInteger();
        override = body -> switch (n.incrementAndGet()) {
            case 1 -> json(200, completion("{\"criteria\":[\"wants_pizza\"],\"routing_profile\":null,\"rationale\":\"x\"}", null));
            case 2 -> json(200, completion(null, "I can't help with that."));
            default -> json(200, "<html>proxy error</html>");
        };
        List<Verdict> verdicts;
        try (OpenAiClassifier c = classifier(threeCriteria, null, 1)) {
            verdicts = c.classify(allTurns(conversation("t", "a", "b", "c", "d", "e")));
            assertThat(c.statistics()).containsEntry("invalid", "3");
        }
        assertThat(verdicts).allMatch(v -> v instanceof Verdict.Invalid);
        assertThat(((Verdict.Invalid) verdicts.get(0)).reason()).contains("unknown criterion 'wants_pizza'");
        assertThat(((Verdict.Invalid) verdicts.get(1)).reason()).contains("the model refused");
        assertThat(((Verdict.Invalid) verdicts.get(2)).reason()).isEqualTo("the server's reply is not a chat completion: <html>proxy error</html>");
        assertThat(((Verdict.Invalid) verdicts.get(2)).raw()).as("no model reply: --record must not keep it as a verdict").isEmpty();
        assertThat(((Verdict.Invalid) verdicts.get(0)).raw()).as("a reply that broke the schema is the model's").isNotEmpty();

        // the server fixed (a proxy that rewrote bodies, a build without strict json_schema): the next run asks again
        override = body -> null;
        try (OpenAiClassifier c = classifier(threeCriteria, null, 1)) {
            List<Verdict> again = c.classify(allTurns(conversation("t", "a", "b", "c", "d", "e")));
            assertThat(again).as("invalid replies are not cached").allMatch(v -> v instanceof Verdict.Decision);
        }
    }

    @Test
    void theModelComesFromTheEvaluationSettingsWhenNotGivenAndIsRequired() throws IOException {
        JsonNode block = Yaml.yaml().readTree("openai: {model: gpt-4o-mini, base_url: 'http://127.0.0.1:9/v1/'}");
        EvaluationSettings withModel = new EvaluationSettings(Path.of("x.eval.yaml"), EvaluationSettings.GateLimits.NONE,
                java.util.Map.of(), java.util.Map.of(), block);
        ClassifierOptions noUrl = new ClassifierOptions(cacheDir, null, null, 1, Duration.ofSeconds(1), true);
        OpenAiSettings s = OpenAiSettings.from(noUrl, withModel);
        assertThat(s.model()).isEqualTo("gpt-4o-mini");
        assertThat(s.baseUrl()).isEqualTo("http://127.0.0.1:9/v1");
        assertThatThrownBy(() -> OpenAiSettings.from(options(null, 1, null), EvaluationSettings.NONE))
                .isInstanceOfSatisfying(HandoffException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HandoffException.Kind.USAGE);
                    assertThat(e.getMessage()).contains("needs a model name");
                });
        assertThat(OpenAiSettings.keyHeader("Authorization: Bearer")).isNull();
        assertThat(OpenAiSettings.keyHeader("api-key")).isEqualTo("api-key");
        assertThatThrownBy(() -> OpenAiSettings.keyHeader("api key: x")).isInstanceOf(HandoffException.class);
    }

    private OpenAiClassifier classifier(HandoffConfig config, Price price) {
        return classifier(config, price, 4);
    }

    private OpenAiClassifier classifier(HandoffConfig config, Price price, int concurrency) {
        ClassifierOptions options = options("test-model", concurrency, price);
        return new OpenAiClassifier(config, OpenAiSettings.from(options, EvaluationSettings.NONE), options, QUICK);
    }

    private ClassifierOptions options(String model, int concurrency, Price price) {
        String base = server.url("/v1").toString();
        return new ClassifierOptions(cacheDir, null, model, concurrency, Duration.ofSeconds(10), true,
                new ChatServer(base, null, null, null, price));
    }

    static String completion(String content, String refusal) {
        ObjectNode r = Yaml.json().createObjectNode();
        ObjectNode m = r.putArray("choices").addObject().putObject("message");
        m.put("role", "assistant");
        if (content == null) {
            m.putNull("content");
        } else {
            m.put("content", content);
        }
        if (refusal != null) {
            m.put("refusal", refusal);
        }
        r.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 2);
        return r.toString();
    }

    static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
    }
}
