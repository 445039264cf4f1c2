package dev.handoff.text;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class EscapingWriterTest {

    @Test
    void controlsAreShownAsEscapesLineBreaksStay() throws IOException {
        StringWriter target = new StringWriter();
        PrintWriter err = new PrintWriter(new EscapingWriter(target), true);
        err.println("status \u001b]0;PWNED\u0007\u001b[2J \u009b31m \u202eevil\t\u2028x\u007f");
        err.print("windows line\r\n");
        err.print("a lone \r return");
        err.print("split \r");
        err.print("\nnext");
        err.flush();
        assertThat(target.toString()).isEqualTo(
                "status \\u001B]0;PWNED\\u0007\\u001B[2J \\u009B31m \\u202Eevil\\u0009\\u2028x\\u007F\n"
                        + "windows line\r\n"
                        + "a lone \\u000D return"
                        + "split \r\nnext");
        // a return at the very end of what was written is no line break
        StringWriter last = new StringWriter();
        EscapingWriter w = new EscapingWriter(last);
        w.write("end\r");
        w.flush();
        assertThat(last.toString()).isEqualTo("end\\u000D");
    }

    @Test
    void plainTextPassesUnchanged() {
        String text = "handoff: Zoë 王小明 \ud83d\ude00 \"quoted\" back\\slash";
        assertThat(Invisible.escaped(text)).isSameAs(text);
        assertThat(Invisible.escaped("a\nb\u0085c")).isEqualTo("a\\u000Ab\\u0085c");
    }
}
