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

import static dev.handoff.tui.Cells.hardWrap;
import static dev.handoff.tui.Cells.pad;
import static dev.handoff.tui.Cells.wrap;

/**
 * The detail pane under the table: everything about the selected handoff, the full summary
 * wrapped, and its WhatsApp link both clickable (OSC 8) and as plain text to copy.
 */
final class DetailPane {

    private final TailSettings settings;

    DetailPane(TailSettings settings) {
        this.settings = settings;
    }

    /**
     * The pane for {@code height} lines: its title, then a window of the body starting at line
     * {@code top}. A body taller than the pane says so in the title, with the keys that scroll it,
     * so that no part of a long summary is out of reach.
     */
    List<AttributedString> lines(QueueEntry e, int width, Instant now, int height, int top) {
        List<AttributedString> body = body(e, width, now);
        List<AttributedString> out = new ArrayList<>(Math.max(1, height));
        if (height <= 0) {
            return out;
        }
        int room = height - 1;
        int first = Math.max(0, Math.min(top, maxTop(body.size(), height)));
        String more = body.size() <= room ? ""
                : " lines " + (first + 1) + "-" + Math.min(body.size(), first + room) + " of " + body.size()
                + ", " + SCROLL_KEYS + " scroll --";
        out.add(title(e.handoff(), width, more));
        for (int i = first; i < body.size() && out.size() < height; i++) {
            out.add(body.get(i));
        }
        return out;
    }

    /** The keys that scroll the pane, as its title names them. */
    static final String SCROLL_KEYS = "J/K";

    /** Lines the pane needs to show everything: the title and the body. */
    int neededLines(QueueEntry e, int width, Instant now) {
        return 1 + body(e, width, now).size();
    }

    /** The furthest the body can scroll in a pane of {@code height} lines. */
    static int maxTop(int bodyLines, int height) {
        return Math.max(0, bodyLines - Math.max(1, height - 1));
    }

    private AttributedString title(Handoff h, int width, String more) {
        String title = "-- #" + h.id() + " " + Text.clean(h.name()) + " ";
        int titleColumns = Cells.columns(title);
        AttributedStringBuilder sb = new AttributedStringBuilder().style(style(AttributedStyle.DEFAULT.bold()));
        if (more.isEmpty()) {
            return sb.append(title).append("-".repeat(Math.max(0, width - titleColumns))).toAttributedString();
        }
        // the scroll note wins over a long name: it is how the rest of the pane is reached
        String name = Cells.cut(title, Math.max(0, width - more.length()));
        return sb.append(name).append("-".repeat(Math.max(0, width - Cells.columns(name) - more.length())))
                .append(more).toAttributedString();
    }

    private List<AttributedString> body(QueueEntry e, int width, Instant now) {
        Handoff h = e.handoff();
        List<AttributedString> out = new ArrayList<>();
        String status = h.status().label()
                + (h.claimedBy() != null && h.status() == Status.IN_PROGRESS ? ", claimed by " + Text.clean(h.claimedBy()) : "");
        field(out, "status", status, width);
        field(out, "phone", Text.clean(PhoneMask.mask(h.phoneNumber(), settings.maskDigits())), width);
        field(out, "reason", Text.clean(h.reason()), width);
        field(out, "created", (h.createdAt() == null ? "-" : h.createdAt().toString())
                + "   waiting " + Durations.waited(e, now)
                + (h.receivedAt() == null || h.receivedAt().equals(h.createdAt()) ? "" : " (in the queue since " + h.receivedAt() + ")"),
                width);
        field(out, "agent", (h.agentId() == null ? "-" : Text.clean(h.agentId()))
                + (h.agentExternalId() == null ? "" : "   external " + Text.clean(h.agentExternalId())), width);
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
            field(out, "whatsapp", "no link (no usable phone number)", width);
        }
        field(out, "summary", Text.clean(h.summary()), width);
        return out;
    }

    private String maskUrl(String url, String phone) {
        if (settings.maskDigits() <= 0 || phone == null) {
            return url;
        }
        String digits = phone.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? url : url.replace("phone=" + digits, "phone=" + PhoneMask.mask(digits, settings.maskDigits()));
    }

    /** A labelled value, word-wrapped under its label by display columns: never cut off at the edge. */
    private void field(List<AttributedString> out, String name, String value, int width) {
        // a value that fits keeps its spacing ("   waiting"); wrapping folds runs of spaces into one
        List<String> parts = Cells.columns(value) <= width - INDENT ? List.of(value) : wrap(value, Math.max(10, width - INDENT));
        out.add(new AttributedStringBuilder().append(label(name)).append(parts.get(0)).toAttributedString());
        for (int i = 1; i < parts.size(); i++) {
            out.add(new AttributedString(" ".repeat(INDENT) + parts.get(i)));
        }
    }

    private static final int INDENT = 10;

    private AttributedString label(String name) {
        return new AttributedStringBuilder().style(style(AttributedStyle.DEFAULT.faint()))
                .append(pad(name, 9)).append(' ').toAttributedString();
    }

    private AttributedStyle style(AttributedStyle s) {
        return settings.color() ? s : AttributedStyle.DEFAULT;
    }
}
