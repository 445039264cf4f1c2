package dev.handoff.classify.keywords;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeywordMatcherTest {

    @ParameterizedTest(name = "''{0}'' in ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            agent            | I want an agent                     | true
            agent            | our agents in Spain are great       | false
            agent            | the travel-agent booked it          | true
            agent            | reagent bottles                     | false
            Live Agent       | can I get a live agent please?      | true
            live agent       | LIVE AGENT!!!                       | true
            live agent       | live   \t agent                     | true
            live agent       | live agentur                        | false
            human            | ＨＵＭＡＮ please                    | true
            human            | that was inhuman                    | false
            speak to a human | Speak to a Human, now               | true
            agent            | Ágent, por favor                    | true
            opérateur        | je veux un operateur                | true
            operateur        | je veux un OPÉRATEUR                | true
            straße           | in der STRASSE                      | true
            mensch           | einen Menschen bitte                | false
            c++              | do you support c++?                 | true
            """)
    void matchesWholeWordsAndPhrasesUnicodeNormalized(String keyword, String text, boolean match) {
        assertThat(new KeywordMatcher(List.of(keyword)).matches(text)).isEqualTo(match);
    }

    @Test
    void reportsTheKeywordAsConfigured() {
        KeywordMatcher m = new KeywordMatcher(List.of("speak to a human", "Live Agent"));
        assertThat(m.firstMatch("i need a LIVE agent")).isEqualTo("Live Agent");
        assertThat(m.firstMatch("nothing here")).isNull();
    }

    @Test
    void blankKeywordsNeverMatch() {
        KeywordMatcher m = new KeywordMatcher(List.of("  ", ""));
        assertThat(m.isEmpty()).isTrue();
        assertThat(m.matches("anything at all")).isFalse();
    }

    @Test
    void normalizationFoldsWidthCaseAccentsAndSpace() {
        assertThat(TextNormalizer.normalize("  Ｌｉｖｅ\u00A0\u00A0ÀGENT\n")).isEqualTo("live agent");
        assertThat(TextNormalizer.normalize("ﬁle")).isEqualTo("file");
    }
}
