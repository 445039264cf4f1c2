package dev.handoff.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * The warnings of one run, as every report shows them: the run's own (a value the documented rules
 * refuse, a file not read, ...), the labels the configuration does not have, the YAML files skipped.
 * One list for all reports, so that no report (a pull-request comment, a JUnit file, a comparison)
 * shows a gate passed while leaving out the warning that its figures may not be the file's.
 */
public final class ReportWarnings {

    private ReportWarnings() {
    }

    public static List<String> of(Summary s) {
        List<String> w = new ArrayList<>(s.warnings());
        w.addAll(s.unknownLabelWarnings());
        if (!s.skippedFiles().isEmpty()) {
            w.add("skipped " + Format.plural(s.skippedFiles().size(), "YAML file") + " that are not transcripts: "
                    + String.join(", ", s.skippedFiles().stream().limit(5).toList()) + (s.skippedFiles().size() > 5 ? ", …" : ""));
        }
        return w;
    }
}
