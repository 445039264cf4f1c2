package dev.handoff.eval;

import dev.handoff.text.Invisible;
import java.util.Locale;

/** Number and text formatting shared by the human-readable reports. */
final class Format {

    private Format() {
    }

    static String pct(Double v) {
        return v == null ? "-" : number(v * 100) + "%";
    }

    static String interval(Wilson w) {
        return w == null ? "" : number(w.low() * 100) + "–" + number(w.high() * 100) + "%";
    }

    /** One decimal; two significant digits below 1%, so 0.00038% does not read as 0.0%. */
    static String number(double percent) {
        if (percent < 1e-9) {
            return "0.0";
        }
        if (percent < 1) {
            return new java.math.BigDecimal(percent).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.1f", percent);
    }

    /**
     * One line without control characters (escape sequences lose their ESC) or bidirectional
     * overrides and isolates: what a transcript or file puts into a report line, a bad
     * transcript's message or a warning, must not recolour a terminal or reorder a pull-request
     * comment.
     */
    static String plainLine(String text) {
        return text == null ? null : Invisible.HIDDEN.matcher(text).replaceAll(" ").strip();
    }

    static String quote(String text, int max) {
        if (text == null) {
            return "";
        }
        // bidirectional overrides and isolates too: in a terminal or a pull-request comment they reorder what follows
        return "\"" + cut(Invisible.HIDDEN_OR_SPACE.matcher(text).replaceAll(" ").strip(), max) + "\"";
    }

    /** {@code text} if it has at most {@code max} characters (an emoji is one), else its first max - 1 and "…". */
    static String cut(String text, int max) {
        if (text == null || text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }

    static String pad(String s, int width) {
        int n = s.codePointCount(0, s.length());
        return n >= width ? s : s + " ".repeat(width - n);
    }

    static String padLeft(String s, int width) {
        int n = s.codePointCount(0, s.length());
        return n >= width ? s : " ".repeat(width - n) + s;
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
