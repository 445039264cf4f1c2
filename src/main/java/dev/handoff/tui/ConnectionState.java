package dev.handoff.tui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * How fresh the queue on screen is. A streaming source is live or reconnecting; a polling source
 * is live or stale (its last poll failed, the rows are as of its last good poll).
 */
public sealed interface ConnectionState {

    /** Since when the source has been in this state. */
    Instant since();

    /** One short phrase for the header, e.g. "reconnecting since 12:03:04". */
    String label(ZoneId zone);

    /** Started, nothing received yet. */
    record Connecting(Instant since) implements ConnectionState {
        @Override
        public String label(ZoneId zone) {
            return "connecting";
        }
    }

    record Live(Instant since) implements ConnectionState {
        @Override
        public String label(ZoneId zone) {
            return "live";
        }
    }

    /** The stream broke at {@code since}; the source is retrying. */
    record Reconnecting(Instant since, String reason) implements ConnectionState {
        @Override
        public String label(ZoneId zone) {
            return "reconnecting since " + clock(since, zone) + (reason == null ? "" : " (" + reason + ")");
        }
    }

    /** Polls have been failing; the rows shown are those of the last good poll, at {@code since}. */
    record Stale(Instant since, String reason) implements ConnectionState {
        @Override
        public String label(ZoneId zone) {
            return "stale since " + clock(since, zone) + (reason == null ? "" : " (" + reason + ")");
        }
    }

    /**
     * The source refused the token (401/403): the tail stops (exit 4). {@code updated} is when the
     * rows were last current, null when none were read.
     */
    record Refused(Instant since, Instant updated, String reason) implements ConnectionState {
        @Override
        public String label(ZoneId zone) {
            return (updated == null ? "" : "not updated since " + clock(updated, zone) + ": ") + reason;
        }
    }

    private static String clock(Instant at, ZoneId zone) {
        return DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone).format(at);
    }
}
