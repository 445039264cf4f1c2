package dev.handoff.eval;

import dev.handoff.transcript.Message;

/** The user message of a turn as reports show it: media named, on one line, cut to {@link #LIMIT} characters. */
final class ReportedText {

    static final int LIMIT = 200;

    private ReportedText() {
    }

    static String of(Message m) {
        String s = m.textOrEmpty().replaceAll("\\s+", " ").strip();
        if (m.hasMedia()) {
            s = ("[" + m.media().id() + "] " + s).strip();
        }
        if (s.codePointCount(0, s.length()) > LIMIT) {
            s = s.substring(0, s.offsetByCodePoints(0, LIMIT - 1)) + "…";
        }
        return s;
    }
}
