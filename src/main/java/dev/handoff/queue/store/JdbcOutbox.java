package dev.handoff.queue.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** The outbox over the store's writer and readers (same rules for SQLite and PostgreSQL). */
final class JdbcOutbox implements Outbox {

    private static final String COLUMNS = "id, handoff_id, channel, state, attempts, next_attempt_ms, lease_until_ms, "
            + "claim, last_error, created_ms, done_ms";
    /** Due: pending and its time has come, or held by a sender whose lease ran out (it died). */
    private static final String DUE = "((state = 'pending' AND next_attempt_ms <= ?) OR (state = 'sending' AND lease_until_ms <= ?))";
    /** Errors are kept short: a line for the log and the stats, not a transcript of the server's answer. */
    static final int MAX_ERROR = 500;

    private final JdbcInboxStore store;
    private final Clock clock;

    JdbcOutbox(JdbcInboxStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<List<Entry>> claim(String channel, int limit, Duration lease) {
        return store.write(new GroupCommitWriter.Task<>() {
            @Override
            List<Entry> run(WriteContext context) throws SQLException {
                Connection c = context.connection();
                long now = clock.millis();
                List<Long> due = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT id FROM outbox WHERE channel = ? AND " + DUE
                        + " ORDER BY next_attempt_ms, id LIMIT ?")) {
                    ps.setString(1, channel);
                    ps.setLong(2, now);
                    ps.setLong(3, now);
                    ps.setInt(4, limit);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            due.add(rs.getLong(1));
                        }
                    }
                }
                List<Entry> claimed = new ArrayList<>();
                try (PreparedStatement update = c.prepareStatement("UPDATE outbox SET state = 'sending', claim = ?, "
                        + "lease_until_ms = ?, attempts = attempts + 1 WHERE id = ? AND " + DUE);
                     PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox WHERE id = ?")) {
                    for (long id : due) {
                        // the condition is checked again by the update itself: only a row still due is taken
                        update.setString(1, UUID.randomUUID().toString());
                        update.setLong(2, now + lease.toMillis());
                        update.setLong(3, id);
                        update.setLong(4, now);
                        update.setLong(5, now);
                        if (update.executeUpdate() == 1) {
                            select.setLong(1, id);
                            claimed.addAll(entries(select));
                        }
                    }
                }
                return claimed;
            }
        });
    }

    @Override
    public CompletableFuture<Boolean> sent(Entry claimed) {
        return store.write(new GroupCommitWriter.Task<>() {
            @Override
            Boolean run(WriteContext context) throws SQLException {
                String set = "UPDATE outbox SET state = 'sent', done_ms = ?, lease_until_ms = NULL, last_error = NULL WHERE id = ? AND ";
                try (PreparedStatement held = context.connection().prepareStatement(set + "claim = ? AND state = 'sending'")) {
                    held.setLong(1, clock.millis());
                    held.setLong(2, claimed.id());
                    held.setString(3, claimed.claim());
                    if (held.executeUpdate() == 1) {
                        return true;
                    }
                }
                // the lease ran out mid-send, but the message went out: a delivered notification is sent, whoever holds
                // the row now (its new holder's own outcome then finds the row no longer 'sending' and changes nothing);
                // left to that holder, a row that went out three times once ended 'failed'
                try (PreparedStatement anyway = context.connection().prepareStatement(set + "state <> 'sent'")) {
                    anyway.setLong(1, clock.millis());
                    anyway.setLong(2, claimed.id());
                    anyway.executeUpdate();
                }
                return false;
            }
        });
    }

    @Override
    public CompletableFuture<Boolean> retry(Entry claimed, Instant next, String error) {
        return finish(claimed, "UPDATE outbox SET state = 'pending', next_attempt_ms = ?, lease_until_ms = NULL, "
                + "last_error = ? WHERE id = ? AND claim = ? AND state = 'sending'", next, error);
    }

    @Override
    public CompletableFuture<Boolean> failed(Entry claimed, String error) {
        return finish(claimed, "UPDATE outbox SET state = 'failed', done_ms = ?, lease_until_ms = NULL, last_error = ? "
                + "WHERE id = ? AND claim = ? AND state = 'sending'", null, error);
    }

    /** The first parameter is {@code next} when given, else now; then the error when the SQL has one. */
    private CompletableFuture<Boolean> finish(Entry claimed, String sql, Instant next, String error) {
        boolean withError = sql.contains("last_error = ?");
        return store.write(new GroupCommitWriter.Task<>() {
            @Override
            Boolean run(WriteContext context) throws SQLException {
                try (PreparedStatement ps = context.connection().prepareStatement(sql)) {
                    int i = 1;
                    ps.setLong(i++, next != null ? next.toEpochMilli() : clock.millis());
                    if (withError) {
                        ps.setString(i++, shorten(error));
                    }
                    ps.setLong(i++, claimed.id());
                    ps.setString(i, claimed.claim());
                    return ps.executeUpdate() == 1;
                }
            }
        });
    }

    private static String shorten(String error) {
        if (error == null) {
            return null;
        }
        return error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR - 3) + "...";
    }

    @Override
    public Optional<Instant> nextDue(String channel) {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT min(CASE WHEN state = 'pending' THEN next_attempt_ms "
                    + "ELSE lease_until_ms END) FROM outbox WHERE channel = ? AND state IN ('pending', 'sending')")) {
                ps.setString(1, channel);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        long due = rs.getLong(1);
                        return rs.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(due));
                    }
                    return Optional.<Instant>empty();
                }
            }
        });
    }

    @Override
    public List<Entry> entries(long handoffId) {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox WHERE handoff_id = ? ORDER BY channel")) {
                ps.setLong(1, handoffId);
                return entries(ps);
            }
        });
    }

    @Override
    public Map<String, Map<State, Long>> counts() {
        return store.read(c -> {
            Map<String, Map<State, Long>> out = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT channel, state, count(*) FROM outbox GROUP BY channel, state");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new EnumMap<>(State.class)).put(State.of(rs.getString(2)), rs.getLong(3));
                }
            }
            return out;
        });
    }

    private static List<Entry> entries(PreparedStatement ps) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Entry(rs.getLong(1), rs.getLong(2), rs.getString(3), State.of(rs.getString(4)), rs.getInt(5),
                        Instant.ofEpochMilli(rs.getLong(6)), instant(rs, 7), rs.getString(8), rs.getString(9),
                        Instant.ofEpochMilli(rs.getLong(10)), instant(rs, 11)));
            }
        }
        return out;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long ms = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(ms);
    }
}
