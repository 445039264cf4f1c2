package dev.handoff.config.validate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lists of tens of thousands of items (a generated file) get the same findings as short ones: the
 * checks that used to compare every item with every other (keywords inside keywords, overlapping
 * slots) now index them, and these tests hold the answers to a plain pairwise comparison. Speed is
 * measured by the bench scripts, not here.
 */
class LargeListsTest {

    private static final String[] DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

    @TempDir
    Path dir;

    @Test
    void aKeywordInsideOthersIsFoundAmongTwentyThousand() throws Exception {
        StringBuilder keywords = new StringBuilder();
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            keywords.append("    - keyword number ").append(i).append(" here\n");
        }
        // line of keyword i is 6 + i
        keywords.append("    - number 7 here\n");      // inside 'keyword number 7 here' only
        keywords.append("    - human agent\n");
        keywords.append("    - live agent now\n");
        keywords.append("    - agent\n");
        for (int i = 0; i < 12; i++) {
            keywords.append("    - call an agent ").append(i).append(" times\n");
        }
        ValidationReport report = ConfigValidator.validate(write(keywords.toString(), ""));
        List<String> containment = report.warnings().stream().filter(f -> f.message().contains(" is part of the keyword"))
                .map(f -> f.location().line() + " " + f.message()).toList();
        int first = 6 + n;
        assertThat(containment).containsExactly(
                first + " 'number 7 here' is part of the keyword 'keyword number 7 here' (line 13), so it fires on everything"
                        + " they do and more",
                (first + 3) + " 'agent' is part of the keywords 'human agent' (line " + (first + 1) + "), 'live agent now' (line "
                        + (first + 2) + "), 'call an agent 0 times' (line " + (first + 4) + "), 'call an agent 1 times' (line "
                        + (first + 5) + "), 'call an agent 2 times' (line " + (first + 6) + "), 'call an agent 3 times' (line "
                        + (first + 7) + "), 'call an agent 4 times' (line " + (first + 8) + "), 'call an agent 5 times' (line "
                        + (first + 9) + "), 'call an agent 6 times' (line " + (first + 10) + "), 'call an agent 7 times' (line "
                        + (first + 11) + "), and 4 more, so it fires on everything they do and more");
    }

    @Test
    void containmentIsWhatComparingEveryPairFinds() {
        Random random = new Random(42);
        List<String> texts = new ArrayList<>();
        while (texts.size() < 400) {
            StringBuilder t = new StringBuilder();
            int length = 1 + random.nextInt(6);
            for (int i = 0; i < length; i++) {
                t.append("ab c".charAt(random.nextInt(4)));
            }
            if (!texts.contains(t.toString())) {
                texts.add(t.toString());
            }
        }
        List<List<Integer>> found = ContainedTexts.containers(texts);
        for (int i = 0; i < texts.size(); i++) {
            List<Integer> expected = new ArrayList<>();
            for (int j = 0; j < texts.size(); j++) {
                if (j != i && texts.get(j).contains(texts.get(i))) {
                    expected.add(j);
                }
            }
            assertThat(found.get(i)).as("texts containing '%s'", texts.get(i)).isEqualTo(expected);
        }
    }

    @Test
    void overlappingSlotsAreWhatComparingEveryPairFinds() throws Exception {
        Random random = new Random(7);
        List<int[]> slots = new ArrayList<>(); // first day, last day, start minute, end minute
        StringBuilder yaml = new StringBuilder("availability:\n");
        for (int i = 0; i < 3000; i++) {
            int first = random.nextInt(7);
            int last = random.nextInt(4) == 0 ? random.nextInt(7) : first;
            int start = random.nextInt(24 * 60 - 1);
            int end = start + 1 + random.nextInt(Math.min(180, 24 * 60 - 1 - start));
            slots.add(new int[] {first, last, start, end});
            yaml.append("  - day_span: ").append(DAYS[first]).append(first == last ? "" : "-" + DAYS[last]).append('\n')
                    .append("    start_time: \"").append(hhmm(start)).append("\"\n")
                    .append("    end_time: \"").append(hhmm(end)).append("\"\n");
        }
        ValidationReport report = ConfigValidator.validate(write("    - speak to a human\n", yaml.toString()));
        List<String> expected = new ArrayList<>();
        for (int j = 0; j < slots.size(); j++) {
            // every day of slot j, under the first earlier slot overlapping it that day
            java.util.TreeMap<Integer, List<String>> byEarlier = new java.util.TreeMap<>();
            for (int day = 0; day < 7; day++) {
                for (int i = 0; i < j && covers(slots.get(j), day); i++) {
                    if (covers(slots.get(i), day) && slots.get(j)[2] < slots.get(i)[3] && slots.get(i)[2] < slots.get(j)[3]) {
                        byEarlier.computeIfAbsent(i, k -> new ArrayList<>()).add(DAYS[day]);
                        break;
                    }
                }
            }
            int later = j;
            byEarlier.forEach((i, days) -> expected.add("availability[" + later + "] overlaps the slot at line " + line(i) + " on "
                    + (days.size() == 1 ? days.get(0) : String.join(", ", days.subList(0, days.size() - 1)) + " and " + days.get(days.size() - 1))));
        }
        List<String> overlaps = report.errors().stream().filter(f -> f.message().startsWith("overlaps"))
                .map(f -> f.path() + " " + f.message().replaceAll(" \\(.*\\)", "")).toList();
        assertThat(expected).hasSizeGreaterThan(1000);
        assertThat(overlaps).containsExactlyElementsOf(expected);
    }

    /** The line of slot i's day_span: the file below puts availability at line 18. */
    private static int line(int slot) {
        return 19 + 3 * slot;
    }

    private static boolean covers(int[] slot, int day) {
        return slot[0] <= slot[1] ? day >= slot[0] && day <= slot[1] : day >= slot[0] || day <= slot[1];
    }

    private static String hhmm(int minute) {
        return String.format("%02d:%02d", minute / 60, minute % 60);
    }

    /** A valid quickchat file with these keyword lines (from line 6) and this availability section (from line 18). */
    private Path write(String keywordLines, String availability) throws Exception {
        Path file = dir.resolve("large.yaml");
        Files.writeString(file, "x-handoff:\n"
                + "  provider: quickchat\n"
                + "settings:\n"
                + "  is_active: true\n"
                + "  keywords:\n"
                + keywordLines
                + "  ai_summary_active: true\n"
                + "  question_message: Would you like to talk to a person?\n"
                + "  confirmation_message: Someone will join shortly.\n"
                + "  confirmation_outside_working_hours_message: We are offline; leave your e-mail.\n"
                + "  working_hours_active: true\n"
                + "  timezone: Europe/Berlin\n"
                + "  send_email_notification: false\n"
                + "  emails: []\n"
                + "generic_guidelines: []\n"
                + "custom_guidelines: []\n"
                + "routing_profiles: []\n"
                + (availability.isEmpty() ? "availability: []\n" : availability));
        return file;
    }
}
