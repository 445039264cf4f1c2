package dev.handoff.eval;

import java.util.Locale;

/** Number and text formatting shared by the human-readable reports. */
final class Format {

    private Format() {
    }

    static String pct(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    static String interval(Wilson w) {
        return w == null ? "" : String.format(Locale.ROOT, "%.1f–%.1f%%", w.low() * 100, w.high() * 100);
    }

    static String quote(String text, int max) {
        if (text == null) {
            return "";
        }
        String s = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        if (s.codePointCount(0, s.length()) > max) {
            s = s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
        }
        return "\"" + s + "\"";
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
