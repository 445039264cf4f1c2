package dev.handoff.diff;

import dev.handoff.text.Styled;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The changed words of a long text, in {@code git diff --word-diff=plain} style:
 * {@code [-removed-]{+added+}}, with long unchanged stretches cut to a few words of context.
 */
public final class WordDiff {

    /** Texts longer than this are shown word by word rather than old and new in full. */
    public static final int LONG_TEXT = 60;
    private static final int CONTEXT = 5;

    private WordDiff() {
    }

    enum Kind { SAME, DELETE, INSERT }

    record Run(Kind kind, List<String> words) {
    }

    public static boolean isLong(String a, String b) {
        return a.length() > LONG_TEXT || b.length() > LONG_TEXT;
    }

    /**
     * The words come from files and servers: each is added as text, so a control character in one
     * is shown escaped ({@link Styled}), never obeyed.
     *
     * @param color ANSI colours instead of the bracket markers
     */
    public static Styled render(String from, String to, boolean color) {
        Styled.Builder sb = Styled.builder(color);
        List<Run> runs = runs(words(from), words(to));
        if (runs.stream().allMatch(r -> r.kind() == Kind.SAME)) {
            return sb.text("(only whitespace changed)").build();
        }
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            // a replacement reads as one unit: [-old-]{+new+}
            boolean replacement = i > 0 && runs.get(i - 1).kind() == Kind.DELETE && run.kind() == Kind.INSERT;
            if (i > 0 && !replacement) {
                sb.text(" ");
            }
            List<String> w = run.words();
            switch (run.kind()) {
                case DELETE -> {
                    if (color) {
                        sb.paint(Styled.RED, String.join(" ", w));
                    } else {
                        sb.text("[-" + String.join(" ", w) + "-]");
                    }
                }
                case INSERT -> {
                    if (color) {
                        sb.paint(Styled.GREEN, String.join(" ", w));
                    } else {
                        sb.text("{+" + String.join(" ", w) + "+}");
                    }
                }
                case SAME -> sb.text(same(w, i == 0, i == runs.size() - 1));
            }
        }
        return sb.build();
    }

    /** Unchanged words, long stretches cut to a few words of context on the side of each change. */
    private static String same(List<String> w, boolean first, boolean last) {
        int keepBefore = first ? 0 : CONTEXT;
        int keepAfter = last ? 0 : CONTEXT;
        if (w.size() <= keepBefore + keepAfter + 1) {
            return String.join(" ", w);
        }
        List<String> parts = new ArrayList<>();
        if (keepBefore > 0) {
            parts.add(String.join(" ", w.subList(0, keepBefore)));
        }
        parts.add("…");
        if (keepAfter > 0) {
            parts.add(String.join(" ", w.subList(w.size() - keepAfter, w.size())));
        }
        return String.join(" ", parts);
    }

    static List<String> words(String text) {
        String t = text.strip();
        return t.isEmpty() ? List.of() : Arrays.asList(t.split("\\s+"));
    }

    /** Longest common subsequence of words; texts are at most a few hundred words (2000 characters). */
    static List<Run> runs(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Run> runs = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                add(runs, Kind.SAME, a.get(i));
                i++;
                j++;
            } else if (j < m && (i == n || lcs[i][j + 1] > lcs[i + 1][j])) {
                add(runs, Kind.INSERT, b.get(j++));
            } else {
                add(runs, Kind.DELETE, a.get(i++));
            }
        }
        return reorder(runs);
    }

    private static void add(List<Run> runs, Kind kind, String word) {
        if (!runs.isEmpty() && runs.get(runs.size() - 1).kind() == kind) {
            runs.get(runs.size() - 1).words().add(word);
        } else {
            List<String> words = new ArrayList<>();
            words.add(word);
            runs.add(new Run(kind, words));
        }
    }

    /** Puts each deletion before the insertion next to it, so a replaced phrase reads [-old-]{+new+}. */
    private static List<Run> reorder(List<Run> runs) {
        List<Run> out = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            if (r.kind() == Kind.INSERT && i + 1 < runs.size() && runs.get(i + 1).kind() == Kind.DELETE) {
                out.add(runs.get(i + 1));
                out.add(r);
                i++;
            } else {
                out.add(r);
            }
        }
        return out;
    }
}
