import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.classify.Classifier;
import dev.handoff.classify.ClassifierFactory;
import dev.handoff.classify.ClassifierOptions;
import dev.handoff.classify.TurnRequest;
import dev.handoff.classify.Verdict;
import dev.handoff.config.EvaluationSettings;
import dev.handoff.config.HandoffConfig;
import dev.handoff.config.LocalConfig;
import dev.handoff.config.yaml.Yaml;
import dev.handoff.transcript.Expectation;
import dev.handoff.transcript.Message;
import dev.handoff.transcript.ReadResult;
import dev.handoff.transcript.Transcript;
import dev.handoff.transcript.TranscriptReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Predicate;

/**
 * Quality of the embedded classifier on the public labelled data in ../shared/data (see
 * bench/quality.sh). Thresholds are chosen on the TUNE splits only (highest F1 with a
 * false-positive rate of at most 0.5%) and then reported on REPORT splits never tuned on.
 *
 * Usage: java -cp target/handoff.jar:target/lib/* bench/Quality.java [IMPORTED_DIR]
 * (IMPORTED_DIR: the transcript JSONL written by bench/prepare-data.sh, default target/bench-data)
 */
public class Quality {

    static final double MAX_FPR = 0.005;
    static final Path CONFIG = Path.of("guidelines/quickchat-support.yaml");

    /** One labelled item: a conversation and, for a positive, the user turn from which firing is right. */
    record Item(String split, String source, String label, Transcript transcript, boolean positive, int fromTurn) {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "target/bench-data");
        Loader load = new Loader(data);
        // HINT3 curekart, Bitext half A, CLINC150 train (+ oos_train), USS odd dialogues: TUNE; the rest: REPORT
        List<Item> human = new ArrayList<>();
        human.addAll(load.read("hint3", "asks_for_human", t -> t.meta().path("file").asText().startsWith("curekart") ? "TUNE" : "REPORT",
                t -> "hint3 " + t.meta().path("file").asText().replace("_train.csv", "")));
        human.addAll(load.read("bitext", "asks_for_human", Loader::textHalf, t -> "bitext half " + (Loader.textHalf(t).equals("TUNE") ? "A" : "B")));
        human.addAll(load.read("clinc150", "asks_for_human", t -> t.meta().path("split").asText().endsWith("train") ? "TUNE" : "REPORT",
                t -> "clinc150 " + t.meta().path("split").asText()));
        human.addAll(load.read("banking77", "asks_for_human", Loader::textHalf, t -> "banking77 half " + (Loader.textHalf(t).equals("TUNE") ? "A" : "B")));

        List<Item> frustration = new ArrayList<>();
        frustration.addAll(load.read("uss", "user_frustration", t -> t.meta().path("dialogue").asInt() % 2 == 1 ? "TUNE" : "REPORT",
                t -> "uss sgd half " + (t.meta().path("dialogue").asInt() % 2 == 1 ? "A" : "B")));
        frustration.addAll(load.read("bitext", "user_frustration", Loader::textHalf,
                t -> "bitext half " + (Loader.textHalf(t).equals("TUNE") ? "A" : "B")));

        HandoffConfig config = HandoffConfig.from(LocalConfig.read(CONFIG));
        EvaluationSettings settings = EvaluationSettings.forConfig(CONFIG);
        Path cache = Path.of("target/bench-cache");
        StringBuilder md = new StringBuilder();
        long t0 = System.nanoTime();

