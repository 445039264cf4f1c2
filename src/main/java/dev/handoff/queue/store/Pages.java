package dev.handoff.queue.store;

import dev.handoff.queue.Handoff;
import dev.handoff.queue.Status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The store's two paged reads, the list and the change log, each bounded by count and by size.
 * A webhook body may hold up to 1 MiB, nearly all of it summary, so a page of 1,000 handoffs could
 * be a gigabyte of text, and a few such requests at once the server's whole memory: a page stops
 * growing once its text passes {@link #PAGE_BYTES} and hands out its cursor as usual, so a client
 * that follows cursors (every client must: any page may be the last one it gets) reads the rest.
 */
final class Pages {

    /** The text a page may hold before it stops growing: a few MB, whatever the count asked for. */
    static final long PAGE_BYTES = 4L << 20;
    /** Rows the PostgreSQL driver holds at once (it reads whole results into memory otherwise). */
    private static final int FETCH_ROWS = 16;

    private Pages() {
    }

    /**
     * Handoffs with one of {@code statuses} (all when empty), oldest created first, after
     * {@code after} (null for the first page): at most {@code limit}, fewer once their text passes
     * {@link #PAGE_BYTES}, never none while one is left.
     */
    static Page list(Connection c, Set<Status> statuses, int limit, Cursor after) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + Rows.COLUMNS + " FROM handoffs WHERE 1 = 1");
        if (!statuses.isEmpty()) {
            sql.append(" AND status IN (")
                    .append(statuses.stream().map(s -> "'" + s.id() + "'").collect(Collectors.joining(", ")))
                    .append(')');
        }
        if (after != null) {
            sql.append(" AND (created_ms > ? OR (created_ms = ? AND id > ?))");
        }
        sql.append(" ORDER BY created_ms, id LIMIT ?");
        List<Handoff> items = new ArrayList<>();
        boolean more = false;
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setFetchSize(FETCH_ROWS);
            int i = 1;
            if (after != null) {
                ps.setLong(i++, after.createdMs());
                ps.setLong(i++, after.createdMs());
                ps.setLong(i++, after.id());
            }
            ps.setInt(i, limit + 1);
            long bytes = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (items.size() == limit) {
                        more = true;
                        break;
                    }
                    Handoff h = Rows.handoff(rs);
                    long size = size(h);
                    if (!items.isEmpty() && bytes + size > PAGE_BYTES) {
                        more = true;
                        break;
                    }
                    items.add(h);
                    bytes += size;
                }
            }
        }
        long seq;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(max(seq), 0) FROM changes")) {
            seq = rs.next() ? rs.getLong(1) : 0;
        }
        String next = null;
        if (more) {
            Handoff last = items.get(items.size() - 1);
            next = new Cursor(last.createdAt().toEpochMilli(), last.id()).encode();
        }
        return new Page(List.copyOf(items), next, seq);
    }

    /**
     * Changes after {@code seq}, in order: at most {@code limit}, fewer once their text passes
     * {@link #PAGE_BYTES}, but never fewer than two while there are two: a stream asks from the
     * change before its position, to check that one is still there, and must get a new one with it.
     */
    static List<Change> changesAfter(Connection c, long seq, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, handoff_id, snapshot FROM changes WHERE seq > ? ORDER BY seq LIMIT ?")) {
            ps.setFetchSize(FETCH_ROWS);
            ps.setLong(1, seq);
            ps.setInt(2, limit);
            List<Change> out = new ArrayList<>();
            long bytes = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Change change = new Change(rs.getLong(1), rs.getLong(2), rs.getString(3));
                    long size = utf8Length(change.snapshotJson());
                    if (out.size() >= 2 && bytes + size > PAGE_BYTES) {
                        break;
                    }
                    out.add(change);
                    bytes += size;
                }
            }
            return out;
        }
    }

    /** About what the handoff takes as JSON: its texts in UTF-8, and a little for the rest. */
    static long size(Handoff h) {
        long size = 300;
        for (String text : new String[]{h.agentId(), h.agentExternalId(), h.name(), h.phoneNumber(), h.summary(),
                h.reason(), h.claimedBy(), h.resolvedBy()}) {
            size += utf8Length(text);
        }
        return size;
    }

    static long utf8Length(String text) {
        if (text == null) {
            return 0;
        }
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            n += ch < 0x80 ? 1 : ch < 0x800 || Character.isSurrogate(ch) ? 2 : 3;
        }
        return n;
    }
}
