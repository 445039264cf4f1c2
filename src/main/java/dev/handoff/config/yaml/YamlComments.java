package dev.handoff.config.yaml;

import java.util.ArrayList;
import java.util.List;

/**
 * The comments of a YAML text, whole-line and end-of-line ({@code key: value  # why}), as written:
 * what a rewrite in canonical form loses and should count. A '#' inside quotes, inside a block
 * scalar's text, or not after a blank (a URL's fragment, {@code C#}) starts no comment.
 */
public final class YamlComments {

    private YamlComments() {
    }

    public static List<String> of(String text) {
        List<String> comments = new ArrayList<>();
        int blockIndent = -1; // the indentation of the key whose block scalar (| or >) is being read, else -1
        for (String line : text.lines().toList()) {
            int indent = indentation(line);
            boolean blank = line.isBlank();
            if (blockIndent >= 0) {
                if (blank || indent > blockIndent) {
                    continue; // the block's own text
                }
                blockIndent = -1;
            }
            String comment = comment(line);
            if (comment != null) {
                comments.add(comment);
            }
            String content = comment == null ? line : line.substring(0, line.length() - comment.length());
            if (content.stripTrailing().matches(".*(:|-)\\s+[|>][-+0-9]*")) {
                blockIndent = indent;
            }
        }
        return comments;
    }

    /** The comment of one line, from its '#' to its end, or null. */
    private static String comment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote) {
                    if (quote == '\'' && i + 1 < line.length() && line.charAt(i + 1) == '\'') {
                        i++; // '' is a quote inside a single-quoted text
                    } else {
                        quote = 0;
                    }
                }
            } else if (c == '#' && (i == 0 || line.charAt(i - 1) == ' ' || line.charAt(i - 1) == '\t')) {
                return line.substring(i);
            } else if ((c == '"' || c == '\'') && (i == 0 || " \t:-[{,".indexOf(line.charAt(i - 1)) >= 0)) {
                quote = c;
            }
        }
        return null;
    }

    private static int indentation(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
