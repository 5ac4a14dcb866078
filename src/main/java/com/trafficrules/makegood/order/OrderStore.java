package com.trafficrules.makegood.order;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Make-good orders, their events and their delivery attempts in PostgreSQL. */
@Repository
public class OrderStore {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;

    OrderStore(JdbcTemplate jdbc, JsonMapper json, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
    }

    public record Event(Instant at, String by, String type, String reason) {
    }

    public record DeliveryAttempt(Instant at, Integer httpStatus, String outcome, String detail) {
    }

    /** A stored order: the signed document, where it stands, and what happened to it. */
    public record StoredOrder(JsonNode body, String status, List<Event> events, List<DeliveryAttempt> deliveries) {

        /** The order as the API shows it: the signed fields, the signature, then the status, events and deliveries. */
        public ObjectNode view(JsonMapper json) {
            ObjectNode view = (ObjectNode) body.deepCopy();
            view.put("status", status);
            view.set("events", json.valueToTree(events));
            view.set("deliveries", json.valueToTree(deliveries));
            return view;
        }
    }

    /** An order about to be stored: its id, key, market and signed document. */
    public record NewOrder(String orderId, String idempotencyKey, String market, JsonNode signedBody) {
    }

    /**
     * Stores new ISSUED orders with their ISSUED events and outbox entries, all in the caller's transaction, in a few
     * statements whatever their number; the ones whose id turned out to be another order's are not stored and are
     * returned, for the caller to draw their next id.
     */
    public List<NewOrder> insertAll(List<NewOrder> orders, Instant emittedAt, String by) {
        Timestamp at = Timestamp.from(emittedAt);
        int[][] inserted = jdbc.batchUpdate("""
                insert into makegood_order (order_id, idempotency_key, market, status, body, emitted_at)
                values (?, ?, ?, 'ISSUED', ?::json, ?) on conflict (order_id) do nothing""", orders, 500, (statement, order) -> {
            statement.setString(1, order.orderId());
            statement.setString(2, order.idempotencyKey());
            statement.setString(3, order.market());
            statement.setString(4, json.writeValueAsString(order.signedBody()));
            statement.setTimestamp(5, at);
        });
        List<NewOrder> stored = new ArrayList<>();
        List<NewOrder> taken = new ArrayList<>();
        int i = 0;
        for (int[] chunk : inserted) {
            for (int count : chunk) {
                (count == 0 ? taken : stored).add(orders.get(i++));
            }
        }
        jdbc.batchUpdate("insert into makegood_order_event (order_id, at, by, type, reason) values (?, ?, ?, 'ISSUED', null)",
                stored, 500, (statement, order) -> {
                    statement.setString(1, order.orderId());
                    statement.setTimestamp(2, at);
                    statement.setString(3, by);
                });
        jdbc.batchUpdate("insert into makegood_outbox (order_id, next_attempt_at) values (?, ?)", stored, 500, (statement, order) -> {
            statement.setString(1, order.orderId());
            statement.setTimestamp(2, at);
        });
        stored.forEach(order -> events.publishEvent(new OrderQueued(order.orderId())));
        return taken;
    }

    public Optional<StoredOrder> find(String orderId) {
        return jdbc.query("select body, status from makegood_order where order_id = ?",
                (row, n) -> stored(orderId, row.getString(1), row.getString(2)), orderId).stream().findFirst();
    }

    /** The order's status, with its row locked until the transaction ends; empty for an unknown order. */
    public Optional<String> lockStatus(String orderId) {
        return jdbc.queryForList("select status from makegood_order where order_id = ? for update", String.class, orderId)
                .stream().findFirst();
    }

    /** Orders newest first, of a status and a market when given, without their events. */
    public List<ObjectNode> list(String status, String market, int limit) {
        return jdbc.query("""
                        select body, status from makegood_order
                         where (?::text is null or status = ?) and (?::text is null or market = ?)
                         order by emitted_at desc, order_id limit ?""",
                (row, n) -> {
                    ObjectNode view = (ObjectNode) json.readTree(row.getString(1));
                    return view.put("status", row.getString(2));
                }, status, status, market, market, limit);
    }

    public void setStatus(String orderId, String status) {
        jdbc.update("update makegood_order set status = ? where order_id = ?", status, orderId);
    }

    public void addEvent(String orderId, Instant at, String by, String type, String reason) {
        jdbc.update("insert into makegood_order_event (order_id, at, by, type, reason) values (?, ?, ?, ?, ?)",
                orderId, Timestamp.from(at), by, type, reason);
    }

    private StoredOrder stored(String orderId, String body, String status) {
        List<Event> events = jdbc.query("select at, by, type, reason from makegood_order_event where order_id = ? order by id",
                (row, n) -> new Event(row.getTimestamp(1).toInstant(), row.getString(2), row.getString(3), row.getString(4)), orderId);
        List<DeliveryAttempt> deliveries = jdbc.query("""
                        select at, http_status, outcome, detail from makegood_delivery_attempt where order_id = ? order by id""",
                (row, n) -> new DeliveryAttempt(row.getTimestamp(1).toInstant(), (Integer) row.getObject(2), row.getString(3),
                        row.getString(4)), orderId);
        return new StoredOrder(json.readTree(body), status, events, deliveries);
    }
}
