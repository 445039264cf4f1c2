package dev.handoff.tui;

import org.jline.utils.AttributedString;
import org.jline.utils.WCWidth;

import java.util.ArrayList;
import java.util.List;

/** Fitting text into terminal columns: cut with an ellipsis, pad, wrap. Widths are display columns. */
final class Cells {

    private Cells() {
    }

    static AttributedString fitLine(AttributedString line, int width) {
        return line.columnLength() <= width ? line : line.columnSubSequence(0, width);
    }

    /**
     * True when every character takes exactly one column (printable ASCII): the common case of a
     * table cell, measured and cut without building an {@link AttributedString} (which copies the
     * text into a char and a style array, twice per cell and frame).
     */
    private static boolean narrow(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** Cut to at most {@code width} columns, with an ellipsis when something was cut. */
    static String cut(String s, int width) {
        return cut(s, width, "\u2026");
    }

    /**
     * Cut to at most {@code width} columns, ending in {@code ellipsis} (one column or more: "..."
     * where only ASCII may be printed) when something was cut.
     */
    static String cut(String s, int width, String ellipsis) {
        if (width <= 0) {
            return "";
        }
        int room = Math.max(0, width - ellipsis.length());
        if (narrow(s)) {
            return s.length() <= width ? s : s.substring(0, room) + ellipsis.substring(0, Math.min(ellipsis.length(), width));
        }
        AttributedString a = new AttributedString(s);
        if (a.columnLength() <= width) {
            return s;
        }
        // a wide character that would straddle the cut is left out whole; pad() fills the column it leaves
        return a.columnSubSequence(0, room) + ellipsis.substring(0, Math.min(ellipsis.length(), width));
    }

    /**
     * The end of {@code s} in at most {@code width} columns, starting with "…" when its start was cut:
     * for text whose end matters (what is being typed). A wide character is never split.
     */
    static String cutFront(String s, int width) {
        if (width <= 0) {
            return "";
        }
        if (columns(s) <= width) {
            return s;
        }
        int room = width - 1;
        int start = s.length();
        int used = 0;
        while (start > 0) {
            int cp = s.codePointBefore(start);
            int w = Math.max(0, WCWidth.wcwidth(cp));
            if (used + w > room) {
                break;
            }
            used += w;
            start -= Character.charCount(cp);
        }
        return "\u2026" + s.substring(start);
    }

    static String pad(String s, int width) {
        if (narrow(s)) {
            return s.length() >= width ? cut(s, width) : s + " ".repeat(width - s.length());
        }
        String c = cut(s, width);
        int w = new AttributedString(c).columnLength();
        return w >= width ? c : c + " ".repeat(width - w);
    }

    static String padLeft(String s, int width) {
        if (narrow(s)) {
            return s.length() >= width ? cut(s, width) : " ".repeat(width - s.length()) + s;
        }
        String c = cut(s, width);
        int w = new AttributedString(c).columnLength();
        return w >= width ? c : " ".repeat(width - w) + c;
    }

    /**
     * Word wrap to {@code width} display columns: a CJK character takes two, an emoji two, a
     * combining mark none. A word wider than a line is broken between characters, never inside a
     * surrogate pair or a wide character (a half emoji shows as '?').
     */
    static List<String> wrap(String text, int width) {
        int w = Math.max(2, width); // a wide character needs two columns, or no line would take it
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int lineColumns = 0;
        for (String word : text.split(" +")) {
            if (word.isEmpty()) {
                continue;
            }
            int wordColumns = columns(word);
            if (lineColumns > 0 && lineColumns + 1 + wordColumns > w) {
                lines.add(line.toString());
                line.setLength(0);
                lineColumns = 0;
            }
            if (wordColumns > w) {
                if (lineColumns > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                    lineColumns = 0;
                }
                int i = 0;
                while (i < word.length()) {
                    int cp = word.codePointAt(i);
                    int cw = Math.max(0, WCWidth.wcwidth(cp));
                    if (lineColumns + cw > w) {
                        lines.add(line.toString());
                        line.setLength(0);
                        lineColumns = 0;
                    }
                    line.appendCodePoint(cp);
                    lineColumns += cw;
                    i += Character.charCount(cp);
                }
                continue;
            }
            if (lineColumns > 0) {
                line.append(' ');
                lineColumns++;
            }
            line.append(word);
            lineColumns += wordColumns;
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** Display columns of a string (control characters count none: shown text is cleaned first). */
    static int columns(String s) {
        return narrow(s) ? s.length() : new AttributedString(s).columnLength();
    }

    static List<String> hardWrap(String s, int width) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < s.length(); i += width) {
            parts.add(s.substring(i, Math.min(s.length(), i + width)));
        }
        return parts;
    }
}
