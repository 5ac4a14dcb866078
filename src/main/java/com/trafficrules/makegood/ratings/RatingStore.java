package com.trafficrules.makegood.ratings;

import com.trafficrules.database.InstantArrays;
import com.trafficrules.makegood.evaluation.RollingHistory;
import com.trafficrules.makegood.facts.PastDelivery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One row per idempotency key. The primary key is what keeps a payload from being decided twice: a batch claims
 * its keys before deciding them, and a second batch with the same key waits on the first one's row, then finds
 * its answer (or, for an answer that is not final, decides again). Keys are claimed in order, so two batches
 * never wait on each other in a circle.
 */
@Repository
public class RatingStore {

    /**
     * The statuses of spots that delivered something measurable, which rolling ratios count. The index they are summed
     * from (db/changes/012) holds the rows of these statuses with a measured audience: with a status added here that its
     * condition lacks, PostgreSQL may no longer use it, and the sums scan the whole table.
     */
    private static final String DELIVERED = "('WITHIN_TOLERANCE', 'COMPLIANCE_VIOLATION', 'TRIGGERED', 'ROUTING_FAILED')";

    /** What the spots of each stretch delivered (see {@link #deliveries}): the stretches' columns, then the keys left out. */
    static final String DELIVERIES = """
            select s.contract_id, s.market, d.last_aired, d.contracted_grps, d.actual_grps
              from unnest(?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[]) with ordinality
                   as s(contract_id, market, after_at, until_at, n)
              cross join lateral (select max(r.aired_start) as last_aired, sum(r.contracted_grps::numeric)::float8 as contracted_grps,
                                         sum(r.actual_grps::numeric)::float8 as actual_grps
                                    from rating r where r.contract_id = s.contract_id and r.market = s.market
                                     and r.aired_start > s.after_at and r.aired_start <= s.until_at
                                     and r.actual_grps is not null and r.status in """ + DELIVERED + """
                                     and r.idempotency_key <> all(?)) d
             where d.last_aired is not null
             order by s.n""";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    RatingStore(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A payload about to be decided. */
    record Claim(String key, String spotId, String market, String contractId, Instant airedStart, double contractedGrps,
                 Double actualGrps, JsonNode payload) {
    }

    record Claimed(boolean isNew, int attempts) {
    }

    /** A payload decided. */
    record Decided(String key, String status, boolean isFinal, JsonNode result, JsonNode escalation, Instant retryAt) {
    }

    /** The final answers already given to any of these keys. */
    Map<String, JsonNode> finalResults(Collection<String> keys) {
        Map<String, JsonNode> results = new HashMap<>();
        if (keys.isEmpty()) {
            return results;
        }
        jdbc.query("select idempotency_key, result from rating where idempotency_key = any(?) and final",
                row -> {
                    results.put(row.getString(1), json.readTree(row.getString(2)));
                }, (Object) keys.toArray(String[]::new));
        return results;
    }

    /**
     * Claims the keys for this transaction: new ones are inserted, ones without a final answer locked; the keys
     * claimed, each with whether its row is new and how many times it has now been decided. A key missing from the
     * answer got a final answer from a batch that committed meanwhile.
     */
    Map<String, Claimed> claim(List<Claim> claims, Instant now) {
        Map<String, Claimed> claimed = new HashMap<>();
        if (claims.isEmpty()) {
            return claimed;
        }
        List<Claim> ordered = claims.stream().sorted(Comparator.comparing(Claim::key)).toList();
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    insert into rating (idempotency_key, spot_id, market, contract_id, aired_start, contracted_grps, actual_grps,
                                        status, final, result, payload, decision_id, evaluated_at, attempts)
                    select k, s, m, c, a, cg, ag, 'EVALUATING', false, '{}'::json, p::json, null, ?, 1
                      from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::float8[], ?::float8[], ?::text[])
                           with ordinality as t(k, s, m, c, a, cg, ag, p, n)
                     order by n
                    on conflict (idempotency_key) do update set attempts = rating.attempts + 1 where not rating.final
                    returning idempotency_key, xmax = 0, attempts""");
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setArray(2, texts(connection, ordered.stream().map(Claim::key).toList()));
            statement.setArray(3, texts(connection, ordered.stream().map(Claim::spotId).toList()));
            statement.setArray(4, texts(connection, ordered.stream().map(Claim::market).toList()));
            statement.setArray(5, texts(connection, ordered.stream().map(Claim::contractId).toList()));
            statement.setArray(6, InstantArrays.of(connection, ordered.stream().map(Claim::airedStart).toList()));
            statement.setArray(7, connection.createArrayOf("float8", ordered.stream().map(Claim::contractedGrps).toArray()));
            statement.setArray(8, connection.createArrayOf("float8", ordered.stream().map(Claim::actualGrps).toArray()));
            statement.setArray(9, texts(connection, ordered.stream().map(c -> json.writeValueAsString(c.payload())).toList()));
            return statement;
        }, row -> {
            claimed.put(row.getString(1), new Claimed(row.getBoolean(2), row.getInt(3)));
        });
        return claimed;
    }

    /** Writes each claimed key's answer, in one statement (a batch of single-row updates took several times as long). */
    void complete(List<Decided> decided, UUID decisionId, Instant now) {
        if (decided.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    update rating r set status = t.status, final = t.final, result = t.result::json, escalation = t.escalation::json,
                                        decision_id = ?, evaluated_at = ?, retry_at = t.retry_at
                      from unnest(?::text[], ?::text[], ?::boolean[], ?::text[], ?::text[], ?::timestamptz[])
                           as t(idempotency_key, status, final, result, escalation, retry_at)
                     where r.idempotency_key = t.idempotency_key""");
            statement.setObject(1, decisionId);
            statement.setTimestamp(2, Timestamp.from(now));
            statement.setArray(3, texts(connection, decided.stream().map(Decided::key).toList()));
            statement.setArray(4, texts(connection, decided.stream().map(Decided::status).toList()));
            statement.setArray(5, connection.createArrayOf("boolean", decided.stream().map(Decided::isFinal).toArray()));
            statement.setArray(6, texts(connection, decided.stream().map(d -> json.writeValueAsString(d.result())).toList()));
            statement.setArray(7, texts(connection, decided.stream()
                    .map(d -> d.escalation() == null ? null : json.writeValueAsString(d.escalation())).toList()));
            statement.setArray(8, InstantArrays.of(connection, decided.stream().map(Decided::retryAt).toList()));
            return statement;
        });
    }

    /** Forgets claims of new keys the rules quarantined: a quarantined payload is no answer for its spot. */
    void forget(Collection<String> keys) {
        if (!keys.isEmpty()) {
            jdbc.update("delete from rating where idempotency_key = any(?) and status = 'EVALUATING'", (Object) keys.toArray(String[]::new));
        }
    }

    /**
     * What the spots of each stretch delivered, for the rolling ratios: one delivery a stretch that has any, at its last
     * spot's air time, in the order given; the spots of the keys {@code leftOut} are not counted. One query, a probe
     * of the covering index of delivered spots on (contract, market, aired start) a stretch. The GRPs are summed as
     * decimals (to 15 significant digits), so the sums do not depend on the order PostgreSQL adds them up in.
     */
    List<PastDelivery> deliveries(List<RollingHistory.Stretch> stretches, Collection<String> leftOut) {
        if (stretches.isEmpty()) {
            return List.of();
        }
        return jdbc.query(connection -> {
            var statement = connection.prepareStatement(DELIVERIES);
            statement.setArray(1, texts(connection, stretches.stream().map(RollingHistory.Stretch::contractId).toList()));
            statement.setArray(2, texts(connection, stretches.stream().map(RollingHistory.Stretch::market).toList()));
            statement.setArray(3, InstantArrays.of(connection,
                    stretches.stream().map(stretch -> Instant.ofEpochMilli(stretch.afterMs())).toList()));
            statement.setArray(4, InstantArrays.of(connection,
                    stretches.stream().map(stretch -> Instant.ofEpochMilli(stretch.untilMs())).toList()));
            statement.setArray(5, texts(connection, List.copyOf(leftOut)));
            return statement;
        }, (row, n) -> new PastDelivery(row.getString(1), row.getString(2), row.getTimestamp(3).toInstant().toEpochMilli(),
                row.getDouble(4), row.getDouble(5)));
    }

    /** Escalated payloads, newest first: what a person must decide. */
    public List<JsonNode> escalations(int limit) {
        return jdbc.query("""
                        select result, escalation, attempts, retry_at, decision_id, evaluated_at from rating
                         where status in ('COMPLIANCE_VIOLATION', 'ROUTING_FAILED') order by evaluated_at desc, idempotency_key limit ?""",
                (row, n) -> {
                    var view = json.createObjectNode();
                    JsonNode result = json.readTree(row.getString(1));
                    view.setAll((tools.jackson.databind.node.ObjectNode) result);
                    view.remove("index");
                    view.remove("duplicate");
                    if (row.getString(2) != null) {
                        view.setAll((tools.jackson.databind.node.ObjectNode) json.readTree(row.getString(2)));
                    }
                    view.put("attempts", row.getInt(3));
                    view.put("nextRetryAt", row.getTimestamp(4) == null ? null
                            : com.trafficrules.web.Times.format(row.getTimestamp(4).toInstant()));
                    view.put("decisionId", row.getString(5));
                    view.put("evaluatedAt", com.trafficrules.web.Times.format(row.getTimestamp(6).toInstant()));
                    return (JsonNode) view;
                }, limit);
    }

    /**
     * Payloads whose routing failed and whose next attempt is due, leased until {@code leasedUntil}: no other run (on
     * any replica) takes them before then, and if this one dies they are due again then. Their batch, deciding them,
     * sets their next attempt.
     */
    List<JsonNode> leaseDueRetries(Instant now, Instant leasedUntil, int limit) {
        return jdbc.query("""
                        update rating set retry_at = ? where idempotency_key in (
                            select idempotency_key from rating where retry_at <= ? and status = 'ROUTING_FAILED'
                             order by retry_at, idempotency_key limit ? for update skip locked)
                        returning payload""",
                (row, n) -> json.readTree(row.getString(1)), Timestamp.from(leasedUntil), Timestamp.from(now), limit);
    }

    private static java.sql.Array texts(Connection connection, List<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }
}
