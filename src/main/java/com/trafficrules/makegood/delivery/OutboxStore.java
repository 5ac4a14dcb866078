package com.trafficrules.makegood.delivery;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outbox of make-good orders (written with each order, in its transaction, by {@code OrderStore}) and the
 * delivery attempts made from it. An entry is due while {@code done_at} is null and {@code next_attempt_at} has
 * passed; claiming it pushes {@code next_attempt_at} out by a lease, so nobody else takes it meanwhile.
 */
final class OutboxStore {

    private final JdbcTemplate jdbc;

    OutboxStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A claimed entry: its order's status when claimed, the key it is sent with, its signed document, the round. */
    record Claimed(String orderId, String status, String idempotencyKey, String body, int round) {
    }

    /**
     * Claims the entry due first, leased until {@code leaseUntil}; empty when none is due. To be called in a short
     * transaction of its own: the entry's row is locked until it commits, and entries other replicas hold locked are
     * skipped rather than waited for, so no two replicas claim one entry at once.
     */
    Optional<Claimed> claimNext(Instant now, Instant leaseUntil) {
        Optional<Claimed> due = jdbc.query("""
                        select o.order_id, m.status, m.idempotency_key, m.body::text, o.attempts + 1
                          from makegood_outbox o join makegood_order m on m.order_id = o.order_id
                         where o.done_at is null and o.next_attempt_at <= ?
                         order by o.next_attempt_at, o.order_id
                         limit 1
                           for update of o skip locked""",
                (row, n) -> new Claimed(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getInt(5)),
                Timestamp.from(now)).stream().findFirst();
        due.ifPresent(claimed -> jdbc.update("update makegood_outbox set next_attempt_at = ?, attempts = attempts + 1 where order_id = ?",
                Timestamp.from(leaseUntil), claimed.orderId()));
        return due;
    }

    void recordAttempt(String orderId, Instant at, Integer httpStatus, String outcome, String detail) {
        jdbc.update("insert into makegood_delivery_attempt (order_id, at, http_status, outcome, detail) values (?, ?, ?, ?, ?)",
                orderId, Timestamp.from(at), httpStatus, outcome, detail);
    }

    /** The entry is due again at {@code at}: a later round, or at once when its lease is given back. */
    void dueAt(String orderId, Instant at) {
        jdbc.update("update makegood_outbox set next_attempt_at = ? where order_id = ? and done_at is null", Timestamp.from(at), orderId);
    }

    /** Nothing more is sent for this order. */
    void done(String orderId, Instant at) {
        jdbc.update("update makegood_outbox set done_at = ? where order_id = ? and done_at is null", Timestamp.from(at), orderId);
    }
}