        try (Classifier c = create(config, settings, cache)) {
            md.append(section(c, settings, "asks_for_human", human,
                    "\"asks for a human\": HINT3 CHAT_WITH_AGENT / CHAT_WITH_AN_AGENT / CALL_CENTER / CONTACT_NUMBER and Bitext "
                            + "contact_human_agent are positives; every other row of HINT3, Bitext, CLINC150 (incl. are_you_a_bot, oos) "
                            + "and Banking77 is a negative, Bitext contact_customer_service (\"how or when can I reach customer service\") "
                            + "included, as the issue defines it. The example configuration draws the same line in its wording: asking "
                            + "for a person, a call-back or a phone number to reach one is a request; asking only when or how customer "
                            + "service can be reached is not. HINT3 counts its call-centre opening-hours questions as requests, so those "
                            + "rows are misses by design",
                    MAX_FPR, List.of(new Extra("TUNE without Bitext",
                            i -> i.split.equals("TUNE") && !i.source.startsWith("bitext")),
                            new Extra("REPORT without Bitext (its halves come from the same templates)",
                            i -> i.split.equals("REPORT") && !i.source.startsWith("bitext")),
                            new Extra("REPORT, hard negatives only: CLINC are_you_a_bot",
                                    i -> i.split.equals("REPORT") && i.label.equals("are_you_a_bot")),
                            new Extra("TUNE, hard negatives only: CLINC are_you_a_bot",
                                    i -> i.split.equals("TUNE") && i.label.equals("are_you_a_bot")),
                            new Extra("Bitext contact_customer_service (all, near misses)",
                                    i -> i.source.startsWith("bitext") && i.label.equals("contact_customer_service")))));
            md.append(section(c, settings, "user_frustration", frustration,
                    "frustration: a USS SGD dialogue is positive from its first user turn with mean rating <= 2 (replayed turn by "
                            + "turn, this criterion alone: firing earlier is premature = FP + FN); Bitext complaint rows are positives, "
                            + "other Bitext rows negatives",
                    1.0, List.of()));
            md.append(contextCheck(config, settings, cache, frustration, human));
            md.append(routing(c, human));
            md.append(background(c, config, human));
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        md.append(String.format(Locale.ROOT, "%nWall time %.0f s for %d user turns scored per setting (embeddings are kept in "
                        + "target/bench-cache between runs; a cold run embeds every text once and takes minutes on 2 cores).%n",
                secs, human.size() + frustration.stream().mapToInt(i -> i.transcript.userTurns()).sum()));
        System.out.println(header(data) + md); // bench/quality.sh puts it into bench/RESULTS.md
    }

    static String header(Path data) {
        return "Run: `bench/quality.sh` (the public data sets imported by `bench/prepare-data.sh` with `handoff transcripts "
                + "import` into " + data + "; HINT3 sofmattress LEAD_GEN rows are left out by that import, see the script). "
                + "Thresholds are chosen on the TUNE splits only (asks_for_human: highest F1 with false-positive rate <= 0.5%, "
                + "the issue's goal; user_frustration: highest F1) and reported on REPORT splits that were not used for tuning "
                + "or for writing example phrases. Splits: HINT3 curekart, Bitext half A, Banking77 half A (halves by hash of "
                + "the text), CLINC150 train + oos_train, USS odd dialogues = TUNE; HINT3 powerplay11 + sofmattress, Bitext "
                + "half B, Banking77 half B, CLINC150 val + oos_val, USS even dialogues = REPORT. Honesty notes: an early "
                + "exploratory run printed the errors of every split; the 2026-11-22 session read HINT3 powerplay11's "
                + "positive rows once while deciding what counts as a request, and moved Banking77 half A from REPORT to "
                + "TUNE after a REPORT run showed urgency phrases firing on it. Each criterion is replayed alone, per the scoring rules "
                + "(a firing before the expected turn is premature: FP and FN).\n\n"
                + "Since 2026-12 the example settings follow an LLM's reading of the criteria as written (`bench/agreement.sh`, "
                + "docs/embedded-classifier.md), so the thresholds used below are the ones chosen on that reference's TUNE part, "
                + "not by this run. Where this data's labels differ from that reading, the figures here drop, and that is "
                + "expected: the LLM reads a request for customer service's phone number or for customer service as a request "
                + "for a person (Bitext contact_customer_service rows are negatives here), and a calm request to file a "
                + "complaint as no frustration (Bitext complaint rows are positives here).\n\n";
    }

    record Extra(String name, Predicate<Item> filter) {
    }

