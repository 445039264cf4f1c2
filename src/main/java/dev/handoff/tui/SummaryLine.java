package dev.handoff.tui;

import dev.handoff.queue.Status;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The header's second line: the counts per status, the sort, the filter and the pause, fitted to
 * the width without ever cutting a number silently. The line used to be cut at the screen's edge,
 * so a 10-column terminal showed "Pending 30" for 303 handoffs. Now the labels get shorter first
 * ("In progress", "In prog", "Prog", "I:"), the sort and the filter go before the counts do, and
 * what still does not fit ends with an ellipsis after the last whole number.
 */
final class SummaryLine {

    private static final String BAR = "  |  ";

    private SummaryLine() {
    }

    static AttributedString render(QueueView view, int width, UnaryOperator<AttributedStyle> style) {
        Map<Status, Integer> c = view.counts();
        List<String> counts = countForms(c.get(Status.PENDING), c.get(Status.IN_PROGRESS), c.get(Status.RESOLVED));
        List<String> pause = pauseForms(view);
        String chosenCounts = null;
        String chosenPause = "";
        for (String form : counts) {
            for (String p : pause) {
                if (chosenCounts == null && form.length() + p.length() <= width) {
                    chosenCounts = form;
                    chosenPause = p;
                }
            }
        }
        AttributedStringBuilder sb = new AttributedStringBuilder();
        if (chosenCounts == null) {
            // not even the shortest form: the whole numbers that fit, then an ellipsis
            sb.append(cutBetweenWords(counts.get(counts.size() - 1) + pause.get(pause.size() - 1), width));
            return sb.toAttributedString();
        }
        int room = width - chosenCounts.length() - chosenPause.length();
        String filter = view.effectiveFilter();
        String filterPart = "";
        if (!filter.isEmpty()) {
            String full = BAR + "filter: \"" + Text.clean(filter) + "\"";
            if (Cells.columns(full) <= room) {
                filterPart = full;
            } else if (room >= BAR.length() + "filter: \"".length() + 4) {
                filterPart = Cells.cut(full, room); // text, not a number: cut with an ellipsis
            }
            room -= Cells.columns(filterPart);
        }
        String sortPart = BAR + "sort: " + view.sort().label();
        sb.append(chosenCounts);
        if (sortPart.length() <= room) {
            sb.append(sortPart);
        }
        sb.append(filterPart);
        if (!chosenPause.isEmpty()) {
            sb.append(BAR);
            sb.style(style.apply(AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA).bold()))
                    .append(chosenPause.substring(BAR.length()))
                    .style(AttributedStyle.DEFAULT);
        }
        return sb.toAttributedString();
    }

    /** The counts from the longest labels to the shortest. */
    static List<String> countForms(int pending, int inProgress, int resolved) {
        return List.of(
                "Pending " + pending + "  In progress " + inProgress + "  Resolved " + resolved,
                "Pending " + pending + "  In prog " + inProgress + "  Resolved " + resolved,
                "Pend " + pending + "  Prog " + inProgress + "  Res " + resolved,
                "P:" + pending + " I:" + inProgress + " R:" + resolved);
    }

    private static List<String> pauseForms(QueueView view) {
        if (!view.paused()) {
            return List.of("");
        }
        int n = view.bufferedChanges();
        return List.of(BAR + "paused (" + n + (n == 1 ? " change)" : " changes)"), BAR + "paused " + n);
    }

    /**
     * At most {@code width} columns of ASCII text, cut at a space and ended with an ellipsis so that
     * no number is shown in part; a first word wider than the screen is cut with an ellipsis too.
     */
    static String cutBetweenWords(String s, int width) {
        if (s.length() <= width) {
            return s;
        }
        for (int space = s.lastIndexOf(' ', width - 1); space > 0; space = s.lastIndexOf(' ', space - 1)) {
            String head = s.substring(0, space).stripTrailing();
            if (!head.isEmpty() && head.length() + 2 <= width) {
                return head + " \u2026";
            }
            if (!head.isEmpty() && head.length() + 1 <= width) {
                return head + "\u2026";
            }
        }
        return Cells.cut(s, width);
    }
}
