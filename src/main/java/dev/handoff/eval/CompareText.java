package dev.handoff.eval;

import dev.handoff.text.Invisible;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The terminal report of {@code replay --compare}: scores side by side, changed transcripts, gate. */
public final class CompareText {

    private CompareText() {
    }

    public static void write(PrintWriter out, Comparison c, CompareGate.Result gate, boolean color) {
        Styler st = new Styler(color);
        // file names and names from the configurations: this report goes out byte for byte, so they are escaped here
        out.println(st.bold("handoff replay --compare") + ": " + x(c.current().context().configFile()) + " against "
                + x(c.base().context().configFile()) + " · classifier " + x(c.current().context().classifierId()));
        out.println(CompareFormat.headline(c));
        out.println();
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("criterion"));
        header.addAll(CompareFormat.COLUMNS);
        rows.add(header);
        for (Comparison.Row r : c.criteria()) {
            List<String> row = new ArrayList<>(List.of(x(r.name())));
            row.addAll(CompareFormat.cells(r));
            rows.add(row);
        }
        int[] width = new int[header.size()];
        rows.forEach(r -> {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).codePointCount(0, r.get(i).length()));
            }
        });
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                line.append(i == r.size() - 1 ? r.get(i) : Format.pad(r.get(i), width[i] + 2));
            }
            out.println(line.toString().stripTrailing());
        }
        out.println();
        if (c.changedTotal() == 0) {
            out.println("No transcript changed outcome.");
        } else {
            out.println("Changed transcripts (base → current):");
            for (Comparison.Change ch : c.changes()) {
                String line = "  " + Format.pad(ch.direction().id(), 8) + x(ch.id()) + "  " + CompareFormat.outcome(ch.base()) + "  →  "
                        + CompareFormat.outcome(ch.current());
                out.println(ch.direction() == Comparison.Direction.WORSE ? st.red(line)
                        : ch.direction() == Comparison.Direction.BETTER ? st.green(line) : line);
            }
            if (c.changedTotal() > c.changes().size()) {
                out.println(st.dim("  … and " + (c.changedTotal() - c.changes().size()) + " more"));
            }
        }
        out.println();
        if (!c.warnings().isEmpty()) {
            out.println(st.bold("Warnings"));
            c.warnings().forEach(w -> out.println(st.yellow("  " + x(w))));
            out.println();
        }
        if (gate.passed()) {
            out.println(st.green("Gate: passed"));
        } else {
            out.println(st.red("Gate: FAILED"));
            gate.failures().forEach(f -> out.println("  - " + x(f.message())));
        }
        gate.notes().forEach(n -> out.println(st.dim("  note: " + x(n))));
        out.flush();
    }

    private static String x(String text) {
        return Invisible.escaped(text);
    }
}
