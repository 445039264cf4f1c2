package dev.handoff.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * The warnings of one run, as every report shows them: the run's own (a value the documented rules
 * refuse, a file not read, ...), the labels the configuration does not have or has switched off, the YAML files skipped.
 * One list for all reports, so that no report (a pull-request comment, a JUnit file, a comparison)
 * shows a gate passed while leaving out the warning that its figures may not be the file's.
 */
public final class ReportWarnings {

    private ReportWarnings() {
    }

    public static List<String> of(Summary s) {
        List<String> w = new ArrayList<>(s.warnings());
        w.addAll(labelWarnings(s));
        if (!s.skippedFiles().isEmpty()) {
            w.add("skipped " + Format.plural(s.skippedFiles().size(), "YAML file") + " that are not transcripts: "
                    + String.join(", ", s.skippedFiles().stream().limit(5).toList()) + (s.skippedFiles().size() > 5 ? ", …" : ""));
        }
        return w;
    }

    /**
     * One warning per label name the configuration cannot score as written: "2 transcripts expect
     * criterion 'x', which the configuration does not have; it is not scored", and the same for a
     * criterion it has but switched off, which never fires, so every transcript expecting it is
     * an FN (a recall limit on it can never be met).
     */
    static List<String> labelWarnings(Summary s) {
        List<String> w = new ArrayList<>();
        s.unknownCriteria().forEach((name, n) -> w.add(expect(n) + " criterion '" + name
                + "', which the configuration does not have; it is not scored"));
        s.inactiveCriteria().forEach((name, n) -> w.add(expect(n) + " criterion '" + name
                + "', which is inactive in the configuration, so it never fires and is a false negative wherever a scored"
                + " transcript expects it; activate it, or fix the labels"));
        s.unknownRoutes().forEach((name, n) -> w.add(expect(n) + " route '" + name
                + "', which is not a routing profile of the configuration"));
        return w;
    }

    /**
     * Whether a warning read back from a JSON report is one {@link #of} makes again from the outcomes and the skipped
     * files (merge counts the labels anew): kept, it would be listed twice.
     */
    public static boolean derived(String warning) {
        return warning.matches("\\d+ transcripts? expects? (criterion|route) '.*', which (the configuration does not have; it is not"
                + " scored|is inactive in the configuration, .*|is not a routing profile of the configuration)")
                || warning.matches("skipped \\d+ YAML files? that are not transcripts: .*");
    }

    private static String expect(long n) {
        return Format.plural(n, "transcript") + (n == 1 ? " expects" : " expect");
    }
}