    static Classifier create(HandoffConfig config, EvaluationSettings settings, Path cache) {
        // the bench embeds ~55k texts: keep them all (the default keeps 20k) so a rerun reads them from disk
        ObjectNode options = settings.classifierOptions().deepCopy();
        ObjectNode emb = options.has("embedding") ? (ObjectNode) options.get("embedding") : options.putObject("embedding");
        emb.put("cache_entries", 200_000);
        if (System.getenv("QUALITY_UNITS") != null) {
            emb.put("units", System.getenv("QUALITY_UNITS")); // to compare settings on TUNE
        }
        settings = new EvaluationSettings(settings.file(), settings.defaultGate(), settings.criteria(),
                settings.routingExamples(), options);
        ClassifierFactory f = ServiceLoader.load(ClassifierFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(x -> x.id().equals("embedding")).findFirst().orElseThrow();
        return f.create(config, settings, new ClassifierOptions(cache, null, null, 1, Duration.ofSeconds(30), true));
    }

    /** Per item, the first user turn at which the criterion's score reaches each threshold is what replay sees. */
    static final class Scored {
        final Item item;
        final double[] scores; // per user turn

        Scored(Item item, double[] scores) {
            this.item = item;
            this.scores = scores;
        }

        /** 1-based first turn with score >= t, or 0. */
        int firstFiring(double t) {
            for (int k = 0; k < scores.length; k++) {
                if (scores[k] >= t) {
                    return k + 1;
                }
            }
            return 0;
        }
    }

    static List<Scored> score(Classifier c, String criterion, List<Item> items) {
        List<TurnRequest> turns = new ArrayList<>();
        for (Item i : items) {
            for (int k = 1; k <= i.transcript.userTurns(); k++) {
                turns.add(new TurnRequest(i.transcript, k));
            }
        }
        List<Verdict> verdicts = new ArrayList<>();
        for (int from = 0; from < turns.size(); from += 2048) {
            verdicts.addAll(c.classify(turns.subList(from, Math.min(turns.size(), from + 2048))));
        }
        List<Scored> out = new ArrayList<>();
        int v = 0;
        for (Item i : items) {
            double[] s = new double[i.transcript.userTurns()];
            for (int k = 0; k < s.length; k++) {
                s[k] = ((Verdict.Decision) verdicts.get(v++)).scores().get(criterion);
            }
            out.add(new Scored(i, s));
        }
        return out;
    }

    /** The scoring rules (docs/replay.md) for one criterion replayed alone. */
    record Counts(int tp, int fp, int fn, int tn) {
        static Counts of(List<Scored> items, double t) {
            int tp = 0, fp = 0, fn = 0, tn = 0;
            for (Scored s : items) {
                int fired = s.firstFiring(t);
                if (s.item.positive) {
                    if (fired > 0 && fired >= s.item.fromTurn) {
                        tp++;
                    } else {
                        fn++;
                        if (fired > 0) {
                            fp++;
                        }
                    }
                } else if (fired > 0) {
                    fp++;
                } else {
                    tn++;
                }
            }
            return new Counts(tp, fp, fn, tn);
        }

        double precision() {
            return tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? Double.NaN : (double) tp / (tp + fn);
        }

        double fpr() {
            int negatives = fp + tn;
            return negatives == 0 ? Double.NaN : (double) fp / negatives;
        }

        double f1() {
            double p = precision(), r = recall();
            return tp == 0 ? 0 : 2 * p * r / (p + r);
        }

        String row(String name, double t) {
            return String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %s | %s | %s | %s | %.2f |", name, tp, fp, fn, tn,
                    pct(precision()), pct(recall()), pct(fpr()), f1s(), t);
        }

        private String f1s() {
            return tp + fn == 0 ? "-" : String.format(Locale.ROOT, "%.3f", f1());
        }

        static String pct(double x) {
            return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * x);
        }
    }

    /** Highest F1 on the items with FP rate <= maxFpr. */
    static double tune(List<Scored> tune, double maxFpr) {
        double best = 1.0, bestF1 = -1;
        for (int step = 100; step >= 1; step--) {
            double t = step / 100.0;
            Counts c = Counts.of(tune, t);
            if (c.fpr() <= maxFpr && c.f1() > bestF1) {
                bestF1 = c.f1();
                best = t;
            }
        }
        return best;
    }

    static String section(Classifier c, EvaluationSettings settings, String criterion, List<Item> items, String what,
                          double maxFpr, List<Extra> extras) {
        List<Scored> scored = score(c, criterion, items);
        List<Scored> tuneSet = scored.stream().filter(s -> s.item.split.equals("TUNE")).toList();
        double tuned = tune(tuneSet, maxFpr);
        Double configured = settings.criterion(criterion).threshold();
        double t = configured == null || System.getenv("QUALITY_AUTO") != null ? tuned : configured;
        if (System.getenv("QUALITY_SWEEP") != null) {
            // for whoever tunes: TUNE figures across thresholds, never REPORT's
            List<Scored> noBitext = tuneSet.stream().filter(s -> !s.item.source.startsWith("bitext")).toList();
            for (int step = 40; step <= 95; step += 3) {
                double th = step / 100.0;
                System.err.printf(Locale.ROOT, "sweep %s %.2f all %s | no bitext %s%n", criterion, th,
                        Counts.of(tuneSet, th).row("", th), Counts.of(noBitext, th).row("", th));
            }
        }
        if (System.getenv("QUALITY_ERRORS") != null) {
            // for whoever tunes the example phrases: the TUNE split's mistakes only, never REPORT's
            for (Scored s : tuneSet) {
                int fired = s.firstFiring(t);
                boolean ok = s.item.positive ? fired > 0 && fired >= s.item.fromTurn : fired == 0;
                if (!ok) {
                    double max = java.util.Arrays.stream(s.scores).max().orElse(0);
                    System.err.printf(Locale.ROOT, "%s %s %.2f %s | %s%n", criterion, s.item.positive ? "FN" : "FP", max,
                            s.item.label, s.item.transcript.messages().get(s.item.transcript.indexOfUserTurn(
                                    Math.max(1, fired > 0 ? fired : s.item.fromTurn))).text());
                }
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("### ").append(criterion).append("\n\n").append(what).append(".\n\n");
        md.append(String.format(Locale.ROOT, "Threshold used: %.2f (from `guidelines/quickchat-support.eval.yaml`); "
                + "threshold chosen on TUNE by this run (highest F1%s%s): %.2f%s.%n%n", t,
                maxFpr < 1 ? String.format(Locale.ROOT, " with FP rate <= %.1f%%", 100 * maxFpr) : "",
                "", tuned,
                Math.abs(t - tuned) > 0.005 ? " (differs: the settings follow the LLM reference, see above)" : ""));
        md.append("| split | TP | FP | FN | TN | precision | recall | FP rate | F1 | threshold |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        Map<String, List<Scored>> bySource = new LinkedHashMap<>();
        for (Scored s : scored) {
            bySource.computeIfAbsent(s.item.split + " " + s.item.source, k -> new ArrayList<>()).add(s);
        }
        for (String split : List.of("TUNE", "REPORT")) {
            for (Map.Entry<String, List<Scored>> e : bySource.entrySet()) {
                if (e.getKey().startsWith(split + " ")) {
                    md.append(Counts.of(e.getValue(), t).row(e.getKey(), t)).append('\n');
                }
            }
            List<Scored> all = scored.stream().filter(s -> s.item.split.equals(split)).toList();
            md.append(Counts.of(all, t).row("**" + split + " all**", t)).append('\n');
        }
        for (Extra x : extras) {
            md.append(Counts.of(scored.stream().filter(s -> x.filter.test(s.item)).toList(), t).row(x.name, t)).append('\n');
        }
        md.append('\n');
        return md.toString();
    }

    /**
     * Does blending earlier user messages into a turn help? Measured on TUNE only: frustration on
     * USS dialogues, and asks_for_human on two-turn conversations made of a Bitext half A row of
     * another intent followed by the labelled row (does the earlier topic dilute a clear request?).
     */
    static String contextCheck(HandoffConfig config, EvaluationSettings settings, Path cache, List<Item> frustration,
                               List<Item> human) {
        List<Item> uss = frustration.stream().filter(i -> i.split.equals("TUNE") && i.source.startsWith("uss")).toList();
        List<Item> bitextA = human.stream().filter(i -> i.source.equals("bitext half A")).toList();
        List<Item> openers = bitextA.stream().filter(i -> !i.positive && !i.label.startsWith("contact_")).toList();
        List<Item> twoTurn = new ArrayList<>();
        for (int n = 0; n < bitextA.size(); n++) {
            Item i = bitextA.get(n);
            Item before = openers.get((int) ((n * 7919L + 13) % openers.size()));
            Transcript t = new Transcript(i.transcript.id() + "-2", JsonNodeFactory.instance.objectNode(), null, List.of(
                    before.transcript.messages().get(0),
                    new Message(Message.Role.ASSISTANT, "Sure, I can help with that.", null, null),
                    i.transcript.messages().get(0)), null, null);
            twoTurn.add(new Item("TUNE", "bitext two-turn", i.label, t, i.positive, 2));
        }
        StringBuilder md = new StringBuilder("Context, measured on TUNE only, threshold re-tuned for each setting:\n\n"
                + "| context_turns | user_frustration on USS half A: F1 (P, R) at threshold | asks_for_human on two-turn Bitext half A: F1 (P, R) at threshold |\n|---|---|---|\n");
        for (int turns : new int[] {0, 1, 2}) {
            ObjectNode options = settings.classifierOptions().deepCopy();
            ObjectNode emb = options.has("embedding") ? (ObjectNode) options.get("embedding") : options.putObject("embedding");
            emb.put("context_turns", turns);
            EvaluationSettings s = new EvaluationSettings(settings.file(), settings.defaultGate(), settings.criteria(),
                    settings.routingExamples(), options);
            try (Classifier c = create(config, s, cache)) {
                md.append("| ").append(turns);
                for (var pair : List.of(Map.entry("user_frustration", uss), Map.entry("asks_for_human", twoTurn))) {
                    List<Scored> scored = score(c, pair.getKey(), pair.getValue());
                    double t = tune(scored, pair.getKey().equals("asks_for_human") ? MAX_FPR : 1.0);
                    Counts k = Counts.of(scored, t);
                    md.append(String.format(Locale.ROOT, " | %.3f (%s, %s) at %.2f", k.f1(), Counts.pct(k.precision()),
                            Counts.pct(k.recall()), t));
                }
                md.append(" |\n");
            }
        }
        return md.append("\n").toString();
    }

    /**
     * Criteria without labelled data here (no data set has them): how often each fires on ordinary
     * traffic. The threshold suggested is the one at which it fires on at most 1% of CLINC150 train
     * (TUNE); the rate at that threshold is then shown on CLINC150 val and Banking77 (REPORT).
     */
    static String background(Classifier c, HandoffConfig config, List<Item> human) {
        List<Item> tune = human.stream().filter(i -> i.source.equals("clinc150 train")).toList();
        List<Item> report = human.stream().filter(i -> i.source.equals("clinc150 val") || i.source.equals("banking77")).toList();
        StringBuilder md = new StringBuilder("### criteria without labelled data\n\nNo data set here labels them, so their "
                + "thresholds only bound how often they fire on ordinary assistant traffic: the suggestion is the lowest "
                + "threshold (step 0.01) at which a criterion fires on at most 1% of CLINC150 train (TUNE); REPORT shows the "
                + "rate at the threshold used on CLINC150 val + Banking77. This says nothing about recall.\n\n"
                + "| criterion | threshold used | suggested on TUNE | fires on TUNE at used | fires on REPORT at used |\n|---|---|---|---|---|\n");
        List<Verdict> vt = c.classify(tune.stream().map(i -> new TurnRequest(i.transcript, 1)).toList());
        List<Verdict> vr = c.classify(report.stream().map(i -> new TurnRequest(i.transcript, 1)).toList());
        EvaluationSettings settings = EvaluationSettings.forConfig(CONFIG);
        for (var criterion : config.activeCriteria()) {
            String name = criterion.name();
            if (criterion.deterministic() || name.equals("asks_for_human") || name.equals("user_frustration")) {
                continue;
            }
            double[] st = vt.stream().mapToDouble(v -> ((Verdict.Decision) v).scores().get(name)).sorted().toArray();
            double suggested = 1.0;
            for (int step = 100; step >= 1; step--) {
                double t = step / 100.0;
                long fired = java.util.Arrays.stream(st).filter(x -> x >= t).count();
                if (fired <= st.length / 100) {
                    suggested = t;
                }
            }
            Double used = settings.criterion(name).threshold();
            double u = used == null ? 0.5 : used;
            long firedTune = java.util.Arrays.stream(st).filter(x -> x >= u).count();
            long firedReport = vr.stream().filter(v -> ((Verdict.Decision) v).scores().get(name) >= u).count();
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %s | %s |%n", name, u, suggested,
                    Counts.pct((double) firedTune / st.length), Counts.pct((double) firedReport / vr.size())));
        }
        return md.append("\n").toString();
    }

    /** Bitext intents by the example configuration's routing profiles; null: no topic of its own. */
    static final Map<String, String> ROUTES = new LinkedHashMap<>();

    static {
        for (String i : List.of("payment_issue", "check_invoice", "get_invoice", "get_refund", "track_refund",
                "check_payment_methods", "check_refund_policy", "check_cancellation_fee")) {
            ROUTES.put(i, "Billing");
        }
        for (String i : List.of("cancel_order", "change_order", "place_order", "track_order", "delivery_options",
                "delivery_period", "change_shipping_address", "set_up_shipping_address")) {
            ROUTES.put(i, "Orders & Delivery");
        }
        for (String i : List.of("registration_problems", "recover_password", "edit_account", "create_account",
                "delete_account", "switch_account")) {
            ROUTES.put(i, "Technical Support");
        }
    }

    /** The route picked for single Bitext rows against the intent's profile (default routing_min_similarity). */
    static String routing(Classifier c, List<Item> human) {
        StringBuilder md = new StringBuilder("### routing\n\nBitext rows whose intent maps to a profile of the example "
                + "configuration (billing, order/delivery, account/technical intents; 22 intents), one row = one turn; "
                + "rows with no topic of their own (contact_*, complaint, review, newsletter) should get no route.\n\n"
                + "| split | topical rows | routed right | routed wrong | no route | no-topic rows given a route |\n|---|---|---|---|---|---|\n");
        for (String half : List.of("bitext half A", "bitext half B")) {
            List<Item> items = human.stream().filter(i -> i.source.equals(half)).toList();
            List<TurnRequest> turns = items.stream().map(i -> new TurnRequest(i.transcript, 1)).toList();
            List<Verdict> v = c.classify(turns);
            int topical = 0, right = 0, wrong = 0, none = 0, noTopic = 0, noTopicRouted = 0;
            for (int n = 0; n < items.size(); n++) {
                String want = ROUTES.get(items.get(n).label);
                String got = ((Verdict.Decision) v.get(n)).route();
                if (want == null) {
                    noTopic++;
                    if (got != null) {
                        noTopicRouted++;
                    }
                } else {
                    topical++;
                    if (got == null) {
                        none++;
                    } else if (got.equals(want)) {
                        right++;
                    } else {
                        wrong++;
                    }
                }
            }
            md.append(String.format(Locale.ROOT, "| %s (%s) | %d | %s | %s | %s | %s |%n", half, half.endsWith("A") ? "TUNE" : "REPORT",
                    topical, Counts.pct((double) right / topical), Counts.pct((double) wrong / topical),
                    Counts.pct((double) none / topical), Counts.pct((double) noTopicRouted / noTopic)));
        }
        return md.append("\n").toString();
    }

    /** Reads the transcript JSONL that bench/prepare-data.sh wrote with `handoff transcripts import`. */
    static final class Loader {
        private final Path dir;

        Loader(Path dir) {
            this.dir = dir;
        }

        static String textHalf(Transcript t) {
            try {
                byte[] h = MessageDigest.getInstance("SHA-1").digest(t.messages().get(0).textOrEmpty().getBytes(StandardCharsets.UTF_8));
                return (h[h.length - 1] & 1) == 0 ? "TUNE" : "REPORT";
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** One item per transcript: positive when its label expects this criterion, from its expected turn. */
        List<Item> read(String name, String criterion, java.util.function.Function<Transcript, String> split,
                        java.util.function.Function<Transcript, String> source) throws IOException {
            Path file = dir.resolve(name + ".jsonl");
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException(file + " is missing: run bench/prepare-data.sh first");
            }
            List<Item> out = new ArrayList<>();
            try (TranscriptReader r = TranscriptReader.open(List.of(file), null)) {
                while (r.hasNext()) {
                    if (!(r.next() instanceof ReadResult.Read read)) {
                        throw new IllegalStateException("unreadable transcript in " + file);
                    }
                    Transcript t = read.transcript();
                    Expectation e = t.expect();
                    boolean positive = e != null && e.handoff() && (e.criteria().isEmpty() || e.criteria().contains(criterion));
                    int from = e != null && e.turn() != null ? e.turn() : 1;
                    out.add(new Item(split.apply(t), source.apply(t), t.meta().path("label").asText(
                            e != null && e.handoff() ? "handoff" : "none"), t, positive, from));
                }
            }
            return out;
        }
    }
}
