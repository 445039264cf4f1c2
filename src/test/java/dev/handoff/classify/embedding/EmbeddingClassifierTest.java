package dev.handoff.classify.embedding;

import dev.handoff.classify.Classifier;
import dev.handoff.classify.ClassifierOptions;
import dev.handoff.classify.TurnRequest;
import dev.handoff.classify.Verdict;
import dev.handoff.config.EvaluationSettings;
import dev.handoff.config.HandoffConfig;
import dev.handoff.config.LocalConfig;
import dev.handoff.error.HandoffException;
import dev.handoff.transcript.Message;
import dev.handoff.transcript.Transcript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.handoff.classify.Fixtures.allTurns;
import static dev.handoff.classify.Fixtures.conversation;
import static dev.handoff.classify.Fixtures.quickchat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded classifier with the repository's example configuration and its evaluation
 * settings, on phrases that are not among the settings' examples. The model loads once for
 * the class (a few seconds).
 */
class EmbeddingClassifierTest {

    private static final Path EXAMPLE = Path.of("guidelines/quickchat-support.yaml");
    private static final List<String> ASKED = List.of("user_frustration", "customer_support_suggestion",
            "lack_of_knowledge", "irrelevant_advice", "asks_for_human", "Legal or safety threat", "Refund requests");

    @TempDir
    static Path cacheDir;

    private static Classifier classifier;

