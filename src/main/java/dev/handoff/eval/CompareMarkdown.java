package dev.handoff.eval;

/** {@code replay --compare --markdown}: the pull-request comment. */
public final class CompareMarkdown {

    /** Changed transcripts listed in the comment; the rest are counted. */
    static final int SHOWN = 50;

    private CompareMarkdown() {
    }

    public static String render(Comparison c, CompareGate.Result gate) {
        StringBuilder b = new StringBuilder();
        b.append("## handoff replay --compare — ").append(gate.passed() ? "✅ gate passed" : "❌ gate failed").append("\n\n");
        b.append(MarkdownReport.code(c.current().context().configFile())).append(" against ")
                .append(MarkdownReport.code(c.base().context().configFile()))
                .append(" · classifier ").append(MarkdownReport.code(c.current().context().classifierId())).append(" · ")
                .append(CompareFormat.headline(c)).append("\n\n");
        if (!gate.passed()) {
            MarkdownReport.gateFailures(b, gate.failures().stream().map(Gate.Failure::message).toList());
        }
        MarkdownReport.warnings(b, c.warnings());
        b.append("| criterion | ").append(String.join(" | ", CompareFormat.COLUMNS)).append(" |\n");
        b.append("|---|--:|--:|--:|--:|--:|--:|\n");
        for (Comparison.Row r : c.criteria()) {
            b.append("| ").append(cell(r.name()));
            CompareFormat.cells(r).forEach(x -> b.append(" | ").append(cell(x)));
            b.append(" |\n");
        }
        b.append('\n');
        if (c.changedTotal() == 0) {
            b.append("No transcript changed outcome.\n");
            return b.toString();
        }
        b.append("**Changed transcripts** (").append(c.better()).append(" better, ").append(c.worse()).append(" worse)\n\n");
        b.append("| | transcript | base | this change |\n|---|---|---|---|\n");
        c.changes().stream().limit(SHOWN).forEach(ch -> b.append("| ").append(icon(ch.direction())).append(" | ")
                .append(MarkdownReport.code(ch.id())).append(" | ").append(cell(CompareFormat.outcome(ch.base()))).append(" | ")
                .append(cell(CompareFormat.outcome(ch.current()))).append(" |\n"));
        if (c.changedTotal() > SHOWN) {
            b.append("\n… and ").append(c.changedTotal() - SHOWN).append(" more (see the JSON report).\n");
        }
        return b.toString();
    }

    private static String icon(Comparison.Direction d) {
        return switch (d) {
            case BETTER -> "✅ better";
            case WORSE -> "❌ worse";
            case CHANGED -> "↔ changed";
        };
    }

    private static String cell(String s) {
        return MarkdownReport.cell(s);
    }
}
