package dev.handoff.tui;

import org.jline.utils.AttributedString;

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
        if (width <= 0) {
            return "";
        }
        if (narrow(s)) {
            return s.length() <= width ? s : s.substring(0, width - 1) + "\u2026";
        }
        AttributedString a = new AttributedString(s);
        if (a.columnLength() <= width) {
            return s;
        }
        return a.columnSubSequence(0, width - 1) + "\u2026";
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

    static List<String> hardWrap(String s, int width) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < s.length(); i += width) {
            parts.add(s.substring(i, Math.min(s.length(), i + width)));
        }
        return parts;
    }
}
