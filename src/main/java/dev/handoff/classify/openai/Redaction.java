package dev.handoff.classify.openai;

import dev.handoff.classify.ApiKey;

/**
 * Keeps the key out of messages built from what a server said: an OpenAI 401 quotes part of the
 * key ("Incorrect API key provided: sk-proj-ab***************wxyz"), and a URL may carry
 * user:password.
 */
final class Redaction {

    static final String MASK = "<redacted>";

    private Redaction() {
    }

    static String text(String text, ApiKey key) {
        if (text == null) {
            return null;
        }
        String s = text;
        String k = key == null ? null : key.reveal();
        if (k != null) {
            // in every form a server may echo it: either case, encoded, cut short, without its prefix
            s = dev.handoff.secret.Redactor.of(k).redact(s);
        }
        StringBuilder out = new StringBuilder();
        for (String word : s.split("(?<=\\s)|(?=\\s)")) {
            out.append(secretLooking(word, k) ? MASK : word);
        }
        return out.toString();
    }

    private static boolean secretLooking(String word, String key) {
        String w = word.strip();
        if (w.isEmpty()) {
            return false;
        }
        if (w.startsWith("sk-") || w.contains("***")) {
            return true;
        }
        if (key != null && key.length() >= 12) {
            return w.contains(key.substring(0, 8)) || w.contains(key.substring(key.length() - 6));
        }
        return false;
    }

    /** A URL without its password or credential query values ({@link dev.handoff.secret.UrlRedaction}). */
    static String url(String u) {
        return dev.handoff.secret.UrlRedaction.shown(u, false);
    }
}
