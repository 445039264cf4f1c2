package dev.handoff.secret;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A secret inside base64-encoded text, in the standard or the URL-safe alphabet, with or without
 * padding: {@code Basic base64(user:token)} echoed in an error, a token in a base64url claim.
 *
 * <p>Base64 turns each 3 bytes into 4 characters, so the token's encoding inside a longer text
 * depends on where the token starts modulo 3. For each of the three offsets, the groups made only
 * of the token's bytes encode to a fixed string, whatever surrounds the token: base64 of any text
 * containing the token contains one of these three strings. Around it, the one or two groups the
 * token shares with its neighbours have characters that carry bits of the token; each of them can
 * take only a few values, which are listed, so they are masked too and no bit of the token stays
 * visible. The bits of the neighbours in those characters are lost with them.
 */
final class Base64Forms {

    /**
     * Shorter secrets are not looked for: the fixed part of a 12-byte secret's encoding is 12
     * characters, about 72 bits, which no other text produces by chance; a shorter one would.
     */
    static final int MIN_BYTES = 12;

    private static final String STANDARD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final String URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /**
     * One offset's encoding.
     *
     * @param inners the fixed part in each alphabet (one string when they agree)
     * @param before the characters just before it, nearest last, each as the set of values it may take
     * @param after  the characters just after it, nearest first, likewise
     */
    private record Form(List<String> inners, List<String> before, List<String> after) {
    }

    private final List<Form> forms;

    private Base64Forms(List<Form> forms) {
        this.forms = forms;
    }

    /** The forms of a secret, or null when it is too short to be told apart from other base64 text. */
    static Base64Forms of(String secret) {
        byte[] b = secret.getBytes(StandardCharsets.UTF_8);
        if (b.length < MIN_BYTES) {
            return null;
        }
        List<Form> forms = new ArrayList<>();
        for (int head : new int[] {0, 2, 1}) { // the token's bytes in the group it shares with what precedes it
            int full = (b.length - head) / 3;
            int tail = b.length - head - 3 * full;
            List<String> before = new ArrayList<>();
            if (head == 2) { // [x, T0, T1]: 2 bits of x and 4 of T0, then 4+2 and 6 bits of the token
                before.add(chars((b[0] & 0xff) >> 4, 16, 4));
                before.add(chars(((b[0] & 0x0f) << 2) | ((b[1] & 0xff) >> 6), 0, 1));
                before.add(chars(b[1] & 0x3f, 0, 1));
            } else if (head == 1) { // [x, y, T0]: 4 bits of y and 2 of T0, then 6 bits of T0
                before.add(chars((b[0] & 0xff) >> 6, 4, 16));
                before.add(chars(b[0] & 0x3f, 0, 1));
            }
            int last = head + 3 * full;
            List<String> after = new ArrayList<>();
            if (tail >= 1) { // [Tn, ...]: 6 bits of Tn, then its last 2 with what follows
                after.add(chars((b[last] & 0xff) >> 2, 0, 1));
            }
            if (tail == 1) { // [Tn, a, b]: 2 bits of Tn, 4 of a
                after.add(chars((b[last] & 0x03) << 4, 1, 16));
            } else if (tail == 2) { // [Tn, Tn1, a]: 2+4 bits of the token, then 4 of Tn1 and 2 of a
                after.add(chars(((b[last] & 0x03) << 4) | ((b[last + 1] & 0xff) >> 4), 0, 1));
                after.add(chars((b[last + 1] & 0x0f) << 2, 1, 4));
            }
            String standard = encode(b, head, full, STANDARD);
            String urlSafe = encode(b, head, full, URL_SAFE);
            forms.add(new Form(standard.equals(urlSafe) ? List.of(standard) : List.of(standard, urlSafe),
                    List.copyOf(before), List.copyOf(after)));
        }
        return new Base64Forms(List.copyOf(forms));
    }

    String mask(String text, String mask) {
        List<int[]> ranges = new ArrayList<>();
        for (Form f : forms) {
            for (String inner : f.inners()) {
                for (int i = text.indexOf(inner); i >= 0; i = text.indexOf(inner, i + 1)) {
                    int start = i;
                    for (int k = f.before().size() - 1; k >= 0 && start > 0 && f.before().get(k).indexOf(text.charAt(start - 1)) >= 0; k--) {
                        start--;
                    }
                    int end = i + inner.length();
                    for (int k = 0; k < f.after().size() && end < text.length() && f.after().get(k).indexOf(text.charAt(end)) >= 0; k++) {
                        end++;
                    }
                    ranges.add(new int[] {start, end});
                }
            }
        }
        return EncodedForms.replace(text, ranges, mask);
    }

    /**
     * The characters, in both alphabets, of the 6-bit values {@code base + k * step} for
     * {@code k < count}: the values a character may take when some of its bits come from the
     * token's neighbours.
     */
    private static String chars(int base, int step, int count) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < count; k++) {
            int v = base + k * step;
            s.append(STANDARD.charAt(v));
            if (URL_SAFE.charAt(v) != STANDARD.charAt(v)) {
                s.append(URL_SAFE.charAt(v));
            }
        }
        return s.toString();
    }

    /** The base64 of {@code groups} whole groups of 3 bytes from {@code from}, without padding. */
    private static String encode(byte[] b, int from, int groups, String alphabet) {
        StringBuilder s = new StringBuilder(groups * 4);
        for (int g = 0; g < groups; g++) {
            int n = ((b[from + 3 * g] & 0xff) << 16) | ((b[from + 3 * g + 1] & 0xff) << 8) | (b[from + 3 * g + 2] & 0xff);
            for (int shift = 18; shift >= 0; shift -= 6) {
                s.append(alphabet.charAt((n >> shift) & 0x3f));
            }
        }
        return s.toString();
    }
}
