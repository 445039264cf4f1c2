package dev.handoff.secret;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ways a server may echo a secret: as is, percent-encoded (form style with {@code +} for a
 * space, or RFC 3986 with {@code %20}; either hex case; whatever set of characters the encoder
 * leaves alone), JSON-escaped (with or without {@code \/}; non-ASCII and {@code <>&} as
 * {@code \u00e9} in either case, as Python, PHP, Go and Jackson do), with HTML entities
 * ({@code &amp;}, {@code &#039;}, {@code &#x2F;}), or base64-encoded inside a longer text
 * ({@link Base64Forms}).
 *
 * <p>A pattern accepts, for each character, any of these forms, so an encoder that escapes a set
 * of characters nobody enumerated is still matched, and letters in either case. ASCII letters and digits stand for themselves
 * in every form, which gives a cheap test before the pattern runs.
 */
final class EncodedForms {

    /**
     * The most characters one pattern spells out: the matcher recurses per character, and a
     * pattern for a 2 KB token escaped as JSON could exhaust the stack. A longer secret is split
     * into chunks of at most this size, each matched on its own in every form, and the masks of
     * adjacent chunks make one.
     */
    static final int CHUNK = 128;

    /**
     * What may stand just before a short secret: no letter, digit, '_' or '-' (so "t0k3" is not
     * masked inside "st0k3r"), or the end of an escape, whose last characters are word characters
     * although the escape itself separates words: {@code %22}, {@code \u0022}, {@code \n}. (After a
     * secret every escape begins with '%', '\' or '&', which is no word character already.)
     */
    private static final String BEFORE_STANDALONE =
            "(?:(?<![\\w-])|(?<=%\\p{XDigit}{2})|(?<=\\\\u\\p{XDigit}{4})|(?<=\\\\[nrtbf]))";

    private final List<Chunk> chunks;
    private final Base64Forms base64;

    private record Chunk(Pattern pattern, String anchor, boolean exactCase) {
    }

    private EncodedForms(List<Chunk> chunks, Base64Forms base64) {
        this.chunks = chunks;
        this.base64 = base64;
    }

    /** @param standalone match only where the secret is not part of a longer word (short secrets) */
    static EncodedForms of(String secret, boolean standalone) {
        List<Chunk> chunks = new ArrayList<>();
        for (String part : split(secret)) {
            StringBuilder regex = new StringBuilder(standalone ? BEFORE_STANDALONE : "");
            part.codePoints().forEach(cp -> regex.append(alternatives(cp)));
            if (standalone) {
                regex.append("(?![\\w-])");
            }
            // either case: an echo in capitals ("INVALID TOKEN K7QZ9W...") shows nearly all of a secret;
            // a short value only as written ("Prod" is no secret's echo in "PROD")
            chunks.add(new Chunk(Pattern.compile(regex.toString(), standalone ? 0 : Pattern.CASE_INSENSITIVE),
                    standalone ? longestAlnumRun(part) : longestAlnumRun(part).toLowerCase(Locale.ROOT), standalone));
        }
        return new EncodedForms(List.copyOf(chunks), Base64Forms.of(secret));
    }

    /**
     * Chunks of equal size (within one code point), never a surrogate pair cut in two: a last
     * chunk of one character would mask that character everywhere.
     */
    private static List<String> split(String secret) {
        int[] cps = secret.codePoints().toArray();
        int count = (cps.length + CHUNK - 1) / CHUNK;
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int from = (int) ((long) cps.length * i / count);
            int to = (int) ((long) cps.length * (i + 1) / count);
            parts.add(new String(cps, from, to - from));
        }
        return parts;
    }

    /**
     * Matches are looked for in the text as given and masked together: masking one chunk before
     * looking for the next would cut the next one apart in a secret that repeats itself
     * ("ab/ab/ab/..."). A whole secret is each start of the first chunk followed by the others in
     * turn; each chunk is also masked on its own, for an echo cut short.
     */
    String mask(String text, String mask) {
        List<Matcher> matchers = new ArrayList<>(chunks.size());
        String lower = text.toLowerCase(Locale.ROOT);
        for (Chunk c : chunks) {
            boolean candidate = c.anchor().isEmpty() || (c.exactCase() ? text : lower).contains(c.anchor());
            matchers.add(candidate ? c.pattern().matcher(text).useTransparentBounds(true) : null);
        }
        List<int[]> ranges = new ArrayList<>();
        Matcher first = matchers.get(0);
        if (!matchers.contains(null)) {
            // past a whole secret the search goes on after it; past a false start, one character on
            for (int from = 0; from <= text.length() && first.find(from); ) {
                int end = rest(matchers, first.end(), text.length());
                if (end >= 0) {
                    ranges.add(new int[] {first.start(), end});
                    from = end;
                } else {
                    from = first.start() + 1;
                }
            }
        }
        for (int k = chunks.size() > 1 ? 0 : 1; k < matchers.size(); k++) {
            Matcher m = matchers.get(k);
            if (m != null) {
                for (m.reset(); m.find(); ) {
                    ranges.add(new int[] {m.start(), m.end()});
                }
            }
        }
        String out = replace(text, ranges, mask);
        return base64 == null ? out : base64.mask(out, mask);
    }

    /** Where the chunks after the first end when they follow each other from {@code at}, or -1. */
    private static int rest(List<Matcher> matchers, int at, int length) {
        int pos = at;
        for (int k = 1; k < matchers.size(); k++) {
            Matcher m = matchers.get(k);
            if (!m.region(pos, length).lookingAt()) {
                return -1;
            }
            pos = m.end();
        }
        return pos;
    }

    /**
     * The text with each range replaced by one mask; ranges that overlap or touch make one mask,
     * so the chunks of one secret read as one secret.
     */
    static String replace(String text, List<int[]> ranges, String mask) {
        if (ranges.isEmpty()) {
            return text;
        }
        ranges.sort((x, y) -> Integer.compare(x[0], y[0]));
        StringBuilder out = new StringBuilder();
        int done = -1;
        for (int[] r : ranges) {
            if (r[0] > done) {
                out.append(text, Math.max(done, 0), r[0]).append(mask);
                done = r[1];
            } else if (r[1] > done) {
                done = r[1];
            }
        }
        return out.append(text, done, text.length()).toString();
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
}
