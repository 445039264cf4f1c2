package dev.handoff.queue.store;

import dev.handoff.queue.Handoff;
import dev.handoff.queue.Status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** The writer thread's prepared statements; used only on that thread. */
final class WriteContext implements AutoCloseable {

    private final Clock clock;
    private final Connection connection;
    private final PreparedStatement byKey;
    private final PreparedStatement byId;
    private final PreparedStatement insert;
    private final PreparedStatement update;
    private final PreparedStatement change;
    private final PreparedStatement outbox;
    private final PreparedStatement bySignedHash;
    private final PreparedStatement signed;
    private long lastSeq;

    WriteContext(Connection c, Clock clock) throws SQLException {
        this.clock = clock;
        this.connection = c;
        this.byKey = c.prepareStatement("SELECT " + Rows.COLUMNS + " FROM handoffs WHERE dedup_key = ?");
        this.byId = c.prepareStatement("SELECT " + Rows.COLUMNS + " FROM handoffs WHERE id = ?");
        this.insert = c.prepareStatement("""
                INSERT INTO handoffs (dedup_key, agent_id, agent_external_id, name, phone_raw, phone_number, summary,
                                      reason, created_ms, received_ms, status, claimed_by, updated_ms, version, raw_event)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, 1, ?)
                RETURNING id""");
        this.update = c.prepareStatement("""
                UPDATE handoffs SET status = ?, claimed_by = ?, updated_ms = ?, version = ?, resolved_by = ?, resolved_ms = ?
                WHERE id = ? AND version = ?""");
        this.change = c.prepareStatement("INSERT INTO changes (handoff_id, at_ms, snapshot) VALUES (?, ?, ?) RETURNING seq");
        this.outbox = c.prepareStatement("""
                INSERT INTO outbox (handoff_id, channel, state, attempts, next_attempt_ms, created_ms)
                VALUES (?, ?, 'pending', 0, ?, ?)""");
        this.bySignedHash = c.prepareStatement("SELECT " + Rows.COLUMNS + " FROM handoffs WHERE id = "
                + "(SELECT handoff_id FROM signed_deliveries WHERE signed_hash = ?)");
        this.signed = c.prepareStatement("INSERT INTO signed_deliveries (signed_hash, handoff_id, received_ms) VALUES (?, ?, ?) "
                + "ON CONFLICT (signed_hash) DO NOTHING");
    }

    Instant now() {
        // the store keeps milliseconds; handing out the same precision keeps snapshots and rows equal
        return Instant.ofEpochMilli(clock.millis());
    }

    /** The writer's connection, inside the current transaction; for writes that are rarer than a handoff. */
    Connection connection() {
        return connection;
    }

    /**
     * Rewrites the heartbeat row: a real write (a new page in the WAL, a new row version in
     * PostgreSQL), so it fails where a webhook's write would, on a full disk or a read-only file,
     * where an empty transaction still commits.
     */
    void heartbeat() throws SQLException {
        heartbeat(connection, clock.millis());
    }

    static void heartbeat(Connection c, long nowMillis) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE inbox_heartbeat SET at_ms = ? WHERE id = 1")) {
            ps.setLong(1, nowMillis);
            if (ps.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO inbox_heartbeat (id, at_ms) VALUES (1, ?)")) {
            ps.setLong(1, nowMillis);
            ps.executeUpdate();
        }
    }

    void startBatch() {
        lastSeq = 0;
    }

    long lastSeq() {
        return lastSeq;
    }

    void rewindSeq(long seq) {
        lastSeq = seq;
    }

    Optional<Handoff> byKey(String key) throws SQLException {
        byKey.setString(1, key);
        return one(byKey);
    }

    /** The handoff a signed request with this hash delivered, if one did. */
    Optional<Handoff> bySignedHash(String hash) throws SQLException {
        bySignedHash.setString(1, hash);
        return one(bySignedHash);
    }

    /** Records that the signed request with this hash delivered {@code handoffId} (kept when known). */
    void recordSigned(String hash, long handoffId) throws SQLException {
        signed.setString(1, hash);
        signed.setLong(2, handoffId);
        signed.setLong(3, clock.millis());
        signed.executeUpdate();
    }

    Optional<Handoff> byId(long id) throws SQLException {
        byId.setLong(1, id);
        return one(byId);
    }

    Handoff insert(NewHandoff h) throws SQLException {
        Instant now = now();
        var e = h.event();
        Instant created = Instant.ofEpochMilli(e.createdAt().toEpochMilli());
        insert.setString(1, h.dedupKey());
        insert.setString(2, e.agentId());
        insert.setString(3, e.agentExternalId());
        insert.setString(4, e.name());
        insert.setString(5, e.phoneNumber());
        insert.setString(6, h.phoneNumber());
        insert.setString(7, e.summary());
        insert.setString(8, e.reason());
        insert.setLong(9, created.toEpochMilli());
        insert.setLong(10, now.toEpochMilli());
        insert.setString(11, Status.PENDING.id());
        insert.setLong(12, now.toEpochMilli());
        insert.setBytes(13, h.rawEvent());
        long id;
        try (ResultSet rs = insert.executeQuery()) {
            rs.next();
            id = rs.getLong(1);
        }
        Handoff stored = new Handoff(id, e.agentId(), e.agentExternalId(), e.name(), h.phoneNumber(), e.summary(),
                e.reason(), created, now, Status.PENDING, null, now, 1);
        recordChange(stored);
        return stored;
    }

    /** Queues one notification of the handoff on {@code channel}, due now (same transaction as the handoff). */
    void queueNotification(long handoffId, String channel) throws SQLException {
        long now = clock.millis();
        outbox.setLong(1, handoffId);
        outbox.setString(2, channel);
        outbox.setLong(3, now);
        outbox.setLong(4, now);
        outbox.executeUpdate();
    }

    /** Writes {@code next} over the row at {@code previousVersion}. */
    void update(Handoff next, long previousVersion) throws SQLException {
        update.setString(1, next.status().id());
        update.setString(2, next.claimedBy());
        update.setLong(3, next.updatedAt().toEpochMilli());
        update.setLong(4, next.version());
        update.setString(5, next.resolvedBy());
        if (next.resolvedAt() == null) {
            update.setNull(6, java.sql.Types.BIGINT);
        } else {
            update.setLong(6, next.resolvedAt().toEpochMilli());
        }
        update.setLong(7, next.id());
        update.setLong(8, previousVersion);
        if (update.executeUpdate() != 1) {
            throw new SQLException("handoff " + next.id() + " changed under the writer");
        }
        recordChange(next);
    }

    private void recordChange(Handoff h) throws SQLException {
        change.setLong(1, h.id());
        change.setLong(2, h.updatedAt().toEpochMilli());
        change.setString(3, Migrations.snapshot(h));
        try (ResultSet rs = change.executeQuery()) {
            rs.next();
            lastSeq = rs.getLong(1);
        }
    }

    private static Optional<Handoff> one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(Rows.handoff(rs)) : Optional.empty();
        }
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement ps : new PreparedStatement[]{byKey, byId, insert, update, change, outbox, bySignedHash, signed}) {
            ps.close();
        }
    }
}
