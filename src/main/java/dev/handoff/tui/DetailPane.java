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

    List<AttributedString> lines(QueueEntry e, int width, Instant now, int maxLines) {
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
                + "   waiting " + Durations.waited(e, now)
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

    private AttributedStyle style(AttributedStyle s) {
        return settings.color() ? s : AttributedStyle.DEFAULT;
    }
}
