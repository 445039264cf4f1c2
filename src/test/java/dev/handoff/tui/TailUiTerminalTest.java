package dev.handoff.tui;

import dev.handoff.error.HandoffException;
import org.jline.terminal.Attributes;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The terminal the full-screen UI takes and gives back: quit keys, signals, suspend, and errors. */
class TailUiTerminalTest extends TailUiFixture {

    @Test
    void ctrlCAndSigintEndTheViewAsAnInterruptQDoesNotAndCtrlDIsNoKey() throws Exception {
        start();
        vt.type("\u0004");
        Thread.sleep(300);
        assertThat(ui.isAlive()).as("Ctrl-D does not quit").isTrue();
        quitAndWait();
        assertThat(interrupted.get()).as("q").isFalse();

        start();
        vt.type("/ab\u0003");
        ui.join(5000);
        assertThat(ui.isAlive()).isFalse();
        assertThat(interrupted.get()).as("the Ctrl-C key, also while typing a filter").isTrue();

        interrupted.set(null);
        start();
        vt.terminal().raise(org.jline.terminal.Terminal.Signal.INT);
        ui.join(5000);
        assertThat(ui.isAlive()).isFalse();
        assertThat(interrupted.get()).as("SIGINT").isTrue();
        assertThat(vt.terminal().getAttributes().getLocalFlags()).as("the terminal restored first").isEqualTo(before.getLocalFlags());
    }

    @Test
    void quittingRestoresTheTerminal() throws Exception {
        start();
        assertThat(vt.terminal().getAttributes().getLocalFlag(Attributes.LocalFlag.ICANON)).isFalse();
        quitAndWait();
        assertThat(failure.get()).isNull();
        assertThat(vt.terminal().getAttributes().getLocalFlag(Attributes.LocalFlag.ICANON))
                .isEqualTo(before.getLocalFlag(Attributes.LocalFlag.ICANON));
        assertThat(vt.terminal().getAttributes().getLocalFlag(Attributes.LocalFlag.ECHO))
                .isEqualTo(before.getLocalFlag(Attributes.LocalFlag.ECHO));
        String out = vt.output();
        assertThat(out).contains("\033[?1049h");
        assertThat(out.lastIndexOf("\033[?1049l")).isGreaterThan(out.lastIndexOf("\033[?1049h"));
        assertThat(vt.text()).doesNotContain("Alice"); // back on the main screen
    }

    @Test
    void quittingRestoresEveryTerminalSettingAndTheNormalCursor() throws Exception {
        before.setControlChar(Attributes.ControlChar.VMIN, 7); // a setting raw mode changes and a partial restore misses
        vt.terminal().setAttributes(before);
        start();
        quitAndWait();
        assertThat(vt.terminal().getAttributes().toString()).isEqualTo(before.toString());
        String normal = org.jline.utils.Curses.tputs(
                vt.terminal().getStringCapability(org.jline.utils.InfoCmp.Capability.cursor_normal));
        String visible = org.jline.utils.Curses.tputs(
                vt.terminal().getStringCapability(org.jline.utils.InfoCmp.Capability.cursor_visible));
        String out = vt.output();
        String after = out.substring(out.lastIndexOf("\033[?1049l"));
        assertThat(after).contains(normal);
        if (!visible.equals(normal)) {
            assertThat(after).doesNotContain(visible); // the very visible (blinking) cursor is not the user's
        }
    }

    @Test
    void ctrlBackslashSendsNoQuitSignalWhileOnScreenAndTheQuitKeyIsBackAfterwards() throws Exception {
        // SIGQUIT makes the JVM write a thread dump over the screen
        java.util.concurrent.atomic.AtomicInteger quits = new java.util.concurrent.atomic.AtomicInteger();
        vt.terminal().handle(org.jline.terminal.Terminal.Signal.QUIT, s -> quits.incrementAndGet());
        assertThat(before.getControlChar(Attributes.ControlChar.VQUIT)).isEqualTo(28);
        start();
        assertThat(vt.terminal().getAttributes().getControlChar(Attributes.ControlChar.VQUIT)).as("disabled").isZero();
        vt.type("\u001c");
        vt.type("?");
        vt.awaitText("Keys");
        assertThat(quits.get()).as("SIGQUIT raised").isZero();
        assertThat(ui.isAlive()).isTrue();
        vt.type("x");
        quitAndWait();
        assertThat(failure.get()).isNull();
        assertThat(vt.terminal().getAttributes().getControlChar(Attributes.ControlChar.VQUIT)).isEqualTo(28);
    }

