package dev.handoff.files;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;

class CodePointColumnsTest {

    private static final String EMOJI = "\uD83D\uDE00";

    @Test
    void aColumnOfALineCountsEachEmojiOnce() {
        String line = EMOJI + EMOJI + "x";
        assertThat(CodePointColumns.of(line, 5)).as("x: UTF-16 column 5").isEqualTo(3);
        assertThat(CodePointColumns.of(line, 1)).isEqualTo(1);
        assertThat(CodePointColumns.of(line, 8)).as("past the end: one column a unit").isEqualTo(6);
        assertThat(CodePointColumns.of(line, 0)).as("unknown stays unknown").isZero();
    }

    @Test
    void aTrackingReaderTellsColumnsOfItsLinesWithoutKeepingTheText() throws IOException {
        String text = "ab\n" + EMOJI + "c" + EMOJI + "d\n" + EMOJI.repeat(100) + "e\n";
        var reader = new CodePointColumns.Tracking(new StringReader(text));
        char[] buf = new char[7];
        while (reader.read(buf, 0, buf.length) > 0) {
            // read it all, in pieces that split pairs
        }
        int d = text.indexOf('d');
        assertThat(reader.column(d, 6)).as("d: UTF-16 column 6 of line 2").isEqualTo(4);
        int e = text.indexOf('e');
        assertThat(reader.column(e, 201)).isEqualTo(101);
        reader.forgetBefore(e - 200);
        assertThat(reader.column(e, 201)).as("the line is still known after forgetting what is before it").isEqualTo(101);
        assertThat(reader.column(-1, 9)).isEqualTo(9);
    }
}
