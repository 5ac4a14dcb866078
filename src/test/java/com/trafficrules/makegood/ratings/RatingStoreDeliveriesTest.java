package com.trafficrules.makegood.ratings;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.makegood.evaluation.RollingHistory.Stretch;
import com.trafficrules.makegood.facts.PastDelivery;
import com.trafficrules.support.HttpTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** What the rolling ratios read back from the stored ratings: each stretch's delivered spots, summed. */
@HttpTest
class RatingStoreDeliveriesTest {

    private static final long AT = Instant.parse("2026-11-20T12:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000L;

    @Autowired
    RatingStore ratings;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;

    private final String contract = "contract-" + UUID.randomUUID();
    private final String market = "market-" + UUID.randomUUID();

    @Test
    void aStretchCountsTheSpotAiredAtItsEndButNotTheOneAiredAtItsStart() {
        stored("at-start", AT - 24 * HOUR, 4.0, 3.0, "WITHIN_TOLERANCE");
        stored("inside", AT - HOUR, 10.0, 9.5, "WITHIN_TOLERANCE");
        stored("at-end", AT, 6.0, 4.5, "TRIGGERED");

        assertThat(ratings.deliveries(List.of(stretch(AT - 24 * HOUR, AT)), List.of()))
                .containsExactly(new PastDelivery(contract, market, AT, 16.0, 14.0));
    }

    @Test
    void onlySpotsThatDeliveredSomethingMeasurableCount() {
        stored("being-decided", AT - HOUR, 10.0, 9.0, "EVALUATING");
        stored("no-actual", AT - 2 * HOUR, 10.0, null, "INSUFFICIENT_DATA");
        stored("routing-failed", AT - 3 * HOUR, 5.0, 3.0, "ROUTING_FAILED");
        stored("escalated", AT - 4 * HOUR, 5.0, 2.0, "COMPLIANCE_VIOLATION");

        assertThat(ratings.deliveries(List.of(stretch(AT - 24 * HOUR, AT)), List.of()))
                .containsExactly(new PastDelivery(contract, market, AT - 3 * HOUR, 10.0, 5.0));
    }

    @Test
    void theKeysLeftOutAreNotCounted() {
        stored("decided-again", AT - HOUR, 10.0, 6.0, "ROUTING_FAILED");
        stored("earlier", AT - 2 * HOUR, 10.0, 10.0, "WITHIN_TOLERANCE");

        assertThat(ratings.deliveries(List.of(stretch(AT - 24 * HOUR, AT)), List.of(key("decided-again"))))
                .containsExactly(new PastDelivery(contract, market, AT - 2 * HOUR, 10.0, 10.0));
    }

    @Test
    void eachStretchWithSpotsIsOneDeliveryInTheOrderAsked() {
        stored("late", AT - HOUR, 2.0, 1.0, "WITHIN_TOLERANCE");
        stored("early", AT - 30 * HOUR, 3.0, 3.0, "WITHIN_TOLERANCE");

        assertThat(ratings.deliveries(List.of(stretch(AT - 24 * HOUR, AT), stretch(AT - 48 * HOUR, AT - 36 * HOUR),
                stretch(AT - 36 * HOUR, AT - 24 * HOUR)), List.of())).containsExactly(
                new PastDelivery(contract, market, AT - HOUR, 2.0, 1.0),
                new PastDelivery(contract, market, AT - 30 * HOUR, 3.0, 3.0));
    }

    @Test
    void spotsOfAnotherContractOrMarketAreNotCounted() {
        stored("ours", AT - HOUR, 2.0, 1.0, "WITHIN_TOLERANCE");
        jdbc.update("""
                insert into rating (idempotency_key, spot_id, market, contract_id, aired_start, contracted_grps, actual_grps,
                                    status, final, result, payload, evaluated_at, attempts)
                values (?, 'theirs', ?, 'another-contract', ?, 7.0, 7.0, 'WITHIN_TOLERANCE', true, '{}', '{}', now(), 1),
                       (?, 'elsewhere', 'another-market', ?, ?, 7.0, 7.0, 'WITHIN_TOLERANCE', true, '{}', '{}', now(), 1)""",
                key("theirs"), market, at(AT - HOUR), key("elsewhere"), contract, at(AT - HOUR));

        assertThat(ratings.deliveries(List.of(stretch(AT - 24 * HOUR, AT)), List.of()))
                .containsExactly(new PastDelivery(contract, market, AT - HOUR, 2.0, 1.0));
    }

    @Test
    void theSumsAreReadFromTheIndexOfDeliveredSpots() {
        String plan = transactions.execute(status -> {
            // On a table this small a scan of every row would be cheaper; what matters is that the index may be used.
            jdbc.execute("set local enable_seqscan = off");
            return String.join("\n", jdbc.queryForList("explain " + RatingStore.DELIVERIES, String.class,
                    new String[] {contract}, new String[] {market}, new String[] {"2026-11-19T12:00:00Z"},
                    new String[] {"2026-11-20T12:00:00Z"}, new String[] {}));
        });

        // With a status added to DELIVERED that the index's condition lacks, the index may not be used and the sums
        // would scan the whole table.
        assertThat(plan).contains("using rating_delivered");
    }

    @Test
    void theStretchesAreTheInstantsTheySayWhateverTheConnectionsTimeZone() {
        stored("inside", AT - HOUR, 10.0, 9.0, "WITHIN_TOLERANCE");

        List<PastDelivery> read = transactions.execute(status -> {
            jdbc.execute("set local time zone 'America/New_York'");
            return ratings.deliveries(List.of(stretch(AT - 2 * HOUR, AT - HOUR / 2)), List.of());
        });

        assertThat(read).containsExactly(new PastDelivery(contract, market, AT - HOUR, 10.0, 9.0));
    }

    private Stretch stretch(long afterMs, long untilMs) {
        return new Stretch(contract, market, afterMs, untilMs);
    }

    private void stored(String spotId, long airedMs, double contractedGrps, Double actualGrps, String status) {
        jdbc.update("""
                insert into rating (idempotency_key, spot_id, market, contract_id, aired_start, contracted_grps, actual_grps,
                                    status, final, result, payload, evaluated_at, attempts)
                values (?, ?, ?, ?, ?, ?, ?, ?, true, '{}', '{}', now(), 1)""",
                key(spotId), spotId, market, contract, at(airedMs), contractedGrps, actualGrps, status);
    }

    private String key(String spotId) {
        return contract + "/" + spotId;
    }

    private static Timestamp at(long epochMs) {
        return Timestamp.from(Instant.ofEpochMilli(epochMs));
    }
}
