package dev.handoff.classify.recorded;

import dev.handoff.classify.Classifier;
import dev.handoff.classify.TurnRequest;
import dev.handoff.classify.Verdict;
import dev.handoff.classify.llm.ConversationPrompt;
import dev.handoff.config.HandoffConfig;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sits between replay and an LLM classifier (or the recorded one) for one run, which may replay
 * several configurations: keys every turn by its exact messages, notes the keys used (for
 * {@code --prune}), hands an answer already given to the same question back instead of asking
 * again (when sharing), and keeps the answers to record.
 */
public final class VerdictTap {

    private final boolean record;
    private final boolean share;
    private final Clock clock;
    private final Map<String, Verdict> answers = new ConcurrentHashMap<>();
    private final Map<String, RecordedVerdict> fresh = new ConcurrentHashMap<>();
    private final Set<String> used = ConcurrentHashMap.newKeySet();
    private final AtomicLong reused = new AtomicLong();

    /**
     * @param record keep every LLM answer, to {@link #save} it
     * @param share  answer a question already answered in this run without asking (off for --repeat)
     */
    public VerdictTap(boolean record, boolean share, Clock clock) {
        this.record = record;
        this.share = share;
        this.clock = clock;
    }

    /** @param view the configuration the classifier was created with ({@code ReplayEngine.classifierView}) */
    public Classifier wrap(Classifier inner, HandoffConfig view) {
        return new Tapped(inner, ConversationPrompt.of(view));
    }

    /** Questions answered from an earlier configuration of the same run instead of being asked again. */
    public long reused() {
        return reused.get();
    }

    /** What {@link #save} did. */
    public record Saved(int added, int changed, int dropped, int total, boolean written) {
    }

    /**
     * Lays this run's answers over the file's verdicts and writes it atomically (only when a byte
     * changes); with {@code prune}, drops the verdicts no turn of this run used.
     */
    public Saved save(Path file, boolean prune) {
        return save(file, file.toString(), prune);
    }

    /** @param shown the file as messages name it (relative to the working directory) */
    public Saved save(Path file, String shown, boolean prune) {
        Verdicts before = VerdictFile.read(file, shown);
        Verdicts after = before.with(new TreeSet<>(fresh.keySet()).stream().map(fresh::get).toList());
        if (prune) {
            after = after.retain(used);
        }
        int added = 0;
        int changed = 0;
        for (RecordedVerdict v : after.all()) {
            RecordedVerdict old = before.get(v.key());
            if (old == null) {
                added++;
            } else if (!old.equals(v)) {
                changed++;
            }
        }
        int dropped = 0;
        for (RecordedVerdict v : before.all()) {
            if (after.get(v.key()) == null) {
                dropped++;
            }
        }
        boolean write = added + changed + dropped > 0 || (after.size() == 0 && !java.nio.file.Files.exists(file) && record);
        if (write) {
            VerdictFile.write(file, after);
        }
        return new Saved(added, changed, dropped, after.size(), write);
    }

    private RecordedVerdict recorded(String key, String promptId, Verdict v, String provider, Map<String, String> describe) {
        String today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
        String model = describe.get("model");
        String digest = describe.get("digest");
        if (digest != null && (digest.startsWith("(") || digest.isBlank())) {
            digest = null;
        }
        if (v instanceof Verdict.Decision d) {
            return new RecordedVerdict(key, promptId, new TreeSet<>(d.fired()).stream().toList(), d.route(), d.rationale(), null,
                    provider, model, digest, today);
        }
        Verdict.Invalid inv = (Verdict.Invalid) v;
        return new RecordedVerdict(key, promptId, List.of(), null, "", inv.reason(), provider, model, digest, today);
    }

    /** A reply the model gave (a decision, or a reply that broke the schema); not a request that never got one. */
    private static boolean answered(Verdict v) {
        return v instanceof Verdict.Decision || (v instanceof Verdict.Invalid inv && inv.raw() != null && !inv.raw().isEmpty());
    }

    private final class Tapped implements Classifier {
        private final Classifier inner;
        private final ConversationPrompt prompt;
        private final String promptId;
        private final boolean llm;

        Tapped(Classifier inner, ConversationPrompt prompt) {
            this.inner = inner;
            this.prompt = prompt;
            this.promptId = sha256(prompt.system()).substring(0, 12);
            this.llm = !RecordedClassifierFactory.ID.equals(inner.id());
        }

        @Override
        public String id() {
            return inner.id();
        }

        @Override
        public Map<String, String> describe() {
            return inner.describe();
        }

        @Override
        public Map<String, String> statistics() {
            return inner.statistics();
        }

        @Override
        public List<Verdict> classify(List<TurnRequest> turns) {
            return classify(turns, answered -> { });
        }

        @Override
        public List<Verdict> classify(List<TurnRequest> turns, java.util.function.IntConsumer answered) {
            List<String> keys = new ArrayList<>(turns.size());
            for (TurnRequest t : turns) {
                keys.add(prompt.messages(t).key());
            }
            used.addAll(keys);
            Verdict[] out = new Verdict[turns.size()];
            List<Integer> ask = new ArrayList<>(turns.size());
            for (int i = 0; i < turns.size(); i++) {
                Verdict known = share && llm ? answers.get(keys.get(i)) : null;
                if (known != null) {
                    out[i] = known;
                    reused.incrementAndGet();
                } else {
                    ask.add(i);
                }
            }
            if (!ask.isEmpty()) {
                int known = turns.size() - ask.size();
                if (known > 0) {
                    answered.accept(known);
                }
                List<Verdict> got = inner.classify(ask.stream().map(turns::get).toList(), n -> answered.accept(known + n));
                Map<String, String> describe = record && llm ? inner.describe() : Map.of();
                for (int j = 0; j < ask.size(); j++) {
                    int i = ask.get(j);
                    Verdict v = got.get(j);
                    out[i] = v;
                    if (llm && answered(v)) {
                        if (share) {
                            answers.put(keys.get(i), v);
                        }
                        if (record) {
                            fresh.put(keys.get(i), recorded(keys.get(i), promptId, v, inner.id(), describe));
                        }
                    }
                }
            }
            return java.util.Arrays.asList(out);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    static String sha256(String text) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fresh answers of this run, in key order (for tests and tools). */
    public Collection<RecordedVerdict> fresh() {
        return new TreeSet<>(fresh.keySet()).stream().map(fresh::get).toList();
    }
}
