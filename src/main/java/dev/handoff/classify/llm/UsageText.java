package dev.handoff.classify.llm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "usage" and "cost" lines of an LLM classifier's description, written by the run and summed by
 * {@code report merge}: each shard of a sharded run pays for its own turns, so the whole run's usage
 * is the sum (showing the first shard's understated the cost by the number of shards).
 */
public final class UsageText {

    public static final String USAGE = "usage";
    public static final String COST = "cost";

    private static final Pattern USAGE_TEXT = Pattern.compile(
            "([\\d,]+) requests, ([\\d,]+) prompt tokens \\(([\\d,]+) cached, \\d+%\\), ([\\d,]+) completion tokens");
    private static final Pattern COST_TEXT = Pattern.compile(
            "\\$([\\d.]+) this run; about \\$([\\d.]+) to ask every turn again after editing one criterion \\(([\\d,]+) turns\\)");

    private UsageText() {
    }

    /** "120 requests, 54,000 prompt tokens (40,000 cached, 74%), 3,000 completion tokens". */
    public static String usage(long requests, long prompt, long cached, long completion) {
        double share = prompt == 0 ? 0 : (double) cached / prompt;
        return String.format(Locale.ROOT, "%,d requests, %,d prompt tokens (%,d cached, %.0f%%), %,d completion tokens",
                requests, prompt, cached, 100 * share, completion);
    }

    /** "$0.0123 this run; about $0.0456 to ask every turn again after editing one criterion (300 turns)". */
    public static String cost(double run, double rerun, long turns) {
        return String.format(Locale.ROOT, "$%.4f this run; about $%.4f to ask every turn again after editing one criterion (%,d turns)",
                run, rerun, turns);
    }

    /**
     * The sums of the usage and cost lines of several runs' descriptions, for the keys every
     * description holds in the form written here; a key some lack or hold in another form is left out.
     */
    public static Map<String, String> sum(List<Map<String, String>> describes) {
        Map<String, String> out = new LinkedHashMap<>();
        long[] u = new long[4];
        double[] c = new double[3];
        boolean usage = !describes.isEmpty();
        boolean cost = !describes.isEmpty();
        for (Map<String, String> d : describes) {
            usage &= add(USAGE_TEXT, d.get(USAGE), u, null);
            cost &= add(COST_TEXT, d.get(COST), null, c);
        }
        if (usage) {
            out.put(USAGE, usage(u[0], u[1], u[2], u[3]));
        }
        if (cost) {
            out.put(COST, cost(c[0], c[1], (long) c[2]));
        }
        return out;
    }

    private static boolean add(Pattern form, String text, long[] counts, double[] amounts) {
        if (text == null) {
            return false;
        }
        Matcher m = form.matcher(text);
        if (!m.matches()) {
            return false;
        }
        for (int i = 1; i <= m.groupCount(); i++) {
            String n = m.group(i).replace(",", "");
            if (counts != null) {
                counts[i - 1] += Long.parseLong(n);
            } else {
                amounts[i - 1] += Double.parseDouble(n);
            }
        }
        return true;
    }
}
