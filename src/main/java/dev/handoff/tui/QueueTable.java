package dev.handoff.tui;

import dev.handoff.queue.Handoff;
import dev.handoff.queue.Status;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.handoff.tui.Cells.pad;
import static dev.handoff.tui.Cells.padLeft;

/**
 * The queue as a table: which columns fit a width and how wide each is, the title line, and one
 * line per handoff. Shared by the full screen and the plain table of {@code --once}.
 */
final class QueueTable {

    private static final int STATUS = 0;
    private static final int WAITING = 1;
    private static final int NAME = 2;
    private static final int PHONE = 3;
    private static final int REASON = 4;
    private static final int SUMMARY = 5;
    private static final int OPERATOR = 6;
    private static final String[] TITLES = {"STATUS", "WAITING", "NAME", "PHONE", "REASON", "SUMMARY", "OPERATOR"};

    private final TailSettings settings;

    QueueTable(TailSettings settings) {
        this.settings = settings;
    }

    /** From this width on, WAITING has room for a late delivery's "3m (sent 41m ago)". */
    static final int WIDE = 130;
    /**
     * From this width on, WAITING has room for up to "23h59m (sent 99d23h ago)": at 18 columns a
     * delivery sent an hour or more before it arrived lost its note and looked recent, the very case
     * the note is for. REASON gives up 4 columns for it (and gets them back on a wider screen).
     */
    static final int WIDER = 140;
    /** Below this width STATUS and WAITING shrink and REASON goes (the detail pane has it): the summary needs the room. */
    static final int COMPACT = 100;

    /**
     * Column widths for a screen width; 0 means the column is left out. The summary is what an
     * operator reads first, so it keeps at least 30 columns (20 on a compact screen) while
     * REASON shrinks and then goes, then OPERATOR, then PHONE, then NAME narrows.
     */
    static int[] columns(int width) {
        boolean compact = width < COMPACT;
        int[] w = compact
                ? new int[]{7, 5, 14, 14, 0, 0, 8}
                : width >= WIDER ? new int[]{11, 24, 16, 14, 16, 0, 10}
                : new int[]{11, width >= WIDE ? 18 : 7, 16, 14, 20, 0, 10};
        int minSummary = compact ? 20 : 30;
        while (true) {
            int used = 2 + sumWithSeparators(w);
            int rest = width - used - 1;
            if (rest >= minSummary) {
                w[SUMMARY] = rest;
                break;
            }
            if (w[REASON] > 12) {
                w[REASON] = Math.max(12, w[REASON] - (minSummary - rest));
            } else if (w[REASON] > 0) {
                w[REASON] = 0;
            } else if (w[OPERATOR] > 0) {
                w[OPERATOR] = 0;
            } else if (w[PHONE] > 0) {
                w[PHONE] = 0;
            } else if (w[NAME] > 10) {
                w[NAME] = 10;
            } else {
                w[SUMMARY] = Math.max(0, rest);
                break;
            }
        }
        if (w[SUMMARY] > 70 && w[REASON] > 0) {
            int extra = Math.min(w[SUMMARY] - 70, 16);
            w[REASON] += extra;
            w[SUMMARY] -= extra;
        }
        return w;
    }

    private static int sumWithSeparators(int[] w) {
        int sum = 0;
        int n = 0;
        for (int i = 0; i < w.length; i++) {
            if (i != SUMMARY && w[i] > 0) {
                sum += w[i];
                n++;
            }
        }
        return sum + Math.max(0, n - 1);
    }

    AttributedString titles(int[] widths) {
        AttributedStringBuilder sb = new AttributedStringBuilder();
        sb.style(style(AttributedStyle.DEFAULT.bold().underline()));
        sb.append("  ");
        boolean first = true;
        for (int i = 0; i < widths.length; i++) {
            if (widths[i] <= 0) {
                continue;
            }
            if (!first) {
                sb.append(' ');
            }
            first = false;
            String title = TITLES[i].length() > widths[i] && i == WAITING ? "WAIT" : TITLES[i];
            sb.append(i == WAITING ? padLeft(title, widths[i]) : pad(title, widths[i]));
        }
        return sb.toAttributedString();
    }

