package dev.handoff.text;

import java.util.regex.Pattern;

/** A word of a command printed for the user to paste into a POSIX shell: quoted only when it must be. */
public final class ShellWords {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellWords() {
    }

    /** {@code guidelines/a.yaml} as it is; {@code sp ace/it's.yaml} as {@code 'sp ace/it'\''s.yaml'}. */
    public static String quote(String word) {
        if (word != null && PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + (word == null ? "" : word.replace("'", "'\\''")) + "'";
    }
}
