package dev.handoff.secret;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Pieces of a secret echoed without the rest: a server that cuts a token in its message
 * ("invalid key sk-live-8f3Kq2...") or quotes its end ("...x9Wv2Lm0 expired"). Any run of the
 * text, in either case, that is a piece of the secret at least {@link #WINDOW} characters long is
 * masked whole, wherever the cut fell, when the piece looks drawn at random (a digit, or both
 * cases): a word inside a secret ("northwind" in "tenant-northwind-5521") is not a secret's piece.
 *
 * <p>Only for secrets of 16 characters or more without spaces or "://": a shorter piece of a
 * token is as unlikely in other text as the token, while pieces of a passphrase ("horse battery")
 * or of a URL ("https://hooks.slack.") occur in ordinary output; a URL's credential parts are
 * registered as secrets of their own.
 *
 * <p>Each piece of the window's length is kept as a hash, and the text is scanned once with a
 * rolling hash, so the cost is one pass per secret whatever the secret's length.
 */
final class Fragments {

    private static final long BASE = 1_000_003L;
    static final int WINDOW = 8;

    private final String secret;
    private final int length;
    private final long power;
    private final Set<Long> hashes = new HashSet<>();

    private Fragments(String secret) {
        this.secret = secret.toLowerCase(Locale.ROOT);
        // 8 characters whatever the secret's length: no 8 characters of a token in a row are shown (a
        // window of half a long token let a 10-character end of a 25-character one through)
        this.length = WINDOW;
        long p = 1;
        for (int i = 1; i < length; i++) {
            p *= BASE;
        }
        this.power = p;
        for (int i = 0; i + length <= this.secret.length(); i++) {
            if (random(secret.substring(i, i + length))) {
                hashes.add(hash(this.secret, i));
            }
        }
    }

    /**
     * The fragments worth looking for of a secret as written and as encoders write it (percent-encoded,
     * JSON-escaped): a piece of "ab/cd+ef..." echoed from a URL reads "ab%2Fcd%2Bef". Empty when the
     * secret is too short or too much like text.
     */
    static List<Fragments> allOf(String secret) {
        // encoded forms first: once the raw pass masked "u2V3" out of "u2V3\/w4", the escaped piece is gone
        Set<String> forms = new java.util.LinkedHashSet<>();
        forms.add(secret.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/"));
        forms.add(java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8));
        forms.add(secret);
        List<Fragments> all = new ArrayList<>();
        boolean textLike = of(secret) == null;
        for (String form : forms) {
            Fragments f = textLike ? null : of(form);
            if (f != null) {
                all.add(f);
            }
        }
        return all;
    }

    /** The fragments of one form of a secret, or null when it is too short or too much like text. */
    static Fragments of(String secret) {
        if (secret.length() < 16 || secret.contains("://") || secret.chars().anyMatch(Character::isWhitespace)
                || secret.length() != secret.codePointCount(0, secret.length())) {
            return null;
        }
        return new Fragments(secret);
    }

    String mask(String text, String mask) {
        if (text.length() < length) {
            return text;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.length() != text.length()) {
            return text; // a case mapping that changes lengths: positions would not line up (no token holds such letters)
        }
        List<int[]> ranges = new ArrayList<>();
        long h = hash(lower, 0);
        for (int i = 0; ; i++) {
            if (hashes.contains(h) && isPiece(lower, i)) {
                ranges.add(grown(lower, i, i + length));
            }
            if (i + length >= lower.length()) {
                break;
            }
            h = (h - lower.charAt(i) * power) * BASE + lower.charAt(i + length);
        }
        // windows that overlap or touch are one piece of the secret: masked as one
        return EncodedForms.replace(text, ranges, mask);
    }

    /**
     * Only pieces that look drawn at random are looked for: with a digit, or letters of both cases.
     * A piece such as "northwind-" of "tenant-northwind-5521" is a word, found in ordinary text.
     */
    private static boolean random(String piece) {
        return piece.chars().anyMatch(Character::isDigit)
                || (piece.chars().anyMatch(Character::isUpperCase) && piece.chars().anyMatch(Character::isLowerCase));
    }

    /**
     * The piece around a window that matched, as far as the text goes on being a piece of the secret:
     * "sk_live_" before "8f3Kq2Vb" is no random piece itself, but it is the secret's too.
     */
    private int[] grown(String lower, int from, int to) {
        while (from > 0 && secret.contains(lower.substring(from - 1, to))) {
            from--;
        }
        while (to < lower.length() && secret.contains(lower.substring(from, to + 1))) {
            to++;
        }
        return new int[] {from, to};
    }

    private boolean isPiece(String lower, int from) {
        String window = lower.substring(from, from + length);
        return secret.contains(window);
    }

    private long hash(String s, int from) {
        long h = 0;
        for (int i = from; i < from + length; i++) {
            h = h * BASE + s.charAt(i);
        }
        return h;
    }
}
