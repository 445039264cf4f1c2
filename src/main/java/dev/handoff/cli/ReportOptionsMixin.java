package dev.handoff.cli;

import dev.handoff.config.EvaluationSettings.GateLimits;
import dev.handoff.error.HandoffException;
import dev.handoff.eval.Gate;
import dev.handoff.eval.ReportOutputs;
import dev.handoff.files.OutputPaths;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Report files and gate options shared by {@code replay} and {@code report merge}. */
public final class ReportOptionsMixin {

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write JUnit XML: one test case per transcript; FP and FN fail.")
    Path junit;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also write a Markdown summary (pull-request comment, $GITHUB_STEP_SUMMARY).")
    Path markdown;

    @Option(names = "--max-fp-rate", paramLabel = "RATE", description = "Gate: fail when a criterion's false-positive rate is above RATE (0.02 or 2%%). "
            + "Applies to every criterion and wins over the evaluation settings.")
    String maxFpRate;

    @Option(names = "--min-recall", paramLabel = "RATE", description = "Gate: fail when a criterion's recall is below RATE.")
    String minRecall;

    @Option(names = "--min-precision", paramLabel = "RATE", description = "Gate: fail when a criterion's precision is below RATE.")
    String minPrecision;

    @Option(names = "--max-invalid", paramLabel = "N", description = "Gate: fail when more than N transcripts got invalid classifier output (without it, a gate with limits fails when more than a tenth did).")
    Integer maxInvalid;

    @Option(names = "--baseline", paramLabel = "FILE", description = "Compare with a saved JSON report: list flips, fail when a criterion's FP or FN count grew by more than --tolerance.")
    Path baseline;

    @Option(names = "--tolerance", paramLabel = "N", description = "With --baseline: how many more FP or FN per criterion are accepted (default: 0).")
    Long tolerance;

    @Option(names = "--save-baseline", paramLabel = "FILE", description = "Save this run's JSON report as a baseline (may be the --baseline file: it is read first, and replaced only when the gate passes).")
    Path saveBaseline;

    Gate gate() {
        if (tolerance != null && tolerance < 0) {
            throw HandoffException.usage("--tolerance " + tolerance + ": expected 0 or more", null);
        }
        if (tolerance != null && baseline == null) {
            // without a baseline nothing is compared, and a gate the user meant to loosen would silently not exist
            throw HandoffException.usage("--tolerance only applies with --baseline", "add --baseline FILE (a saved JSON report), or drop --tolerance");
        }
        if (maxInvalid != null && maxInvalid < 0) {
            throw HandoffException.usage("--max-invalid " + maxInvalid + ": expected 0 or more", null);
        }
        return new Gate(new GateLimits(rate("--max-fp-rate", maxFpRate), rate("--min-recall", minRecall),
                rate("--min-precision", minPrecision)), maxInvalid, tolerance == null ? 0 : tolerance);
    }

    /**
     * The report files, checked before the run starts.
     *
     * @param reads the command's own inputs (transcripts, configuration, shard reports); the report
     *              files must be none of them and none of each other
     * @param shard this run's shard ("2/4"), or null when it covers all transcripts
     */
    ReportOutputs outputs(BaseCommand command, boolean json, OutputPaths.Overlaps reads, String shard) {
        var ctx = command.context();
        if (baseline != null && baseline.toString().equals("-")) {
            throw HandoffException.usage("--baseline -: the baseline is read from a file, not from stdin",
                    "name the report saved with --save-baseline, e.g. --baseline replay-baseline.json");
        }
        Path base = resolve(ctx, baseline);
        Path junitFile = output(ctx, "--junit", junit);
        Path markdownFile = output(ctx, "--markdown", markdown);
        Path saveFile = output(ctx, "--save-baseline", saveBaseline);
        reads.output("--junit", junit, junitFile).output("--markdown", markdown, markdownFile)
                .output("--save-baseline", saveBaseline, saveFile).input("--baseline", baseline, base, null)
                // documented: the baseline is read first, then replaced, to accept a change
                .allow("--save-baseline", "--baseline")
                .check();
        String baseShown = base == null ? null : ReplayCommand.display(ctx.workDir(), base);
        if (base != null && !(base.equals(saveFile) && !java.nio.file.Files.exists(base))) {
            // a missing or damaged baseline must not cost a whole replay: read it once now, again at the end
            dev.handoff.eval.Baseline.load(base, baseShown).checkShard(shard);
        }
        return new ReportOutputs(json, command.color(), base, baseShown, junitFile, markdownFile, saveFile);
    }

    /** Checked before the run starts: a bad output path must not cost a whole replay. */
    private static Path output(CliContext ctx, String option, Path p) {
        return p == null ? null : OutputPaths.check(option, p.toString(), ctx.workDir());
    }

    static Path resolve(CliContext ctx, Path p) {
        return p == null ? null : ctx.workDir().resolve(p).normalize();
    }

    /** "0.02" or "2%" -> 0.02. */
    static Double rate(String option, String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        boolean percent = t.endsWith("%");
        try {
            double v = Double.parseDouble(percent ? t.substring(0, t.length() - 1) : t);
            if (percent) {
                v /= 100;
            }
            if (v < 0 || v > 1 || Double.isNaN(v)) {
                throw HandoffException.usage(option + " " + text + ": expected a rate between 0 and 1 (or 0% and 100%)", null);
            }
            return v;
        } catch (NumberFormatException e) {
            throw HandoffException.usage(option + " " + text + ": not a number", "write a fraction such as 0.02, or a percentage such as 2%");
        }
    }
}
