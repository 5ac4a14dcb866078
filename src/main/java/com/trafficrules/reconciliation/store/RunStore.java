package com.trafficrules.reconciliation.store;

import com.trafficrules.reconciliation.run.Reconciler;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reconciliation runs and their items in PostgreSQL. */
@Repository
public class RunStore {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    RunStore(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Holds the body's hash for this transaction, so that the same body sent twice at once is reconciled once: the
     * second waits here, then finds the first's run.
     */
    public void lock(String bodySha256) {
        jdbc.query("select pg_advisory_xact_lock(hashtextextended(?, 0))", row -> {
        }, "reconciliation:" + bodySha256);
    }

    public Optional<JsonNode> byBody(String bodySha256) {
        return jdbc.queryForList("select response::text from reconciliation_run where body_sha256 = ?", String.class, bodySha256)
                .stream().findFirst().map(json::readTree);
    }

    public Optional<JsonNode> byId(UUID runId) {
        return jdbc.queryForList("select response::text from reconciliation_run where id = ?", String.class, runId)
                .stream().findFirst().map(json::readTree);
    }

    /** Runs of a channel (every channel when null) for broadcast dates in {@code [from, to]}, newest first, without their items. */
    public List<JsonNode> list(String channel, LocalDate from, LocalDate to, int limit) {
        return jdbc.query("""
                        select response::text from reconciliation_run
                         where (?::text is null or channel = ?) and broadcast_date between ? and ?
                         order by broadcast_date desc, created_at desc limit ?""",
                (row, n) -> {
                    var run = (tools.jackson.databind.node.ObjectNode) json.readTree(row.getString(1));
                    run.remove("items");
                    return (JsonNode) run;
                }, channel, channel, Date.valueOf(from), Date.valueOf(to), limit);
    }

    public void insert(UUID runId, String channel, LocalDate broadcastDate, String source, String bodySha256, UUID decisionId,
                       JsonNode response, List<Reconciler.Item> items, Instant now) {
        jdbc.update("""
                insert into reconciliation_run (id, channel, broadcast_date, source, body_sha256, decision_id, response, created_at)
                values (?, ?, ?, ?, ?, ?, ?::json, ?)""", runId, channel, Date.valueOf(broadcastDate), source, bodySha256, decisionId,
                json.writeValueAsString(response), Timestamp.from(now));
        int[] position = {0};
        jdbc.batchUpdate("""
                insert into reconciliation_item (run_id, position, decision_id, avail_id, spot_id, event_id, class, drift_ms, reason)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", items, 1000, (statement, item) -> {
            statement.setObject(1, runId);
            statement.setInt(2, position[0]++);
            statement.setObject(3, decisionId);
            statement.setString(4, item.availId());
            statement.setString(5, item.spotId());
            statement.setString(6, item.eventId());
            statement.setString(7, item.itemClass());
            statement.setObject(8, item.driftMs());
            statement.setString(9, item.reason());
        });
    }
}