    @BeforeAll
    static void load() {
        HandoffConfig config = HandoffConfig.from(LocalConfig.read(EXAMPLE));
        classifier = new EmbeddingClassifierFactory().create(config, EvaluationSettings.forConfig(EXAMPLE), options(true));
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    @Test
    void asksForAHumanFiresOnARequestAndNotOnLookalikes() {
        assertThat(fired("can I talk to a real person please")).contains("asks_for_human");
        assertThat(fired("hey, could someone from your staff take over this chat?")).contains("asks_for_human");
        assertThat(fired("stop, I need to speak with an actual employee")).contains("asks_for_human");

        assertThat(fired("are you a bot?")).doesNotContain("asks_for_human");
        assertThat(fired("wait, am I chatting with a robot right now?")).doesNotContain("asks_for_human");
        assertThat(fired("my travel agent booked this")).doesNotContain("asks_for_human");
        assertThat(fired("the parcel agent in Lyon said it was delivered")).doesNotContain("asks_for_human");
        assertThat(fired("what sizes does the rain jacket come in?")).isEmpty();
    }

    @Test
    void shortRealStyleRequestsFireAndAQuestionAboutTheBotDoesNot() {
        assertThat(fired("connect me with an agent")).contains("asks_for_human");
        assertThat(fired("customer care phone number?")).contains("asks_for_human");
        assertThat(fired("are you a real human?")).doesNotContain("asks_for_human");
        assertThat(fired("call my sister for me")).doesNotContain("asks_for_human");
    }

    @Test
    void otherCriteriaFireOnTheirOwnKindOfMessage() {
        assertThat(fired("I asked this three times already, you are absolutely useless!!")).contains("user_frustration");
        assertThat(fired("the tent pole snapped, I want a refund")).contains("Refund requests");
        assertThat(fired("I will get my lawyer involved if this is not fixed")).contains("Legal or safety threat");
        assertThat(fired("great, thank you, that was helpful")).isEmpty();
    }

    @Test
    void aQuestionAboutRefundsIsNoRefundRequest() {
        assertThat(fired("please give me a refund for the broken stove")).contains("Refund requests").doesNotContain("user_frustration");
        assertThat(fired("I would like a refund please")).contains("Refund requests");
        // near the counter-examples, which carry half the negatives' weight: with every negative alike they scored 0.87-0.91
        assertThat(fired("what is your refund policy?")).doesNotContain("Refund requests");
        assertThat(fired("how long does a refund take?")).doesNotContain("Refund requests");
        assertThat(fired("has my refund been processed?")).doesNotContain("Refund requests");
    }

    @Test
    void counterExamplesWeighLikeAnyNegativeWithAShareOfZero(@TempDir Path dir) throws Exception {
        String settings = Files.readString(Path.of("guidelines/quickchat-support.eval.yaml"));
        assertThat(settings).contains("\nclassifier:\n  embedding:\n");
        Path plain = dir.resolve("plain.eval.yaml");
        Files.writeString(plain, settings.replace("\nclassifier:\n  embedding:\n",
                "\nclassifier:\n  embedding:\n    counter_examples_share: 0\n"));
        HandoffConfig config = HandoffConfig.from(LocalConfig.read(EXAMPLE));
        try (Classifier alike = new EmbeddingClassifierFactory().create(config, EvaluationSettings.load(plain), options(true))) {
            String question = "what is your refund policy?";
            double shared = score(classifier, question, "Refund requests");
            double plainScore = score(alike, question, "Refund requests");
            assertThat(plainScore - shared).isGreaterThan(0.15);
            assertThat(alike.describe().get("method")).contains("carry 0% of the negatives' weight");
            assertThat(classifier.describe().get("method")).contains("carry 50% of the negatives' weight");
        }
    }

    private static double score(Classifier c, String message, String criterion) {
        return ((Verdict.Decision) c.classify(allTurns(conversation("s", message))).get(0)).scores().get(criterion);
    }

    @Test
    void ordinaryBookingAndBankingMessagesFireNothing() {
        assertThat(fired("no thanks, that's everything I wanted. bye now!")).isEmpty();
        assertThat(fired("can I still cancel the reservation later if something comes up?")).isEmpty();
        assertThat(fired("what rate do you use when I pay in dollars?")).isEmpty();
        assertThat(fired("either one is fine with me")).isEmpty();
        assertThat(fired("how long may I send items back for?")).doesNotContain("Refund requests");
    }

    @Test
    void theExampleWordingIsScoredWithTheProbesFittedOnTheReferenceLabels() {
        assertThat(fired("my transfer to my landlord shows as failed but the money left my account"))
                .contains("customer_support_suggestion");
        assertThat(classifier.describe().get("criterion.customer_support_suggestion"))
                .contains("with a probe fitted on an LLM's labels of whole turns");
        assertThat(classifier.describe().get("criterion.Refund requests")).as("too few reference positives: phrase probe alone")
                .doesNotContain("fitted on an LLM's labels");
    }

    @Test
    void everyAskedCriterionHasAScoreOnEveryTurnAndDeterministicOnesAreNotAsked() {
        List<Verdict> verdicts = classifier.classify(allTurns(
                conversation("a", "hello", "Hi!", "can I talk to a real person please"),
                conversation("b", "what is the weather like")));
        assertThat(verdicts).hasSize(3).allSatisfy(v -> {
            Map<String, Double> scores = ((Verdict.Decision) v).scores();
            assertThat(scores.keySet()).containsExactlyInAnyOrderElementsOf(ASKED);
            assertThat(scores.values()).allSatisfy(s -> assertThat(s).isBetween(0.0, 1.0));
        });
        Verdict.Decision request = (Verdict.Decision) verdicts.get(1);
        assertThat(request.scores().get("asks_for_human")).isGreaterThan(request.scores().get("Refund requests"));
        assertThat(request.rationale()).startsWith("asks_for_human 0.").contains("(like \"");
    }

    @Test
    void theRouteFollowsTheTopicOfTheLatestUserMessages() {
        Transcript login = conversation("login", "I can't log in, the app says my password is wrong", "Try resetting it.",
                "please just let me talk to a human");
        Transcript parcel = conversation("parcel", "my parcel never arrived and tracking shows nothing", "Sorry to hear!",
                "I want to speak to someone");
        Transcript charge = conversation("charge", "you charged my credit card twice for one order");
        List<Verdict> v = classifier.classify(List.of(new TurnRequest(login, 2), new TurnRequest(parcel, 2),
                new TurnRequest(charge, 1)));
        assertThat(v).extracting(d -> ((Verdict.Decision) d).route())
                .containsExactly("Technical Support", "Orders & Delivery", "Billing");
    }

    @Test
    void aMediaOnlyMessageScoresZeroAndFiresNothing() {
        Transcript photo = new Transcript("photo", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), null,
                List.of(new Message(Message.Role.USER, null, null, Message.Media.IMAGE)), null, null);
        Verdict.Decision d = (Verdict.Decision) classifier.classify(allTurns(photo)).get(0);
        assertThat(d.fired()).isEmpty();
        assertThat(d.scores()).hasSize(ASKED.size()).allSatisfy((k, s) -> assertThat(s).isZero());
    }

