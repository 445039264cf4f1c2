package dev.handoff.transcript.importer;

import dev.handoff.error.HandoffException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelMappingTest {

    @Test
    void labelsMatchIgnoringCaseAndMayMapToSeveralCriteriaWithSpaces() {
        LabelMapping m = LabelMapping.parse(List.of("CRITICISM=user_frustration", "criticism=Legal or safety threat",
                " OOS = lack_of_knowledge", "greeting=-"));
        assertThat(m.resolve("Criticism")).isEqualTo(new LabelMapping.Outcome.Handoff(List.of("user_frustration", "Legal or safety threat")));
        assertThat(m.resolve("oos ")).isEqualTo(new LabelMapping.Outcome.Handoff(List.of("lack_of_knowledge")));
        assertThat(m.resolve("GREETING")).isEqualTo(new LabelMapping.Outcome.NoHandoff());
        assertThat(m.resolve("weather")).isEqualTo(new LabelMapping.Outcome.Unmapped());
        assertThat(m.criteria()).containsExactly("user_frustration", "Legal or safety threat", "lack_of_knowledge");
    }

    @Test
    void malformedEntriesAreUsageErrors() {
        assertThatThrownBy(() -> LabelMapping.parse(List.of("CHAT_WITH_AGENT")))
                .isInstanceOf(HandoffException.class).hasMessageContaining("expected LABEL=criterion");
        assertThatThrownBy(() -> LabelMapping.parse(List.of("=asks_for_human")))
                .isInstanceOf(HandoffException.class).hasMessageContaining("'=asks_for_human'");
        assertThatThrownBy(() -> LabelMapping.parse(List.of("A=-", "A=asks_for_human")))
                .isInstanceOf(HandoffException.class).hasMessageContaining("both to '-'");
    }
}
