package dev.handoff.classify.embedding;

import dev.handoff.classify.TurnRequest;
import dev.handoff.classify.llm.ConversationPrompt;
import dev.handoff.classify.recorded.RecordedVerdict;
import dev.handoff.classify.recorded.VerdictFile;
import dev.handoff.classify.recorded.Verdicts;
import dev.handoff.transcript.CriterionNames;
import dev.handoff.transcript.Expectation;
import dev.handoff.transcript.ReadResult;
import dev.handoff.transcript.Transcript;
import dev.handoff.transcript.TranscriptReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The turns the embedded classifier learns from when the evaluation settings name training data
 * ({@code classifier.embedding.training}): every user turn of the named transcripts, labelled
 * <ol>
 *   <li>by an LLM's recorded verdict for exactly that question, when a verdict file has one (every asked
 *       criterion is then known: it fired or it did not);</li>
 *   <li>else by the transcript's own label: a transcript that expects no handoff fires nothing at any turn;
 *       one that expects a handoff from turn T fires nothing before T, and its last user turn fires the
 *       criteria the label names (its other criteria, and the turns from T up to the last, stay unknown);
 *       an unlabelled transcript teaches nothing.</li>
 * </ol>
 * A verdict file holds keys, never text: the transcripts supply the words, the verdicts the labels.
 */
final class TrainingSet {

    /** Where a turn's labels come from. */
    enum Source { VERDICT, TRANSCRIPT_LABEL }

    /**
     * One labelled turn.
     *
     * @param labels criterion name -> fires; a criterion missing here is unknown at this turn
     */
    record LabelledTurn(String transcriptId, TurnRequest turn, Map<String, Boolean> labels, Source source) {
    }

    /**
     * @param transcripts transcripts read (bad ones are skipped and counted)
     * @param verdicts    verdicts in the named files
     */
    record Loaded(List<LabelledTurn> turns, int transcripts, int badTranscripts, String firstBad, int verdicts) {

        long from(Source source) {
            return turns.stream().filter(t -> t.source() == source).count();
        }
    }

    private TrainingSet() {
    }

    static Loaded load(EmbeddingOptions.TrainingOptions options, ConversationPrompt prompt) {
        List<Verdicts> files = options.verdicts().stream().map(VerdictFile::read).toList();
        int verdictCount = files.stream().mapToInt(Verdicts::size).sum();
        List<String> asked = prompt.criterionNames();
        List<LabelledTurn> out = new ArrayList<>();
        int transcripts = 0;
        int bad = 0;
        String firstBad = null;
        try (TranscriptReader reader = TranscriptReader.open(options.transcripts(), null)) {
            while (reader.hasNext()) {
                ReadResult r = reader.next();
                if (!(r instanceof ReadResult.Read read)) {
                    // named, as replay names it: a duplicate id dropped the real transcript, and "2 unreadable" said neither
                    if (firstBad == null && r instanceof ReadResult.Bad b) {
                        firstBad = b.problem().describe();
                    }
                    bad++;
                    continue;
                }
                transcripts++;
                Transcript t = read.transcript();
                for (int k = 1; k <= t.userTurns(); k++) {
                    TurnRequest turn = new TurnRequest(t, k);
                    RecordedVerdict v = files.isEmpty() || asked.isEmpty() ? null
                            : recorded(files, options.verdicts(), prompt.messages(turn).key());
                    if (v != null && v.invalid() == null) {
                        Map<String, Boolean> labels = new LinkedHashMap<>();
                        asked.forEach(c -> labels.put(c, v.criteria().contains(c)));
                        out.add(new LabelledTurn(t.id(), turn, labels, Source.VERDICT));
                    } else if (v == null) {
                        Map<String, Boolean> labels = fromLabel(t.expect(), k, t.userTurns(), asked);
                        if (!labels.isEmpty()) {
                            out.add(new LabelledTurn(t.id(), turn, labels, Source.TRANSCRIPT_LABEL));
                        }
                    }
                }
            }
        }
        if (transcripts == 0) {
            // a path that escapes the project, an empty folder or a file that is no transcript: the
            // stand-in would be trained on nothing while the report looked as usual
            throw dev.handoff.error.HandoffException.usage(options.where() + ": classifier.embedding.training.transcripts: no transcript in "
                            + options.transcripts().stream().map(java.nio.file.Path::toString).collect(java.util.stream.Collectors.joining(", "))
                            + (bad > 0 ? " (" + bad + " unreadable)" : ""),
                    "name the files or folders of the conversations the verdicts were recorded for (relative to the settings file)");
        }
        return new Loaded(List.copyOf(out), transcripts, bad, firstBad, verdictCount);
    }

    /**
     * The verdict the files hold for a question; two files that answer it differently are refused, as two lines of one file
     * are: the order of the {@code verdicts:} list decided silently which one taught the probe.
     */
    private static RecordedVerdict recorded(List<Verdicts> files, List<java.nio.file.Path> paths, String key) {
        RecordedVerdict found = null;
        int foundIn = -1;
        for (int i = 0; i < files.size(); i++) {
            RecordedVerdict v = files.get(i).get(key);
            if (v == null) {
                continue;
            }
            if (found == null) {
                found = v;
                foundIn = i;
            } else if (!new java.util.TreeSet<>(v.criteria()).equals(new java.util.TreeSet<>(found.criteria()))
                    || !java.util.Objects.equals(v.route(), found.route()) || !java.util.Objects.equals(v.invalid(), found.invalid())) {
                throw dev.handoff.error.HandoffException.usage(paths.get(i) + ": key " + key.substring(0, Math.min(12, key.length()))
                                + "… has another verdict than in " + paths.get(foundIn),
                        "keep one verdict per question: remove one of the two lines, or one of the files from training.verdicts");
            }
        }
        return found;
    }

    /** What a transcript's label says about user turn k (see the class comment); empty when it says nothing. */
    static Map<String, Boolean> fromLabel(Expectation expect, int k, int userTurns, List<String> asked) {
        Map<String, Boolean> labels = new LinkedHashMap<>();
        if (expect == null) {
            return labels;
        }
        if (!expect.handoff()) {
            asked.forEach(c -> labels.put(c, false));
            return labels;
        }
        int from = expect.turn() == null ? 1 : expect.turn();
        if (k < from) {
            asked.forEach(c -> labels.put(c, false));
        } else if (k == userTurns) {
            // a label matches its criterion after NFC normalisation, as in replay's scoring
            CriterionNames names = CriterionNames.of(asked);
            expect.criteria().stream().map(names::configured).filter(java.util.Objects::nonNull).forEach(c -> labels.put(c, true));
        }
        return labels;
    }
}
