package dev.handoff.tui;

import dev.handoff.text.Invisible;

/**
 * Text from webhooks and remote APIs is untrusted: a name or summary could carry escape
 * sequences that would move the cursor or retitle the terminal. Everything shown goes through here.
 */
final class Text {

    private Text() {
    }

    /**
     * Control characters and bidirectional overrides/isolates (which would reorder the rest of the
     * row on screen) removed, line breaks (U+2028 and U+2029 too) and tabs turned into spaces;
     * null becomes "". Zero-width joiners and variation selectors are removed as well: a terminal
     * draws "family" emoji joined by U+200D as one glyph where the screen's width count sees four,
     * and a row drawn wider or narrower than counted garbles the rows after it on a redraw.
     */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (skinTone(s, i)) {
                if (sb == null) {
                    sb = new StringBuilder(s.length());
                    sb.append(s, 0, i);
                }
                i++; // both halves of the modifier
                continue;
            }
            boolean control = Invisible.isHidden(c) || c == '\u2028' || c == '\u2029' || zeroWidth(c);
            if (control) {
                if (sb == null) {
                    sb = new StringBuilder(s.length());
                    sb.append(s, 0, i);
                }
                if (c == '\n' || c == '\r' || c == '\t' || c == '\u2028' || c == '\u2029') {
                    sb.append(' ');
                }
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /**
     * Zero-width space, non-joiner, joiner, word joiner, BOM, the variation selectors, and the
     * low surrogates of the emoji skin-tone modifiers (U+1F3FB..U+1F3FF, after a high surrogate
     * U+D83C that is then dropped too): terminals draw "thumbs up, medium skin tone" as one glyph
     * where the width count sees two.
     */
    private static boolean zeroWidth(char c) {
        return (c >= '\u200B' && c <= '\u200D') || c == '\u2060' || c == '\uFEFF' || (c >= '\uFE00' && c <= '\uFE0F');
    }

    private static boolean skinTone(String s, int i) {
        return s.charAt(i) == '\uD83C' && i + 1 < s.length() && s.charAt(i + 1) >= '\uDFFB' && s.charAt(i + 1) <= '\uDFFF';
    }

    /** True when the string is safe inside an OSC 8 hyperlink: printable ASCII only. */
    static boolean isPlainUrl(String url) {
        if (url == null || url.isEmpty()) {
            return false;
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return url.startsWith("https://") || url.startsWith("http://");
    }
}
