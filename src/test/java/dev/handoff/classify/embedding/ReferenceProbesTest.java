package dev.handoff.classify.embedding;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ReferenceProbesTest {

    private static final int D = SentenceEncoder.DIMENSION;

    @Test
    void aWrittenProbeReadsBackAndAppliesOnlyToTheDescriptionItWasFittedFor() throws Exception {
        float[] w = new float[2 * D];
        w[0] = 2f;
        w[D] = -1f;
        ReferenceProbes.Probe p = new ReferenceProbes.Probe("Refund requests", ReferenceProbes.sha1("Asks for a refund."), 0.25, w, -0.5,
                "test data");
        String text = ReferenceProbes.write(List.of(p), "fitted for a test\nsecond line");
        assertThat(text).startsWith("# fitted for a test\n# second line\ncriterion Refund requests\n");

        ReferenceProbes read = ReferenceProbes.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        ReferenceProbes.Probe back = read.forCriterion("Refund requests", "Asks for a refund.");
        assertThat(back).isNotNull();
        assertThat(back.blend()).isEqualTo(0.25);
        float[] x = new float[2 * D];
        x[0] = 1f;
        assertThat(back.probability(x)).isCloseTo(LogisticRegression.sigmoid(1.5), within(1e-6));

        assertThat(read.forCriterion("Refund requests", "Asks for a refund, reworded.")).isNull();
        assertThat(read.forCriterion("asks_for_human", "Asks for a refund.")).isNull();
    }

    /** A probe file a user names: each broken field is one line naming where, never a Java message (one was exit 70). */
    @Test
    void aBrokenProbeFileSaysWhichLineAndWhat() {
        String sha = ReferenceProbes.sha1("Asks for a refund.");
        String weights = "weights" + " 0.1".repeat(2 * D);
        String[][] cases = {
                {"criterion r\nblend 0.5\nbias 0\n" + weights, "the probe of line 1 (criterion 'r'): no 'description-sha1' line"},
                {"criterion r\ndescription-sha1 " + sha + "\nblend 0.5\n" + weights, "no 'bias' line"},
                {"description-sha1 " + sha + "\nbias 0\n" + weights, "line 1: 'description-sha1' before any 'criterion' line"},
                {"criterion r\ndescription-sha1 " + sha + "\nblend NaN\nbias 0\n" + weights, "blend: NaN is not a finite number"},
                {"criterion r\ndescription-sha1 " + sha + "\nblend 5\nbias 0\n" + weights, "blend 5 is not from 0 to 1"},
                {"criterion r\ndescription-sha1 " + sha + "\nbias 0\nweights 0.1 0.2", "2 weights, expected " + 2 * D},
                {"criterion r\ndescription-sha1 " + sha + "\nbias x\n" + weights, "bias: 'x' is not a number"},
                {"criterion r\nsha " + sha, "line 2 is no line of a probe file"},
                {"OPENAI_API_KEY=sk-proj-EnvF1le5ecretAb3Cd5\n", "line 1 is no line of a probe file"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> ReferenceProbes.read(new ByteArrayInputStream(c[0].getBytes(StandardCharsets.UTF_8))))
                    .as(c[1]).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(c[1])
                    .hasMessageNotContaining("sk-proj").hasMessageNotContaining("OPENAI");
        }
    }

    @Test
    void aProbeFileWithAByteOrderMarkTabsCrlfOrAnUpperCaseShaReadsTheSame() throws Exception {
        float[] w = new float[2 * D];
        w[0] = 2f;
        String sha = ReferenceProbes.sha1("Asks for a refund.");
        String text = ReferenceProbes.write(List.of(new ReferenceProbes.Probe("Refund requests", sha, 0.25, w, -0.5, "t")), "h");
        String windows = "\uFEFF" + text.replace("description-sha1 " + sha, "description-sha1\t" + sha.toUpperCase(java.util.Locale.ROOT))
                .replace("\n", "\r\n");
        ReferenceProbes read = ReferenceProbes.read(new ByteArrayInputStream(windows.getBytes(StandardCharsets.UTF_8)));
        assertThat(read.forCriterion("Refund requests", "Asks for a refund.")).isNotNull();
    }

    @Test
    void featuresAreTheWholeMessageThenTheEarlierUserMessagesOrZero() {
        float[] a = unit(0);
        float[] b = unit(1);
        float[] alone = ReferenceProbes.features(List.of(a, b), List.of());
        assertThat(alone).hasSize(2 * D);
        assertThat(alone[0]).isCloseTo((float) Math.sqrt(0.5), within(1e-6f));
        assertThat(alone[1]).isCloseTo((float) Math.sqrt(0.5), within(1e-6f));
        assertThat(alone[D]).isZero();

        float[] withContext = ReferenceProbes.features(List.of(a), List.of(List.of(b), List.of(), List.of(a)));
        assertThat(withContext[0]).isEqualTo(1f);
        assertThat(withContext[D + 1]).isEqualTo(1f); // only the latest CONTEXT_MESSAGES count, an empty one is skipped
        assertThat(withContext[D]).isZero();
    }

    @Test
    void theBuiltInProbesFitTheExampleConfigurationsWording() {
        ReferenceProbes builtin = ReferenceProbes.builtin();
        assertThat(builtin.isEmpty()).isFalse();
        String css = "The answer depends on the user's own order, account or payment data that the bot cannot see, so only a "
                + "support agent with access to our back office can resolve it.";
        assertThat(builtin.forCriterion("customer_support_suggestion", css)).isNotNull();
        assertThat(builtin.forCriterion("customer_support_suggestion", "The user needs an agent.")).as("another wording: no probe").isNull();
        assertThat(builtin.forCriterion("user_frustration", "The user is clearly frustrated or angry with us or with the bot, for "
                + "example repeating the same complaint, using insults or all caps, or saying the bot is useless. Mild impatience "
                + "(\"hmm\", \"ok?\") is not enough.")).as("17 reference positives: phrase probe alone").isNull();
        assertThat(builtin.forCriterion("Refund requests", "The user asks for a refund or chargeback, or says a refund we promised "
                + "has not arrived after 14 days. Questions about the return policy alone are not refund requests."))
                .as("fewer than 30 reference positives: not shipped").isNull();
    }

    private static float[] unit(int i) {
        float[] v = new float[D];
        v[i] = 1f;
        return v;
    }
}
