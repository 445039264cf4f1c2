package dev.handoff.eval;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/** Colour for the text report, through JLine's ANSI styles; plain text when colour is off. */
final class Styler {

    private final boolean color;

    Styler(boolean color) {
        this.color = color;
    }

    String bold(String s) {
        return style(s, AttributedStyle.BOLD);
    }

    String red(String s) {
        return style(s, AttributedStyle.DEFAULT.foreground(AttributedStyle.RED).bold());
    }

    String green(String s) {
        return style(s, AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN).bold());
    }

    String yellow(String s) {
        return style(s, AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW));
    }

    String dim(String s) {
        return style(s, AttributedStyle.DEFAULT.faint());
    }

    private String style(String s, AttributedStyle style) {
        return color ? new AttributedString(s, style).toAnsi() : s;
    }
}