    @Test
    void repeatedTextIsEmbeddedOnceAndTheCacheSurvivesARestart() {
        HandoffConfig config = quickchat("quickchat-one-criterion-no-profiles.yaml");
        EvaluationSettings settings = EvaluationSettings.load(resource("two-examples.eval.yaml"));
        Path dir = cacheDir.resolve("restart");
        Classifier first = new EmbeddingClassifierFactory().create(config, settings, optionsIn(dir, true));
        List<TurnRequest> turns = allTurns(conversation("x", "put me through to somebody"),
                conversation("y", "Put me   through to SOMEBODY"));
        List<Verdict> v1 = first.classify(turns);
        // the description and two examples, then one text for both turns: they normalize to the same key
        assertThat(first.statistics().get("cache")).contains("4 embedded");
        first.close();
        assertThat(dir.resolve("embedding").resolve(SentenceEncoder.MODEL_ID + ".cache")).isRegularFile();

        Classifier second = new EmbeddingClassifierFactory().create(config, settings, optionsIn(dir, true));
        List<Verdict> v2 = second.classify(turns);
        assertThat(second.statistics().get("cache")).contains("0 embedded, 4 loaded from disk");
        assertThat(v2).isEqualTo(v1);
        second.close();
    }

    @Test
    void aCriterionWithTooFewExamplesIsScoredBySimilarity() {
        HandoffConfig config = quickchat("quickchat-one-criterion-no-profiles.yaml");
        EvaluationSettings settings = EvaluationSettings.load(resource("two-examples.eval.yaml"));
        Classifier c = new EmbeddingClassifierFactory().create(config, settings, optionsIn(cacheDir.resolve("similarity"), true));
        Verdict.Decision d = (Verdict.Decision) c.classify(allTurns(conversation("s", "put me through to a person"))).get(0);
        assertThat(d.fired()).containsExactly("asks_for_human");
        assertThat(d.scores().get("asks_for_human")).isGreaterThan(0.99);
        assertThat(c.describe().get("criterion.asks_for_human")).isEqualTo("threshold 0.8, similarity to description (add examples to train a probe)");
        c.close();
    }

    @Test
    void badClassifierOptionsNameTheFieldAndFile() {
        Path bad = resource("bad-embedding-options.eval.yaml");
        EvaluationSettings settings = EvaluationSettings.load(bad);
        HandoffConfig config = quickchat("quickchat-one-criterion-no-profiles.yaml");
        assertThatThrownBy(() -> new EmbeddingClassifierFactory().create(config, settings, options(true)))
                .isInstanceOfSatisfying(HandoffException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HandoffException.Kind.USAGE);
                    assertThat(e.getMessage()).isEqualTo(bad + ": classifier.embedding.context_turns must be a whole number from 0 to 10, found 'lots'");
                });
    }

    @Test
    void aBadPerCriterionProbeOptionNamesTheCriterionAndField() {
        Path bad = resource("bad-per-criterion-knn-weight.eval.yaml");
        EvaluationSettings settings = EvaluationSettings.load(bad);
        HandoffConfig config = quickchat("quickchat-one-criterion-no-profiles.yaml");
        assertThatThrownBy(() -> new EmbeddingClassifierFactory().create(config, settings, options(true)))
                .isInstanceOfSatisfying(HandoffException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        bad + ": classifier.embedding.criteria.asks_for_human.knn_weight must be a number from 0.0 to 1.0, found '2'"));
    }

    private static List<String> fired(String userMessage) {
        Verdict v = classifier.classify(allTurns(conversation("t", userMessage))).get(0);
        return new ArrayList<>(((Verdict.Decision) v).fired());
    }

    private static ClassifierOptions options(boolean useCache) {
        return optionsIn(cacheDir, useCache);
    }

    private static ClassifierOptions optionsIn(Path dir, boolean useCache) {
        return new ClassifierOptions(dir, null, null, 1, Duration.ofSeconds(5), useCache);
    }

    private static Path resource(String name) {
        try {
            return Path.of(EmbeddingClassifierTest.class.getResource("/classify/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static {
        // the example configuration must exist: the tests run from the repository root
        if (!Files.isRegularFile(EXAMPLE)) {
            throw new IllegalStateException("run from the repository root: " + EXAMPLE + " not found");
        }
    }
}
