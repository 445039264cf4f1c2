package dev.handoff.tui;

import java.time.Duration;
import java.time.ZoneId;

/**
 * How {@code tail} looks and behaves, from the command line.
 *
 * @param operator     who claims, releases and resolves
 * @param maskDigits   phone digits left visible (0 = no masking)
 * @param warnAfter    waiting time from which the WAITING cell turns yellow
 * @param alertAfter   waiting time from which it turns red
 * @param highlightFor how long a new Pending row stays highlighted if nobody looks at it
 * @param color        colours and styles (only on a terminal, never with --no-color or NO_COLOR)
 * @param hyperlinks   OSC 8 links in the detail pane (off on dumb terminals)
 */
public record TailSettings(String operator, int maskDigits, boolean bell, Duration warnAfter, Duration alertAfter,
                           Duration highlightFor, boolean color, boolean hyperlinks, ZoneId zone) {

    public static TailSettings defaults(String operator) {
        return new TailSettings(operator, 0, false, Duration.ofMinutes(5), Duration.ofMinutes(15),
                Duration.ofSeconds(60), false, true, ZoneId.of("UTC"));
    }

    public TailSettings withColor(boolean on) {
        return new TailSettings(operator, maskDigits, bell, warnAfter, alertAfter, highlightFor, on, hyperlinks, zone);
    }

    public TailSettings withMask(int digits) {
        return new TailSettings(operator, digits, bell, warnAfter, alertAfter, highlightFor, color, hyperlinks, zone);
    }

    public TailSettings withBell(boolean on) {
        return new TailSettings(operator, maskDigits, on, warnAfter, alertAfter, highlightFor, color, hyperlinks, zone);
    }
}
