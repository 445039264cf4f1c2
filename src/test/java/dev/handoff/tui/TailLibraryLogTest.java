package dev.handoff.tui;

import org.junit.jupiter.api.Test;

import java.util.logging.Level;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class TailLibraryLogTest {

    @Test
    void jlinesWarningsAboutAnUnknownTermNeverReachTheUsersScreen() {
        Tail.tableWidth("100"); // loads Tail, which quiets JLine before any terminal is built
        assertThat(Logger.getLogger("org.jline").isLoggable(Level.WARNING)).isFalse();
        assertThat(Logger.getLogger("org.jline.utils.InfoCmp").isLoggable(Level.WARNING)).as("child loggers too").isFalse();
    }
}
