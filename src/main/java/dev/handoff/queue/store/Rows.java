package dev.handoff.queue.store;

import dev.handoff.queue.Handoff;
import dev.handoff.queue.Status;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Mapping between the {@code handoffs} table and {@link Handoff}; instants are epoch milliseconds. */
final class Rows {

    /** The columns of schema versions 1 and 2 (what a migration up to version 2 may read). */
    static final String COLUMNS_V1 = "id, agent_id, agent_external_id, name, phone_number, summary, reason, "
            + "created_ms, received_ms, status, claimed_by, updated_ms, version";
    static final String COLUMNS = COLUMNS_V1 + ", resolved_by, resolved_ms";

    private Rows() {
    }

    static Handoff handoff(ResultSet rs) throws SQLException {
        Handoff h = handoffV1(rs);
        long resolvedMs = rs.getLong("resolved_ms");
        Instant resolvedAt = rs.wasNull() ? null : Instant.ofEpochMilli(resolvedMs);
        return new Handoff(h.id(), h.agentId(), h.agentExternalId(), h.name(), h.phoneNumber(), h.summary(), h.reason(),
                h.createdAt(), h.receivedAt(), h.status(), h.claimedBy(), h.updatedAt(), h.version(),
                rs.getString("resolved_by"), resolvedAt);
    }

    /** A row read with {@link #COLUMNS_V1}. */
    static Handoff handoffV1(ResultSet rs) throws SQLException {
        return new Handoff(
                rs.getLong("id"),
                rs.getString("agent_id"),
                rs.getString("agent_external_id"),
                rs.getString("name"),
                rs.getString("phone_number"),
                rs.getString("summary"),
                rs.getString("reason"),
                Instant.ofEpochMilli(rs.getLong("created_ms")),
                Instant.ofEpochMilli(rs.getLong("received_ms")),
                Status.parse(rs.getString("status")),
                rs.getString("claimed_by"),
                Instant.ofEpochMilli(rs.getLong("updated_ms")),
                rs.getLong("version"));
    }
}