    AttributedString row(QueueEntry e, int[] widths, boolean selected, boolean fresh, Instant now) {
        Handoff h = e.handoff();
        AttributedStyle base = AttributedStyle.DEFAULT;
        if (settings.color()) {
            if (selected) {
                base = base.inverse();
            } else if (fresh) {
                base = base.bold().foreground(AttributedStyle.GREEN);
            }
        }
        AttributedStringBuilder sb = new AttributedStringBuilder(Math.max(16, 2 + sumWithSeparators(widths) + widths[SUMMARY] + 1));
        sb.style(base);
        sb.append(selected ? '>' : ' ').append(fresh ? '*' : ' ');
        Duration waiting = Duration.between(e.waitingSince(), now);
        String waited = Durations.waited(e, now);
        String[] cells = {
                statusLabel(h.status(), widths[STATUS]),
                // a narrow column keeps the arrival age whole rather than cut the sent age in half
                waited.length() <= widths[WAITING] ? waited : Durations.compact(waiting),
                Text.clean(h.name()),
                Text.clean(PhoneMask.mask(h.phoneNumber(), settings.maskDigits())),
                Text.clean(h.reason()),
                Text.clean(h.summary()),
                Text.clean(h.claimedBy())};
        boolean first = true;
        for (int i = 0; i < widths.length; i++) {
            if (widths[i] <= 0) {
                continue;
            }
            if (!first) {
                sb.append(' ');
            }
            first = false;
            String cell = i == WAITING ? padLeft(cells[i], widths[i]) : pad(cells[i], widths[i]);
            AttributedStyle cellStyle = base;
            if (settings.color() && !selected) {
                if (i == WAITING) {
                    cellStyle = waitingStyle(base, waiting);
                } else if (i == STATUS) {
                    cellStyle = h.status() == Status.PENDING ? base.bold() : base.foreground(AttributedStyle.CYAN);
                }
            }
            sb.style(cellStyle).append(cell).style(base);
        }
        return sb.toAttributedString();
    }

    /** "In progress" reads "In prog" in a compact column rather than "In prog…" cut anywhere. */
    private static String statusLabel(Status status, int width) {
        String label = status.label();
        return label.length() <= width || status != Status.IN_PROGRESS ? label : "In prog";
    }

    private AttributedStyle waitingStyle(AttributedStyle base, Duration waiting) {
        return switch (waitingLevel(waiting)) {
            case 2 -> base.foreground(AttributedStyle.RED).bold();
            case 1 -> base.foreground(AttributedStyle.YELLOW);
            default -> base;
        };
    }

    /** How alarming the waiting time is: 0 fine, 1 past {@code warnAfter} (yellow), 2 past {@code alertAfter} (red). */
    int waitingLevel(QueueEntry e, Instant now) {
        return waitingLevel(Duration.between(e.waitingSince(), now));
    }

    private int waitingLevel(Duration waiting) {
        if (waiting.compareTo(settings.alertAfter()) >= 0) {
            return 2;
        }
        return waiting.compareTo(settings.warnAfter()) >= 0 ? 1 : 0;
    }

    /** Column titles and one line per entry, without styles, at most {@code width} columns. */
    List<String> plain(List<QueueEntry> entries, int width, Instant now) {
        int[] widths = columns(width);
        List<String> out = new ArrayList<>(entries.size() + 1);
        out.add(titles(widths).columnSubSequence(0, width).toString().stripTrailing());
        TailSettings plain = settings.withColor(false);
        QueueTable noColour = new QueueTable(plain);
        for (QueueEntry e : entries) {
            out.add(noColour.row(e, widths, false, false, now).columnSubSequence(0, width).toString().stripTrailing());
        }
        return out;
    }

    private AttributedStyle style(AttributedStyle s) {
        return settings.color() ? s : AttributedStyle.DEFAULT;
    }
}
