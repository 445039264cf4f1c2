package dev.handoff.queue.store;

import dev.handoff.queue.Handoff;
import dev.handoff.queue.Status;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Mapping between the {@code handoffs} table and {@link Handoff}; instants are epoch milliseconds. */
final class Rows {

    static final String COLUMNS = "id, agent_id, agent_external_id, name, phone_number, summary, reason, "
            + "created_ms, received_ms, status, claimed_by, updated_ms, version";

    private Rows() {
    }

    static Handoff handoff(ResultSet rs) throws SQLException {
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
