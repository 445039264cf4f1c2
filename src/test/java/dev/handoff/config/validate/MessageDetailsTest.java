package dev.handoff.config.validate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Details of what findings say: labels cut whole, every overlapping day, a hint on every error. */
class MessageDetailsTest {

    @TempDir
    Path dir;

    private List<Finding> findings(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return ConfigValidator.validate(file).findings();
    }

    @Test
    void aLongLabelIsCutBetweenCharactersNotInsideAnEmoji() throws IOException {
        String name = "😀".repeat(50);
        List<Finding> f = findings("emoji.yaml", "x-handoff:\n  provider: quickchat\n"
                + "custom_guidelines:\n  - name: " + name + "\n    description: x\n    is_active: maybe\n");
        Finding active = f.stream().filter(x -> x.path().endsWith(".is_active")).findFirst().orElseThrow();
        assertThat(active.path()).isEqualTo("custom_guidelines[name=" + "😀".repeat(37) + "...].is_active");
        assertThat(active.path().chars().filter(ch -> Character.isSurrogate((char) ch)).count()).isEqualTo(2 * 37);
    }

    @Test
    void everyDayASlotOverlapsIsReported() throws IOException {
        List<Finding> f = findings("av.yaml", "x-handoff:\n  provider: quickchat\navailability:\n"
                + "  - {day_span: monday-friday, start_time: \"08:00\", end_time: \"18:00\"}\n"
                + "  - {day_span: saturday, start_time: \"09:00\", end_time: \"13:00\"}\n"
                + "  - {day_span: friday-monday, start_time: \"12:00\", end_time: \"14:00\"}\n");
        assertThat(f.stream().filter(x -> x.message().startsWith("overlaps")).map(Finding::message)).containsExactly(
                "overlaps the slot at line 4 (monday-friday 08:00-18:00) on monday and friday",
                "overlaps the slot at line 5 (saturday 09:00-13:00) on saturday");
    }

    @Test
    void typeErrorsSayWhatToDo() throws IOException {
        List<Finding> plugit = findings("p.yaml", "x-handoff:\n  provider: plugit\n"
                + "categories:\n  - {title: Sales, disableAI: \"x\"}\n");
        List<Finding> quickchat = findings("q.yaml", "x-handoff:\n  provider: quickchat\n"
                + "settings: {is_active: \"x\"}\n"
                + "routing_profiles:\n  - {name: B, description: d, is_active: true, user_ids: [abc, 1.5]}\n");
        List<Finding> header = findings("h.yaml", "x-handoff: quickchat\nsettings: {is_active: true}\n");
        for (List<Finding> list : List.of(plugit, quickchat, header)) {
            assertThat(list.stream().filter(x -> x.severity() == Finding.Severity.ERROR && x.message().startsWith("expected")))
                    .isNotEmpty().allSatisfy(x -> assertThat(x.hint()).as(x.toString()).isNotBlank());
        }
        assertThat(plugit).anySatisfy(x -> assertThat(x.path() + ": " + x.hint()).isEqualTo("categories[title=Sales].disableAI: write true or false"));
        assertThat(header).anySatisfy(x -> assertThat(x.hint()).isEqualTo("write 'x-handoff: {provider: quickchat}' (or plugit, or caty)"));
    }
}
