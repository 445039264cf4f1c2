package dev.handoff.tui;

import org.jline.utils.AttributedString;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The table lines of recently drawn rows, so that a frame formats only the rows whose look
 * changed. Formatting a row builds several attributed strings (about 12 KB of garbage at 200
 * columns); redrawing 50 unchanged rows per frame made the allocation that, through GC pauses,
 * gave the worst frames with 10,000 queued. A line is reused while the handoff is the same
 * instance (every change is a new one), at the same width, with the same cursor and highlight,
 * the same waiting text and colour.
 */
final class RowCache {

    /** A few screens' worth: scrolling back and forth stays cached, memory stays bounded. */
    private static final int MAX_ROWS = 512;

    private record Cached(QueueEntry entry, int width, boolean selected, boolean fresh, String waited, int level,
                          AttributedString line) {

        boolean fits(QueueEntry e, int w, boolean sel, boolean fr, String wt, int lv) {
            return entry == e && width == w && selected == sel && fresh == fr && level == lv && waited.equals(wt);
        }
    }

    private final Map<Long, Cached> rows = new LinkedHashMap<>(128, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Cached> eldest) {
            return size() > MAX_ROWS;
        }
    };

    /** The cached line for this look of the row, else {@code render}'s, remembered for the next frame. */
    AttributedString line(QueueEntry e, int width, boolean selected, boolean fresh, String waited, int level,
                          Supplier<AttributedString> render) {
        Cached c = rows.get(e.id());
        if (c != null && c.fits(e, width, selected, fresh, waited, level)) {
            return c.line();
        }
        AttributedString line = render.get();
        rows.put(e.id(), new Cached(e, width, selected, fresh, waited, level, line));
        return line;
    }

    int size() {
        return rows.size();
    }
}
