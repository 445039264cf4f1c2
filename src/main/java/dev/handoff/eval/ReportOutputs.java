package dev.handoff.eval;

import dev.handoff.files.AtomicFiles;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The last step of {@code replay} and {@code report merge}: compare with the baseline, apply
 * the gate, print the report on stdout and write the report files (all through AtomicFiles).
 *
 * @param baseline     a saved report to compare with, or null
 * @param junit        where to write JUnit XML, or null; likewise markdown and saveBaseline
 */
public record ReportOutputs(boolean json, boolean color, Path baseline, String baselineShown, Path junit, Path markdown, Path saveBaseline) {

    /** True when a report needs every transcript's outcome (kept in a spool file). */
    public boolean needsOutcomes() {
        return json || baseline != null || junit != null || saveBaseline != null;
    }

    /**
     * Compares, gates, prints and writes; returns the gate's result.
     *
     * @param err where a baseline that was kept instead of replaced is said
     */
    public Gate.Result finish(PrintWriter out, PrintWriter err, Summary s, OutcomeSpool spool, Gate gate) {
        BaselineComparison comparison = null;
        if (baseline != null && baseline.equals(saveBaseline) && !java.nio.file.Files.exists(baseline)) {
            // the documented way to keep a baseline current, on its very first run: nothing to compare yet
            s.warn("no baseline at " + baselineShown + " yet: nothing compared; this run's report is saved as the baseline");
        } else if (baseline != null) {
            // read before --save-baseline may replace the same file
            comparison = Baseline.load(baseline, baselineShown).compare(s, spool::iterator);
        }
        Gate.Result result = gate.evaluate(s, comparison);
        try {
            if (json) {
                ReportJson.write(out, s, gate, result, spool);
                out.flush();
            } else {
                TextReport.write(out, s, result, color);
            }
            boolean keep = comparison != null && !result.passed() && sameFile(baseline, saveBaseline);
            if (keep) {
                // replacing it would turn the failure into the new normal: the rerun of the same command would pass
                err.println("--save-baseline " + baselineShown + ": not replaced, the gate failed against it;"
                        + " to accept this run's results, save it without --baseline: handoff replay ... --save-baseline " + baselineShown);
                err.flush();
            } else if (saveBaseline != null) {
                AtomicFiles.writeStreaming(saveBaseline, os -> {
                    Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
                    ReportJson.write(w, s, gate, result, spool);
                    w.flush();
                });
            }
            if (junit != null) {
                AtomicFiles.writeStreaming(junit, os -> JunitReport.write(os, s, result, spool::forEach));
            }
            if (markdown != null) {
                AtomicFiles.write(markdown, MarkdownReport.render(s, result));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    /** {@code x}, {@code ./x} and a link to x are one file (the paths are normalised already). */
    private static boolean sameFile(Path a, Path b) {
        if (a == null || b == null) {
            return false;
        }
        try {
            return a.equals(b) || java.nio.file.Files.exists(a) && java.nio.file.Files.exists(b) && java.nio.file.Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
