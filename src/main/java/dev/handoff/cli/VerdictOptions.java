package dev.handoff.cli;

import dev.handoff.text.ShellWords;

import dev.handoff.classify.recorded.RecordedClassifierFactory;
import dev.handoff.classify.recorded.VerdictFile;
import dev.handoff.classify.recorded.VerdictTap;
import dev.handoff.classify.recorded.Verdicts;
import dev.handoff.error.HandoffException;
import dev.handoff.eval.Shard;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --record} and {@code --prune}: the verdict file beside the configuration. */
public final class VerdictOptions {

    /** The classifiers whose answers depend on the exact prompt only, so they can be recorded. */
    static final Set<String> LLM = Set.of("ollama", "openai");

    @Option(names = "--record", description = "Write every verdict the LLM classifier (ollama, openai) gave to <config>.verdicts.jsonl "
            + "beside the configuration, for --classifier recorded.")
    boolean record;

    @Option(names = "--prune", description = "Drop the verdicts no replayed turn used from the verdict file (with --record, or with --classifier recorded).")
    boolean prune;

    /**
     * Whether this run reads the verdict file beside the configuration (--compare: beside either
     * one), so that no report may replace it: the recorded classifier reads it, an LLM's --record or
     * --prune merges into it; any other classifier never opens it.
     *
     * @param base for the --compare configuration, whose file only the recorded classifier reads
     */
    boolean readsVerdictFile(String classifier, boolean base) {
        return RecordedClassifierFactory.ID.equals(classifier) || !base && LLM.contains(classifier) && (record || prune);
    }

    /** The run's tap, or null when nothing needs one. */
    VerdictTap tap(String classifier, Shard shard, int repeat, boolean compare) {
        boolean llm = LLM.contains(classifier);
        boolean recorded = RecordedClassifierFactory.ID.equals(classifier);
        if (record && !llm) {
            throw HandoffException.usage("--record keeps an LLM's verdicts; the '" + classifier + "' classifier is not one",
                    "record with --classifier ollama (or openai), then replay with --classifier recorded");
        }
        if (prune && !llm && !recorded) {
            throw HandoffException.usage("--prune works on the verdict file, which the '" + classifier + "' classifier does not use",
                    "pass --classifier recorded --prune, or --classifier ollama --record --prune");
        }
        if (prune && shard != null) {
            throw HandoffException.usage("--prune with --shard would drop the verdicts of every other shard",
                    "prune in a run over every transcript, without --shard");
        }
        if (!record && !prune && !compare) {
            return null;
        }
        return llm || recorded ? new VerdictTap(record, compare && repeat == 1, Clock.systemUTC()) : null;
    }

    /**
     * Before any request: the verdict file that {@link #save} will merge into must be readable, so a
     * directory or a damaged line in its place does not throw away a whole paid run at the end.
     */
    void checkBeforeRun(VerdictTap tap, Path configFile, String shown) {
        if (tap != null && (record || prune)) {
            VerdictFile.read(VerdictFile.pathFor(configFile), shown);
        }
    }

    private Thread interruptNotice;
    /** The verdict file is being replaced: "nothing was recorded" may no longer be true. */
    private volatile boolean saving;

    /**
     * From the first request until {@link #disarm}: a recording stopped by Ctrl-C or a kill says
     * what became of it (the file is written only at the end, so nothing was recorded).
     */
    void arm(VerdictTap tap, String shown, boolean cached, PrintWriter err) {
        if (tap == null || !record) {
            return;
        }
        saving = false;
        interruptNotice = new Thread(() -> {
            err.println(saving
                    ? "handoff: interrupted while " + shown + " was being written: it is either as it was or complete (it is replaced in one"
                    + " step, never half-written); run the same command again" + (cached ? " (the replies are in the reply cache)" : "")
                    : "handoff: interrupted: nothing was recorded, " + shown + " is unchanged"
                    + (cached ? "; the replies so far are in the reply cache, so the same command asks only the rest" : ""));
            err.flush();
        }, "record-interrupted");
        Runtime.getRuntime().addShutdownHook(interruptNotice);
    }

    /** Whether an interrupt now would print the notice. */
    boolean armed() {
        return interruptNotice != null;
    }

    /** The run ended by itself (saved, or failed with its own message). */
    void disarm() {
        Thread t = interruptNotice;
        interruptNotice = null;
        if (t != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(t);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs now: the process is being stopped
            }
        }
    }

    /** Writes the verdict file when recording or pruning, and says on stderr what changed. */
    void save(VerdictTap tap, Path configFile, String shown, PrintWriter err) {
        if (tap == null || !(record || prune)) {
            return;
        }
        saving = true;
        VerdictTap.Saved s = tap.save(VerdictFile.pathFor(configFile), shown, prune);
        disarm(); // written: an interrupt from here on stops the reports only, and the line below says what was recorded
        err.println("verdicts " + shown + ": " + s.added() + " added, " + s.changed() + " changed, " + s.dropped() + " dropped, "
                + s.total() + " in all" + (s.written() ? "" : " (unchanged)"));
    }

    /**
     * For a recorded replay: the command that records what is missing, with the provider and model
     * most verdicts of the file came from; null for other classifiers.
     */
    static String recordCommand(String classifier, Path configFile, String configShown, List<String> inputs, boolean allTurns,
                                String compareShown) {
        if (!RecordedClassifierFactory.ID.equals(classifier)) {
            return null;
        }
        // the verdict file as the user names it: beside the configuration as given
        Verdicts v = VerdictFile.read(VerdictFile.pathFor(configFile),
                VerdictFile.pathFor(Path.of(configShown)).toString().replace('\\', '/'));
        Map.Entry<String, String> main = v.mainModel();
        // a hand-written file may name no provider: the command must still run
        String provider = main == null || main.getKey() == null || "null".equals(main.getKey()) ? "ollama" : main.getKey();
        StringBuilder b = new StringBuilder("handoff replay --config ").append(ShellWords.quote(configShown))
                .append(" --classifier ").append(ShellWords.quote(provider));
        if (main != null && main.getValue() != null && !"null".equals(main.getValue())) {
            b.append(" --model ").append(ShellWords.quote(main.getValue()));
        }
        if (compareShown != null) {
            b.append(" --compare ").append(ShellWords.quote(compareShown));
        }
        if (allTurns) {
            b.append(" --all-turns");
        }
        b.append(" --record");
        if (inputs.stream().anyMatch(i -> i.startsWith("-") && !i.equals("-"))) {
            b.append(" --"); // "-tr" would be read as an option
        }
        inputs.forEach(i -> b.append(' ').append(ShellWords.quote(i)));
        return b.toString();
    }
}
