package dev.handoff.tui;

import dev.handoff.queue.Status;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.handoff.tui.Cells.cut;
import static dev.handoff.tui.Cells.fitLine;

/**
 * Draws a {@link QueueView} as the lines of one screen: header, column titles, the window of rows
 * around the cursor, the detail pane, and the status line. Pure: the same view, size and time
 * give the same lines, which is what the UI hands to JLine's {@code Display} and what the
 * benchmark times. Every line fits the width.
 */
public final class QueueScreen {

    static final String HINTS = "? help  q quit  j/k move  / filter  s sort  Enter detail  c claim  u release"
            + "  r resolve  w WhatsApp  p pause";

    static final List<String> HELP = List.of(
            "Keys",
            "  Up Down  j k        move the cursor (PgUp PgDn, g first, G last)",
            "  /                   filter by name, phone, reason or summary; Enter applies, Esc cancels",
            "  Esc                 clear the filter",
            "  s                   sort: oldest first, newest first, status, name",
            "  Enter               detail pane: full summary, reason, times, agent ids, WhatsApp link",
            "  c  u  r             claim, release, resolve the selected handoff",
            "  w                   open the WhatsApp link (or show it when no browser can be opened)",
            "  p                   pause: freeze the list, buffer changes; p again applies them",
            "  Ctrl-L              redraw",
            "  ?                   this help; any key closes it",
            "  q  Ctrl-C           quit",
            "",
            "Rows: > cursor, * new Pending handoff. WAITING turns yellow, then red, as it grows.");

    private final TailSettings settings;
    private final String source;
    private final QueueTable table;
    private final DetailPane detailPane;
    private final RowCache rowCache = new RowCache();

    public QueueScreen(TailSettings settings, String source) {
        this.settings = settings;
        this.source = Text.clean(source);
        this.table = new QueueTable(settings);
        this.detailPane = new DetailPane(settings);
    }

    public List<AttributedString> render(QueueView view, int height, int width) {
        List<AttributedString> lines = new ArrayList<>(Math.max(0, height));
        if (height <= 0 || width <= 0) {
            return lines;
        }
        lines.add(fitLine(title(view, width), width));
        if (height >= 3) {
            lines.add(fitLine(summaryLine(view), width));
        }
        if (height == lines.size()) {
            return lines;
        }
        int room = height - lines.size() - 1; // minus the status line
        List<AttributedString> detail = List.of();
        QueueEntry selected = view.selected();
        if (view.detailOpen() && !view.helpOpen() && selected != null && room >= 6) {
            detail = detailPane.lines(selected, width, view.now(), Math.min(14, room / 2));
        }
        int body = room - detail.size();
        int bodyStart = lines.size();
        if (view.helpOpen()) {
            for (int i = 0; i < body && i < HELP.size(); i++) {
                lines.add(fitLine(new AttributedString(HELP.get(i)), width));
            }
        } else if (body > 0) {
            int[] widths = QueueTable.columns(width);
            lines.add(fitLine(table.titles(widths), width));
            rowsInto(lines, view, widths, body - 1, width);
        }
        // the detail pane and the status line stay at the bottom
        while (lines.size() < bodyStart + body) {
            lines.add(AttributedString.EMPTY);
        }
        for (AttributedString d : detail) {
            lines.add(fitLine(d, width));
        }
        lines.add(fitLine(statusLine(view, width), width));
        return lines;
    }

    // ---- header: where from and how fresh, then what is in the queue ----

    private AttributedString title(QueueView view, int width) {
        AttributedStringBuilder sb = new AttributedStringBuilder();
        sb.style(style(AttributedStyle.DEFAULT.bold())).append("handoff tail").style(AttributedStyle.DEFAULT);
        String state = view.connection().label(settings.zone());
        // the source keeps up to half of the line; the state (with its reason) gets the rest
        int free = width - sb.length() - 4;
        int sourceRoom = Math.min(source.length(), Math.max(free - state.length(), Math.min(source.length(), free / 2)));
        sb.append("  ").append(cut(source, Math.max(0, sourceRoom))).append("  ");
        sb.style(style(stateStyle(view.connection()))).append(cut(state, Math.max(0, free - sourceRoom)))
                .style(AttributedStyle.DEFAULT);
        return sb.toAttributedString();
    }

