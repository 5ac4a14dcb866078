package com.trafficrules.reconciliation.store;

import com.trafficrules.reconciliation.run.Reconciler;
import com.trafficrules.web.JsonText;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

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
        return run("where body_sha256 = ?", bodySha256);
    }

    public Optional<JsonNode> byId(UUID runId) {
        return run("where id = ?", runId);
    }

    private Optional<JsonNode> run(String where, Object key) {
        return jdbc.query("select id, response::text from reconciliation_run " + where,
                        (row, n) -> Map.entry(row.getObject(1, UUID.class), (ObjectNode) json.readTree(row.getString(2))), key)
                .stream().findFirst().map(run -> answer(run.getKey(), run.getValue()));
    }

    /** A stored run as it was answered; runs stored before their items were kept apart carry them in the response. */
    private JsonNode answer(UUID runId, ObjectNode summary) {
        return summary.has("items") ? summary : withItems(summary, itemsJson(json, items(runId)));
    }

    private List<Reconciler.Item> items(UUID runId) {
        return jdbc.query("""
                        select a, s, e, c, d, r from reconciliation_run_items,
                               unnest(avail_ids, spot_ids, event_ids, classes, drift_ms, reasons) with ordinality as t(a, s, e, c, d, r, n)
                         where run_id = ? order by n""",
                (row, n) -> new Reconciler.Item(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getObject(5, Long.class), row.getString(6)), runId);
    }

    /** A run's items as its answer shows them. */
    static ArrayNode itemsJson(JsonMapper json, List<Reconciler.Item> items) {
        // Node by node: converting a list of records to a tree serialises it and reads it back.
        ArrayNode shown = json.createArrayNode();
        items.forEach(item -> shown.addObject()
                .put("availId", item.availId())
                .put("spotId", item.spotId())
                .put("eventId", item.eventId())
                .put("class", item.itemClass())
                .put("driftMs", item.driftMs())
                .put("reason", item.reason()));
        return shown;
    }

    /** The answer: the stored summary with the items in their place, before the quarantined rows. */
    private ObjectNode withItems(ObjectNode summary, ArrayNode items) {
        ObjectNode run = json.createObjectNode();
        summary.properties().forEach(field -> {
            if (field.getKey().equals("quarantined")) {
                run.set("items", items);
            }
            run.set(field.getKey(), field.getValue());
        });
        return run;
    }

    /** Runs of a channel (every channel when null) for broadcast dates in {@code [from, to]}, newest first, without their items. */
    public List<JsonNode> list(String channel, LocalDate from, LocalDate to, int limit) {
        return jdbc.query("""
                        select response::text from reconciliation_run
                         where (?::text is null or channel = ?) and broadcast_date between ? and ?
                         order by broadcast_date desc, created_at desc limit ?""",
                (row, n) -> {
                    ObjectNode run = (ObjectNode) json.readTree(row.getString(1));
                    run.remove("items");
                    return (JsonNode) run;
                }, channel, channel, Date.valueOf(from), Date.valueOf(to), limit);
    }

    public void insert(UUID runId, String channel, LocalDate broadcastDate, String source, String bodySha256, UUID decisionId,
                       JsonNode response, List<Reconciler.Item> items, Instant now) {
        jdbc.update("""
                insert into reconciliation_run (id, channel, broadcast_date, source, body_sha256, decision_id, response, created_at)
                values (?, ?, ?, ?, ?, ?, ?::json, ?)""", runId, channel, Date.valueOf(broadcastDate), source, bodySha256, decisionId,
                JsonText.of(json, summary(response)), Timestamp.from(now));
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    insert into reconciliation_run_items (run_id, avail_ids, spot_ids, event_ids, classes, drift_ms, reasons)
                    values (?, ?, ?, ?, ?, ?, ?)""");
            statement.setObject(1, runId);
            statement.setArray(2, texts(connection, items, Reconciler.Item::availId));
            statement.setArray(3, texts(connection, items, Reconciler.Item::spotId));
            statement.setArray(4, texts(connection, items, Reconciler.Item::eventId));
            statement.setArray(5, texts(connection, items, Reconciler.Item::itemClass));
            statement.setArray(6, connection.createArrayOf("bigint", items.stream().map(Reconciler.Item::driftMs).toArray()));
            statement.setArray(7, texts(connection, items, Reconciler.Item::reason));
            return statement;
        });
    }

    /** The answer without its items, which are kept as rows of their own: each once, not twice. */
    private ObjectNode summary(JsonNode response) {
        ObjectNode summary = json.createObjectNode();
        response.properties().stream().filter(field -> !field.getKey().equals("items"))
                .forEach(field -> summary.set(field.getKey(), field.getValue()));
        return summary;
    }

    private static Array texts(Connection connection, List<Reconciler.Item> items, Function<Reconciler.Item, String> field)
            throws SQLException {
        return connection.createArrayOf("text", items.stream().map(field).toArray());
    }
}
