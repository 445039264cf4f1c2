package dev.handoff.classify.embedding;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextsTest {

    @Test
    void aMessageIsScoredSentenceBySentence() {
        assertThat(Texts.pieces("There is no card. I'm done with this bot, put me through to somebody!", Texts.Units.SENTENCES))
                .containsExactly("there is no card.", "i'm done with this bot, put me through to somebody!");
        assertThat(Texts.pieces("hello?? anyone there?\nneed to talk to someone", Texts.Units.SENTENCES))
                .containsExactly("hello??", "anyone there?", "need to talk to someone");
    }

    @Test
    void oneSentenceOrTheWholeMessageIsOnePiece() {
        assertThat(Texts.pieces("Can I talk to a real person please", Texts.Units.SENTENCES))
                .containsExactly("can i talk to a real person please");
        assertThat(Texts.pieces("No. Thanks.", Texts.Units.MESSAGE)).containsExactly("no. thanks.");
        assertThat(Texts.pieces("No. Thanks.", Texts.Units.BOTH)).containsExactly("no. thanks.", "no.", "thanks.");
    }

    @Test
    void textWithoutWordsIsNotScored() {
        assertThat(Texts.pieces(null, Texts.Units.SENTENCES)).isEmpty();
        assertThat(Texts.pieces("   ", Texts.Units.SENTENCES)).isEmpty();
        assertThat(Texts.pieces("?!", Texts.Units.SENTENCES)).isEmpty();
    }

    @Test
    void normalizingFoldsWidthCaseAndSpacing() {
        assertThat(Texts.normalize("  Ｈｕｍａｎ\tPLEASE \n now ")).isEqualTo("human please now");
        assertThat(Texts.normalize("x".repeat(Texts.MAX_CHARS + 50))).hasSize(Texts.MAX_CHARS);
    }

    @Test
    void aVeryLongMessageKeepsItsTailInTheLastPiece() {
        String text = String.join(" ", List.of("One.", "Two.", "Three.", "Four.", "Five.", "Six.", "Seven.", "Eight.", "Nine.", "Ten."));
        List<String> pieces = Texts.pieces(text, Texts.Units.SENTENCES);
        assertThat(pieces).hasSize(Texts.MAX_PIECES);
        assertThat(pieces.get(Texts.MAX_PIECES - 1)).isEqualTo("eight. nine. ten.");
    }
}