    private AttributedString summaryLine(QueueView view) {
        AttributedStringBuilder sb = new AttributedStringBuilder();
        Map<Status, Integer> counts = view.counts();
        sb.append("Pending ").append(String.valueOf(counts.get(Status.PENDING)))
                .append("  In progress ").append(String.valueOf(counts.get(Status.IN_PROGRESS)))
                .append("  Resolved ").append(String.valueOf(counts.get(Status.RESOLVED)));
        sb.append("  |  sort: ").append(view.sort().label());
        String filter = view.effectiveFilter();
        if (!filter.isEmpty()) {
            sb.append("  |  filter: \"").append(Text.clean(filter)).append("\"");
        }
        if (view.paused()) {
            int n = view.bufferedChanges();
            sb.append("  |  ");
            sb.style(style(AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA).bold()))
                    .append("paused (" + n + (n == 1 ? " change)" : " changes)"))
                    .style(AttributedStyle.DEFAULT);
        }
        return sb.toAttributedString();
    }

    private static AttributedStyle stateStyle(ConnectionState state) {
        if (state instanceof ConnectionState.Live) {
            return AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN).bold();
        }
        if (state instanceof ConnectionState.Stale) {
            return AttributedStyle.DEFAULT.foreground(AttributedStyle.RED).bold();
        }
        return AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW).bold();
    }

    // ---- table ----

    private void rowsInto(List<AttributedString> lines, QueueView view, int[] widths, int height, int width) {
        List<QueueEntry> rows = view.rows();
        if (height <= 0) {
            return;
        }
        if (rows.isEmpty()) {
            String why;
            if (!view.loaded()) {
                why = "  waiting for the first snapshot from the source...";
            } else if (!view.effectiveFilter().isEmpty()) {
                why = "  no handoff matches the filter \"" + Text.clean(view.effectiveFilter()) + "\" (Esc clears it)";
            } else {
                why = "  no handoffs waiting";
            }
            lines.add(fitLine(new AttributedString(why), width));
            return;
        }
        int top = view.scrollTop(height);
        int cursor = view.selectedIndex();
        Instant now = view.now();
        int end = Math.min(rows.size(), top + height);
        for (int i = top; i < end; i++) {
            QueueEntry e = rows.get(i);
            boolean selected = i == cursor;
            boolean fresh = view.isHighlighted(e.id());
            lines.add(rowCache.line(e, width, selected, fresh, Durations.waited(e, now), table.waitingLevel(e, now),
                    () -> fitLine(table.row(e, widths, selected, fresh, now), width)));
        }
    }

    // ---- status line ----

    private AttributedString statusLine(QueueView view, int width) {
        int size = view.rows().size();
        String position = size == 0 ? "" : (view.selectedIndex() + 1) + "/" + size;
        int room = position.isEmpty() ? width : width - position.length() - 2;
        AttributedStringBuilder sb = new AttributedStringBuilder();
        String draft = view.filterDraft();
        if (draft != null) {
            sb.append(cut("/" + Text.clean(draft) + "_   Enter apply, Esc cancel", room));
        } else if (view.helpOpen()) {
            sb.append(cut("any key closes the help", room));
        } else if (view.message() != null) {
            QueueView.Message m = view.message();
            sb.style(style(m.error() ? AttributedStyle.DEFAULT.foreground(AttributedStyle.RED).bold() : AttributedStyle.DEFAULT.bold()))
                    .append(cut(Text.clean(m.text()), room)).style(AttributedStyle.DEFAULT);
        } else {
            sb.style(style(AttributedStyle.DEFAULT.faint())).append(cut(HINTS, room)).style(AttributedStyle.DEFAULT);
        }
        int gap = width - sb.columnLength() - position.length();
        if (!position.isEmpty() && gap >= 1) {
            sb.append(" ".repeat(gap)).append(position);
        }
        return sb.toAttributedString();
    }

    /** Column titles and one line per entry, without styles, at most {@code width} columns (the table of --once). */
    public List<String> table(List<QueueEntry> entries, int width, Instant now) {
        return table.plain(entries, width, now);
    }

    private AttributedStyle style(AttributedStyle s) {
        return settings.color() ? s : AttributedStyle.DEFAULT;
    }
}
