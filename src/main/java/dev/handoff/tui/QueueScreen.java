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
import java.util.Map;

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

    private static final int STATUS = 0;
    private static final int WAITING = 1;
    private static final int NAME = 2;
    private static final int PHONE = 3;
    private static final int REASON = 4;
    private static final int SUMMARY = 5;
    private static final int OPERATOR = 6;
    private static final String[] TITLES = {"STATUS", "WAITING", "NAME", "PHONE", "REASON", "SUMMARY", "OPERATOR"};

    private final TailSettings settings;
    private final String source;

    public QueueScreen(TailSettings settings, String source) {
        this.settings = settings;
        this.source = Text.clean(source);
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
            detail = detailPane(selected, width, view.now(), Math.min(14, room / 2));
        }
        int body = room - detail.size();
        int bodyStart = lines.size();
        if (view.helpOpen()) {
            for (int i = 0; i < body && i < HELP.size(); i++) {
                lines.add(fitLine(new AttributedString(HELP.get(i)), width));
            }
        } else if (body > 0) {
            int[] widths = columns(width);
            lines.add(fitLine(titles(widths), width));
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

    /** Column widths for a screen width; 0 means the column is left out. */
    static int[] columns(int width) {
        int[] w = {11, 7, 16, 14, 20, 0, 10};
        while (true) {
            int used = 2 + sumWithSeparators(w);
            int rest = width - used - 1;
            if (rest >= 10) {
                w[SUMMARY] = rest;
                break;
            }
            if (w[REASON] > 12) {
                w[REASON] = Math.max(12, w[REASON] - (10 - rest));
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

    private AttributedString titles(int[] widths) {
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
            sb.append(i == WAITING ? padLeft(TITLES[i], widths[i]) : pad(TITLES[i], widths[i]));
        }
        return sb.toAttributedString();
    }

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
            lines.add(fitLine(row(e, widths, i == cursor, view.isHighlighted(e.id()), now), width));
        }
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
        AttributedStringBuilder sb = new AttributedStringBuilder(160);
        sb.style(base);
        sb.append(selected ? '>' : ' ').append(fresh ? '*' : ' ');
        Duration waiting = Duration.between(e.waitingSince(), now);
        String[] cells = {
                h.status().label(),
                Durations.compact(waiting),
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

    private AttributedStyle waitingStyle(AttributedStyle base, Duration waiting) {
        if (waiting.compareTo(settings.alertAfter()) >= 0) {
            return base.foreground(AttributedStyle.RED).bold();
        }
        if (waiting.compareTo(settings.warnAfter()) >= 0) {
            return base.foreground(AttributedStyle.YELLOW);
        }
        return base;
    }

    // ---- detail pane ----

    List<AttributedString> detailPane(QueueEntry e, int width, Instant now, int maxLines) {
        Handoff h = e.handoff();
        List<AttributedString> out = new ArrayList<>();
        String title = "-- #" + h.id() + " " + Text.clean(h.name()) + " ";
        out.add(new AttributedStringBuilder()
                .style(style(AttributedStyle.DEFAULT.bold()))
                .append(title).append("-".repeat(Math.max(0, width - title.length())))
                .toAttributedString());
        String status = h.status().label()
                + (h.claimedBy() != null && h.status() == Status.IN_PROGRESS ? ", claimed by " + Text.clean(h.claimedBy()) : "");
        out.add(field("status", status));
        out.add(field("phone", Text.clean(PhoneMask.mask(h.phoneNumber(), settings.maskDigits()))));
        out.add(field("reason", Text.clean(h.reason())));
        out.add(field("created", (h.createdAt() == null ? "-" : h.createdAt().toString())
                + "   waiting " + Durations.compact(Duration.between(e.waitingSince(), now))
                + (h.receivedAt() == null || h.receivedAt().equals(h.createdAt()) ? "" : " (in the queue since " + h.receivedAt() + ")")));
        out.add(field("agent", (h.agentId() == null ? "-" : Text.clean(h.agentId()))
                + (h.agentExternalId() == null ? "" : "   external " + Text.clean(h.agentExternalId()))));
        String url = e.whatsappUrl();
        if (Text.isPlainUrl(url)) {
            AttributedStringBuilder link = new AttributedStringBuilder();
            link.append(label("whatsapp"));
            if (settings.hyperlinks()) {
                // OSC 8: hidden characters reach the terminal as they are but take no columns
                link.style(AttributedStyle.HIDDEN).append("\u001b]8;;").append(url).append("\u001b\\");
                link.style(style(AttributedStyle.DEFAULT.underline().foreground(AttributedStyle.BLUE)))
                        .append("Open the chat in WhatsApp");
                link.style(AttributedStyle.HIDDEN).append("\u001b]8;;\u001b\\");
                link.style(AttributedStyle.DEFAULT).append(" (Ctrl-click, or press w)");
            } else {
                link.append("press w to open");
            }
            out.add(link.toAttributedString());
            // the plain link on a line of its own, indented only when it still fits, so that it can be copied
            String shown = maskUrl(url, h.phoneNumber());
            int indent = shown.length() + 10 <= width ? 10 : shown.length() + 2 <= width ? 2 : 0;
            for (String part : hardWrap(shown, Math.max(10, width - indent))) {
                out.add(new AttributedString(" ".repeat(indent) + part));
            }
        } else {
            out.add(field("whatsapp", "no link (no usable phone number)"));
        }
        List<String> summary = wrap(Text.clean(h.summary()), Math.max(10, width - 10));
        for (int i = 0; i < summary.size(); i++) {
            out.add(i == 0 ? field("summary", summary.get(0)) : new AttributedString(" ".repeat(10) + summary.get(i)));
        }
        if (out.size() > maxLines) {
            List<AttributedString> cut = new ArrayList<>(out.subList(0, Math.max(0, maxLines - 1)));
            cut.add(new AttributedString(" ".repeat(10) + "..."));
            return cut;
        }
        return out;
    }

    private String maskUrl(String url, String phone) {
        if (settings.maskDigits() <= 0 || phone == null) {
            return url;
        }
        String digits = phone.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? url : url.replace("phone=" + digits, "phone=" + PhoneMask.mask(digits, settings.maskDigits()));
    }

    private AttributedString field(String name, String value) {
        return new AttributedStringBuilder().append(label(name)).append(value).toAttributedString();
    }

    private AttributedString label(String name) {
        return new AttributedStringBuilder().style(style(AttributedStyle.DEFAULT.faint()))
                .append(pad(name, 9)).append(' ').toAttributedString();
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

    // ---- the plain table of --once on a terminal ----

    /** Column titles and one line per entry, without styles, at most {@code width} columns. */
    public List<String> table(List<QueueEntry> entries, int width, Instant now) {
        int[] widths = columns(width);
        List<String> out = new ArrayList<>(entries.size() + 1);
        out.add(titles(widths).columnSubSequence(0, width).toString().stripTrailing());
        TailSettings plain = settings.withColor(false);
        QueueScreen noColour = new QueueScreen(plain, source);
        for (QueueEntry e : entries) {
            out.add(noColour.row(e, widths, false, false, now).columnSubSequence(0, width).toString().stripTrailing());
        }
        return out;
    }

    // ---- text helpers ----

    private AttributedStyle style(AttributedStyle s) {
        return settings.color() ? s : AttributedStyle.DEFAULT;
    }

    private static AttributedString fitLine(AttributedString line, int width) {
        return line.columnLength() <= width ? line : line.columnSubSequence(0, width);
    }

    /** Cut to at most {@code width} columns, with an ellipsis when something was cut. */
    static String cut(String s, int width) {
        if (width <= 0) {
            return "";
        }
        AttributedString a = new AttributedString(s);
        if (a.columnLength() <= width) {
            return s;
        }
        return a.columnSubSequence(0, width - 1) + "\u2026";
    }

    static String pad(String s, int width) {
        String c = cut(s, width);
        int w = new AttributedString(c).columnLength();
        return w >= width ? c : c + " ".repeat(width - w);
    }

    static String padLeft(String s, int width) {
        String c = cut(s, width);
        int w = new AttributedString(c).columnLength();
        return w >= width ? c : " ".repeat(width - w) + c;
    }

    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" +")) {
            if (word.isEmpty()) {
                continue;
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            while (word.length() > width) {
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                lines.add(word.substring(0, width));
                word = word.substring(width);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static List<String> hardWrap(String s, int width) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < s.length(); i += width) {
            parts.add(s.substring(i, Math.min(s.length(), i + width)));
        }
        return parts;
    }
}
