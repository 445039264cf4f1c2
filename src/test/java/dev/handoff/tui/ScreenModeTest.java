package dev.handoff.tui;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The screen is left by one writer at a time: a SIGTERM's hook never cuts into a frame being drawn. */
class ScreenModeTest {

    @Test
    void aFrameBeingDrawnIsFinishedBeforeTheScreenIsLeftAndNoneIsDrawnAfter() throws Exception {
        try (VirtualScreen vt = new VirtualScreen(40, 10)) {
            ScreenMode mode = new ScreenMode(vt.terminal());
            mode.enter();
            List<String> order = new CopyOnWriteArrayList<>();
            CountDownLatch drawing = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread ui = new Thread(() -> mode.draw(() -> {
                order.add("frame begins");
                drawing.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                order.add("frame ends");
            }));
            ui.start();
            assertThat(drawing.await(5, TimeUnit.SECONDS)).isTrue();
            Thread hook = new Thread(() -> {
                mode.close();
                order.add("screen left");
            });
            hook.start();
            Thread.sleep(100);
            release.countDown();
            ui.join(5000);
            hook.join(5000);
            mode.draw(() -> order.add("a frame after the screen was left"));
            assertThat(order).containsExactly("frame begins", "frame ends", "screen left");
        }
    }
}