    @Test
    void ctrlCQuitsAndRestoresTheTerminal() throws Exception {
        start();
        vt.type("\u0003");
        ui.join(5000);
        assertThat(ui.isAlive()).isFalse();
        assertThat(failure.get()).isNull();
        assertThat(vt.terminal().getAttributes().getLocalFlag(Attributes.LocalFlag.ICANON))
                .isEqualTo(before.getLocalFlag(Attributes.LocalFlag.ICANON));
        String out = vt.output();
        int leftAlternateScreen = out.lastIndexOf("\033[?1049l");
        assertThat(leftAlternateScreen).isGreaterThan(out.lastIndexOf("\033[?1049h"));
        assertThat(out.substring(leftAlternateScreen)).containsPattern("\033\\[\\?(12;)?25h"); // cursor visible again
    }

    @Test
    void ctrlZGivesTheTerminalBackBeforeStoppingAndRepaintsAfterFg() throws Exception {
        List<String> atStop = new CopyOnWriteArrayList<>();
        stopper = () -> {
            // what the shell finds when the process is stopped
            String out = vt.output();
            int left = out.lastIndexOf("\033[?1049l");
            atStop.add("left=" + (left > out.lastIndexOf("\033[?1049h")));
            atStop.add("cursor=" + (left >= 0 && out.substring(left).matches("(?s).*\033\\[\\?(12;)?25h.*")));
            atStop.add("icanon=" + vt.terminal().getAttributes().getLocalFlag(Attributes.LocalFlag.ICANON));
            atStop.add("echo=" + vt.terminal().getAttributes().getLocalFlag(Attributes.LocalFlag.ECHO));
            atStop.add("screen=" + (vt.text().contains("Alice") ? "queue" : "main"));
            return true;
        };
        start();
        int mark = vt.output().length();
        vt.type("\u001a"); // Ctrl-Z: the line discipline raises SIGTSTP
        vt.await(t -> vt.output().length() > mark && vt.output().substring(mark).contains("\033[?1049h")
                && t.contains("Alice") && t.contains("Carol"), "the queue drawn again after the stop");
        assertThat(atStop).containsExactly("left=true", "cursor=true",
                "icanon=" + before.getLocalFlag(Attributes.LocalFlag.ICANON),
                "echo=" + before.getLocalFlag(Attributes.LocalFlag.ECHO), "screen=main");
        String after = vt.output().substring(mark);
        // back: alternate screen, hidden cursor, raw mode, and every row drawn again, not a diff of nothing
        assertThat(after.substring(after.lastIndexOf("\033[?1049h"))).contains("\033[?25l", "Alice", "Bob", "Carol");
        assertThat(vt.terminal().getAttributes().getLocalFlag(Attributes.LocalFlag.ICANON)).isFalse();
        assertThat(ui.isAlive()).isTrue();
        vt.type("j");
        vt.await(t -> rowOf("Bob").startsWith(">"), "keys still work after fg");
    }

    @Test
    void aContinueSignalAloneRepaintsTheWholeScreen() throws Exception {
        start();
        int mark = vt.output().length();
        vt.terminal().raise(org.jline.terminal.Terminal.Signal.CONT); // after kill -STOP, kill -CONT
        vt.await(t -> vt.output().substring(mark).contains("Carol"), "a full repaint");
        assertThat(vt.output().substring(mark)).contains("\033[?1049h", "Alice", "Bob");
    }

    @Test
    void anInterruptSignalQuitsLikeCtrlC() throws Exception {
        start();
        vt.terminal().raise(org.jline.terminal.Terminal.Signal.INT);
        ui.join(5000);
        assertThat(ui.isAlive()).isFalse();
        assertThat(vt.output()).contains("\033[?1049l");
    }

    @Test
    void aRefusedTokenEndsTheUiWithTheErrorAfterRestoringTheTerminal() throws Exception {
        start();
        source.listener.onFatal(HandoffException.auth("http://127.0.0.1:9/api/stream refused the token (HTTP 401)", null));
        ui.join(5000);
        assertThat(ui.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(HandoffException.class)
                .hasMessageContaining("HTTP 401");
        assertThat(((HandoffException) failure.get()).kind()).isEqualTo(HandoffException.Kind.AUTH);
        assertThat(vt.output()).contains("\033[?1049l");
        assertThat(vt.terminal().getAttributes().getLocalFlag(Attributes.LocalFlag.ICANON))
                .isEqualTo(before.getLocalFlag(Attributes.LocalFlag.ICANON));
    }
}
