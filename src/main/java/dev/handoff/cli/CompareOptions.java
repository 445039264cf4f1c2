package dev.handoff.cli;

import dev.handoff.error.HandoffException;
import dev.handoff.eval.CompareGate;
import dev.handoff.eval.CompareJob;
import dev.handoff.eval.CompareJson;
import dev.handoff.eval.CompareJunit;
import dev.handoff.eval.CompareMarkdown;
import dev.handoff.eval.CompareText;
import dev.handoff.eval.Gate;
import dev.handoff.files.AtomicFiles;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code replay --compare BASE.yaml} and the gate's limits on what changed. */
public final class CompareOptions {

    @Option(names = "--compare", paramLabel = "BASE", description = "Also replay the transcripts against BASE (e.g. the target branch's "
            + "configuration) and report both side by side: deltas per criterion and the transcripts whose outcome changed.")
    Path base;

    @Option(names = "--max-new-fp", paramLabel = "N", description = "With --compare: fail when a criterion has more than N more false positives than BASE.")
    Long maxNewFp;

    @Option(names = "--max-new-fn", paramLabel = "N", description = "With --compare: fail when a criterion has more than N more false negatives than BASE.")
    Long maxNewFn;

    @Option(names = "--max-worse", paramLabel = "N", description = "With --compare: fail when more than N transcripts got a worse outcome than with BASE.")
    Long maxWorse;

    boolean active() {
        return base != null;
    }

    /** The base configuration file, checked. */
    Path baseFile(Path workDir) {
        Path p = workDir.resolve(base).normalize();
        if (!Files.isRegularFile(p)) {
            throw HandoffException.usage("--compare " + base + ": no such file",
                    "pass the configuration to compare with, e.g. git show main:guidelines/quickchat-support.yaml > /tmp/base.yaml");
        }
        return p;
    }

    /**
     * BASE is read with its own evaluation settings ({@code BASE-NAME.eval.yaml} beside it) when it has
     * them. A base written by {@code git show} to a temporary folder has none: it then uses the current
     * side's, and says so. Without that, thresholds and example phrases would differ between the sides
     * and a byte-identical configuration would show changes.
     */
    static dev.handoff.eval.ReplayJob.Request baseSettings(dev.handoff.eval.ReplayJob.Request base, Path baseFile, Path configFile,
                                                         Path workDir, java.io.PrintWriter err) {
        Path own = dev.handoff.config.EvaluationSettings.pathFor(baseFile);
        Path current = dev.handoff.config.EvaluationSettings.pathFor(configFile);
        if (Files.isRegularFile(own) || !Files.isRegularFile(current)) {
            return base;
        }
        String shown = ReplayCommand.display(workDir, current);
        err.println("--compare: " + ReplayCommand.display(workDir, own) + " does not exist; BASE uses the current evaluation settings, "
                + shown + " (to compare settings too, write BASE's beside it: git show main:" + shown + " > " + ReplayCommand.display(workDir, own) + ")");
        return base.withSettings(current, shown);
    }

    /** Refuses what --compare does not combine with, and limits on nothing (no --compare). */
    void check(boolean sweep, int repeat, boolean shard, ReportOptionsMixin report) {
        if (!active()) {
            if (maxNewFp != null || maxNewFn != null || maxWorse != null) {
                throw HandoffException.usage("--max-new-fp, --max-new-fn and --max-worse limit what changed against --compare BASE",
                        "add --compare BASE.yaml, or use --baseline with --tolerance against a saved report");
            }
            return;
        }
        for (Long n : new Long[]{maxNewFp, maxNewFn, maxWorse}) {
            if (n != null && n < 0) {
                throw HandoffException.usage("--max-new-fp, --max-new-fn and --max-worse take 0 or more", null);
            }
        }
        if (sweep || repeat > 1 || shard || report.baseline != null || report.saveBaseline != null) {
            throw HandoffException.usage("--compare does not combine with --sweep, --repeat, --shard, --baseline or --save-baseline",
                    "run those without --compare");
        }
    }

    CompareGate gate(Gate current) {
        return new CompareGate(current, maxNewFp, maxNewFn, maxWorse);
    }

    /** Prints the report (text or JSON), writes --junit and --markdown, returns the gate's result. */
    CompareGate.Result finish(CompareJob.Result result, CompareGate gate, boolean json, boolean color, Path junit, Path markdown,
                              PrintWriter out) {
        CompareGate.Result r = gate.evaluate(result.comparison());
        try {
            if (json) {
                CompareJson.write(out, result.comparison(), r);
            } else {
                CompareText.write(out, result.comparison(), r, color);
            }
            if (junit != null) {
                AtomicFiles.writeStreaming(junit, os -> CompareJunit.write(os, result.comparison(), r));
            }
            if (markdown != null) {
                AtomicFiles.write(markdown, CompareMarkdown.render(result.comparison(), r));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return r;
    }
}
