package dev.handoff.secret;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The ways a server may echo a secret: as is, percent-encoded (form style with {@code +} for a
 * space, or RFC 3986 with {@code %20}; either hex case; whatever set of characters the encoder
 * leaves alone), JSON-escaped (with or without {@code \/}; non-ASCII and {@code <>&} as
 * {@code \u00e9} in either case, as Python, PHP, Go and Jackson do), or with HTML entities
 * ({@code &amp;}, {@code &#039;}).
 *
 * <p>One pattern per secret accepts, for each character, any of these forms, so an encoder that
 * escapes a set of characters nobody enumerated is still matched. ASCII letters and digits stand
 * for themselves in every form, which gives a cheap test before the pattern runs.
 */
final class EncodedForms {

    /**
     * Past this length a secret is matched through a fixed list of forms instead: the pattern's
     * matcher recurses per character, and a long JSON secret could exhaust the stack.
     */
    private static final int PATTERN_LIMIT = 256;

    private final Pattern pattern;
    private final String anchor;
    private final List<String> fixed;

    private EncodedForms(Pattern pattern, String anchor, List<String> fixed) {
        this.pattern = pattern;
        this.anchor = anchor;
        this.fixed = fixed;
    }

    /** @param standalone match only where the secret is not part of a longer word (short secrets) */
    static EncodedForms of(String secret, boolean standalone) {
        if (secret.length() > PATTERN_LIMIT) {
            return new EncodedForms(null, null, fixedForms(secret));
        }
        StringBuilder regex = new StringBuilder(standalone ? "(?<![\\w-])" : "");
        secret.codePoints().forEach(cp -> regex.append(alternatives(cp)));
        if (standalone) {
            regex.append("(?![\\w-])");
        }
        return new EncodedForms(Pattern.compile(regex.toString()), longestAlnumRun(secret), List.of());
    }

    String mask(String text, String mask) {
        if (pattern == null) {
            String out = text;
            for (String form : fixed) {
                out = out.replace(form, mask);
            }
            return out;
        }
        if (!anchor.isEmpty() && !text.contains(anchor)) {
            return text;
        }
        return pattern.matcher(text).replaceAll(java.util.regex.Matcher.quoteReplacement(mask));
    }

    private static String alternatives(int cp) {
        if (cp < 0x80 && Character.isLetterOrDigit(cp)) {
            return Character.toString(cp);
        }
        List<String> forms = new ArrayList<>();
        forms.add(Pattern.quote(Character.toString(cp)));
        forms.add(percent(cp));
        if (cp == ' ') {
            forms.add("\\+");
        }
        String json = switch (cp) {
            case '"' -> "\\\\\"";
            case '\\' -> "\\\\\\\\";
            case '/' -> "\\\\/";
            case '\n' -> "\\\\n";
            case '\t' -> "\\\\t";
            case '\r' -> "\\\\r";
            case '\b' -> "\\\\b";
            case '\f' -> "\\\\f";
            default -> null;
        };
        if (json != null) {
            forms.add(json);
        }
        StringBuilder unicode = new StringBuilder();
        for (char c : Character.toChars(cp)) {
            unicode.append("\\\\u(?i:").append(String.format(Locale.ROOT, "%04x", (int) c)).append(')');
        }
        forms.add(unicode.toString());
        switch (cp) {
            case '&' -> forms.add("&amp;");
            case '<' -> forms.add("&lt;");
            case '>' -> forms.add("&gt;");
            case '"' -> forms.add("&quot;");
            case '\'' -> forms.add("&apos;");
            default -> {
            }
        }
        forms.add("&#0*" + cp + ";");
        forms.add("&#(?i:x0*" + Integer.toHexString(cp) + ");");
        return "(?:" + String.join("|", forms) + ")";
    }

    /** The UTF-8 bytes as {@code %XX}, hex in either case. */
    private static String percent(int cp) {
        StringBuilder b = new StringBuilder("(?i:");
        for (byte x : Character.toString(cp).getBytes(StandardCharsets.UTF_8)) {
            b.append('%').append(String.format(Locale.ROOT, "%02x", x & 0xff));
        }
        return b.append(')').toString();
    }

    private static String longestAlnumRun(String s) {
        String best = "";
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            boolean alnum = i < s.length() && s.charAt(i) < 0x80 && Character.isLetterOrDigit(s.charAt(i));
            if (!alnum) {
                if (i - start > best.length()) {
                    best = s.substring(start, i);
                }
                start = i + 1;
            }
        }
        return best;
    }

    /** The common forms of a long secret, spelt out. */
    private static List<String> fixedForms(String s) {
        String json = jsonEscaped(s);
        String rfc3986 = URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
        return List.of(s, json, json.replace("\\/", "/"), URLEncoder.encode(s, StandardCharsets.UTF_8),
                rfc3986, lowerHex(rfc3986));
    }

    private static String lowerHex(String percentEncoded) {
        return java.util.regex.Pattern.compile("%[0-9A-F]{2}").matcher(percentEncoded)
                .replaceAll(m -> m.group().toLowerCase(Locale.ROOT));
    }

    private static String jsonEscaped(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '/' -> b.append("\\/");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
