package dev.handoff.tui;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
            "  J  K                scroll the detail pane when it is longer than the room it has",
            "  c  u  r             claim, release, resolve the selected handoff",
            "  w                   open the WhatsApp link (or show it when no browser can be opened)",
            "  p                   pause: freeze the list, buffer changes; p again applies them",
            "  Ctrl-L              redraw the whole screen",
            "  Ctrl-Z              suspend to the shell; fg comes back",
            "  ?                   this help; any key closes it (j k PgUp PgDn scroll it on a short screen)",
            "  q                   quit (exit status 0); Ctrl-C quits as an interrupt (130)",
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
            lines.add(fitLine(SummaryLine.render(view, width, this::style), width));
        }
        if (height == lines.size()) {
            return lines;
        }
        int room = height - lines.size() - 1; // minus the status line
        List<AttributedString> detail = List.of();
        QueueEntry selected = view.selected();
        int paneHeight = detailHeight(view, room, width);
        if (paneHeight > 0) {
            detail = detailPane.lines(selected, width, view.now(), paneHeight, view.detailTop());
        }
        int body = room - detail.size();
        int bodyStart = lines.size();
        if (view.helpOpen()) {
            List<String> help = helpLines(width);
            int top = Math.min(view.helpTop(), Math.max(0, help.size() - body));
            for (int i = top; i < help.size() && lines.size() < bodyStart + body; i++) {
                lines.add(fitLine(new AttributedString(help.get(i)), width));
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
        lines.add(fitLine(statusLine(view, height, width), width));
        return lines;
    }

    // ---- the parts that scroll: the detail pane and the help ----

    /**
     * Lines of the detail pane at this size, 0 when closed or when the table would be left without
     * rows. It takes what it needs, up to half the room (at least 14 lines when the table keeps 4).
     */
    private int detailHeight(QueueView view, int room, int width) {
        QueueEntry selected = view.selected();
        if (!view.detailOpen() || view.helpOpen() || selected == null || room < 6) {
            return 0;
        }
        int most = Math.min(Math.max(14, room / 2), room - 4);
        return Math.min(most, detailPane.neededLines(selected, width, view.now()));
    }

    /** Room for the body under the header and above the status line. */
    private static int room(int height) {
        return height - (height >= 3 ? 2 : 1) - 1;
    }

    /** How far the detail pane scrolls, and its page, at this size: {max, page}. */
    int[] detailScroll(QueueView view, int height, int width) {
        int paneHeight = detailHeight(view, room(height), width);
        if (paneHeight <= 0) {
            return new int[]{0, 1};
        }
        int bodyLines = detailPane.neededLines(view.selected(), width, view.now()) - 1;
        return new int[]{DetailPane.maxTop(bodyLines, paneHeight), Math.max(1, paneHeight - 2)};
    }

    /** How far the help scrolls at this size (0: it fits), and its page: {max, page}. */
    int[] helpScroll(int height, int width) {
        int body = Math.max(0, room(height));
        return new int[]{Math.max(0, helpLines(width).size() - body), Math.max(1, body - 1)};
    }

    /**
     * The help, word-wrapped to the width: a key's description wraps under itself, or under the
     * key when the screen is too narrow for the key column. Cut mid-word it read "Enter applies, E".
     */
    static List<String> helpLines(int width) {
        List<String> out = new ArrayList<>();
        for (String line : HELP) {
            boolean keyed = line.startsWith("  ") && line.length() > KEY_COLUMN
                    && line.charAt(KEY_COLUMN - 1) == ' ' && line.charAt(KEY_COLUMN) != ' ';
            if (!keyed) {
                out.addAll(Cells.wrap(line, width));
                continue;
            }
            String key = line.substring(0, KEY_COLUMN);
            List<String> description;
            String indent;
            if (width - KEY_COLUMN >= 20) {
                description = Cells.wrap(line.substring(KEY_COLUMN), width - KEY_COLUMN);
                indent = " ".repeat(KEY_COLUMN);
                out.add(key + description.get(0));
                description = description.subList(1, description.size());
            } else {
                out.add(key.stripTrailing());
                indent = "    ";
                description = Cells.wrap(line.substring(KEY_COLUMN), width - indent.length());
            }
            for (String d : description) {
                out.add(indent + d);
            }
        }
        return out;
    }

    private static final int KEY_COLUMN = 22;

    // ---- header: where from and how fresh, then what is in the queue ----

    private AttributedString title(QueueView view, int width) {
        AttributedStringBuilder sb = new AttributedStringBuilder();
        // the reason quotes what the source or the network said (an exception's message, a status it sent)
        String state = Text.clean(view.connection().label(settings.zone()));
        // the title says nothing the operator needs: it goes first, before the source or the state's reason is cut
        boolean titled = TITLE.length() + 2 + source.length() + 2 + state.length() <= width;
        if (titled) {
            sb.style(style(AttributedStyle.DEFAULT.bold())).append(TITLE).style(AttributedStyle.DEFAULT).append("  ");
        }
        int free = width - sb.length();
        String core = state.contains(" (") ? state.substring(0, state.indexOf(" (")) : state;
        if (core.length() > free) {
            // "reconnecting since …" lost the time, the one thing it has to say: the short form keeps it
            state = compact(state);
            core = compact(core);
        }
        // the state keeps at least its words before the reason; the source, up to its whole length, what is left
        int coreRoom = core.length() + (core.length() < state.length() ? 1 : 0); // its words whole, then "…"
        int stateRoom = Math.min(state.length(), Math.max(Math.min(coreRoom, free), free - source.length() - 2));
        int sourceRoom = free - stateRoom - 2;
        if (sourceRoom >= 6) {
            sb.append(cut(source, sourceRoom)).append("  ");
        } else {
            stateRoom = Math.min(state.length(), free);
        }
        sb.style(style(stateStyle(view.connection()))).append(cut(state, Math.max(0, stateRoom)))
                .style(AttributedStyle.DEFAULT);
        return sb.toAttributedString();
    }

    private static final String TITLE = "handoff tail";

    /** The state's words shortened, its time kept: "reconn. 12:00:00", "stale 12:00:00". */
    static String compact(String state) {
        return state.replaceFirst("^reconnecting since ", "reconn. ").replaceFirst("^stale since ", "stale ")
                .replaceFirst("^not updated since ", "upd. ");
    }

    private static AttributedStyle stateStyle(ConnectionState state) {
        if (state instanceof ConnectionState.Live) {
            return AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN).bold();
        }
        if (state instanceof ConnectionState.Stale || state instanceof ConnectionState.Refused) {
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

    private AttributedString statusLine(QueueView view, int height, int width) {
        int size = view.rows().size();
        String position = size == 0 ? "" : (view.selectedIndex() + 1) + "/" + size;
        int room = position.isEmpty() ? width : width - position.length() - 2;
        AttributedStringBuilder sb = new AttributedStringBuilder();
        String draft = view.filterDraft();
        if (draft != null) {
            sb.append(filterPrompt(Text.clean(draft), room));
        } else if (view.helpOpen()) {
            sb.append(cut(helpStatus(view, height, width), room));
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

    /**
     * The filter being typed, with its end (where the next character goes) always in sight: the hint
     * gives way first, then the start of the text, which a "…" replaces.
     */
    static String filterPrompt(String draft, int room) {
        String whole = "/" + draft + "_   Enter apply, Esc cancel";
        if (Cells.columns(whole) <= room) {
            return whole;
        }
        String typed = "/" + draft + "_";
        if (Cells.columns(typed) <= room) {
            return typed;
        }
        return room < 3 ? Cells.cut(typed, room) : "/" + Cells.cutFront(draft + "_", room - 1);
    }

    /** "any key closes the help", and which lines show and how to see the others when it does not fit. */
    private static String helpStatus(QueueView view, int height, int width) {
        int total = helpLines(width).size();
        int body = room(height);
        if (total <= body || body <= 0) {
            return "any key closes the help";
        }
        int top = Math.min(view.helpTop(), total - body);
        return "help lines " + (top + 1) + "-" + (top + body) + " of " + total
                + ": j k PgUp PgDn scroll, any other key closes it";
    }

    /** Column titles and one line per entry, without styles, at most {@code width} columns (the table of --once). */
    public List<String> table(List<QueueEntry> entries, int width, Instant now) {
        return table.plain(entries, width, now);
    }

    private AttributedStyle style(AttributedStyle s) {
        return settings.color() ? s : AttributedStyle.DEFAULT;
    }
}
