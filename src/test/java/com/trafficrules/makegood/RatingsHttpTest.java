package com.trafficrules.makegood;

import static com.trafficrules.makegood.MakegoodApi.asMap;
import static com.trafficrules.makegood.MakegoodApi.avail;
import static com.trafficrules.makegood.MakegoodApi.utc;
import static com.trafficrules.makegood.MakegoodApi.now;
import static com.trafficrules.makegood.MakegoodApi.payload;
import static com.trafficrules.makegood.MakegoodApi.unique;
import static com.trafficrules.support.Users.AUDITOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.HttpTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Ratings in, make-goods out: statuses, orders routed into the market's avails, duplicates and escalations. */
@HttpTest
class RatingsHttpTest {

    @Autowired
    RestTestClient http;

    private MakegoodApi api;
    private String market;
    private Instant tomorrow;

    @BeforeEach
    void aMarketOfItsOwn() {
        api = new MakegoodApi(http);
        market = unique("mkt");
        tomorrow = now().plus(Duration.ofDays(1));
    }

    @Test
    void anUnderDeliveredSpotIsRoutedIntoTheEarliestAvailCoveringItsDeficit() {
        api.putAvails(List.of(avail(market + "-late", market, tomorrow.plus(Duration.ofDays(2)), 60_000, 5.0),
                avail(market + "-early", market, tomorrow, 60_000, 3.0)));

        Map<String, Object> result = api.result(payload("s-1", market, 7.5));

        assertThat(result).containsEntry("status", "TRIGGERED").containsEntry("action", "routed")
                .containsEntry("duplicate", false).containsEntry("deliveryRatio", 0.75);
        @SuppressWarnings("unchecked")
        Map<String, Object> order = (Map<String, Object>) result.get("order");
        assertThat(order.get("orderId").toString()).matches("MG-[0-9A-F]{8}");
        assertThat(order).containsEntry("deficitGrps", 2.5).containsEntry("status", "ISSUED").containsEntry("priority", 1);
        assertThat((List<?>) order.get("placements")).singleElement()
                .satisfies(p -> assertThat(asMap(p)).containsEntry("availId", market + "-early")
                        .containsEntry("start", utc(tomorrow)).containsEntry("durationMs", 30_000));
    }

    @Test
    void theReservationTakesTheSpotsLengthAndAddsItsProductCodes() {
        api.putAvails(List.of(avail(market + "-a", market, tomorrow, 60_000, 3.0, "BEER")));

        api.result(payload("s-1", market, 7.5));

        assertThat(api.avails(market)).singleElement().satisfies(a -> assertThat(a)
                .containsEntry("remainingMs", 30_000).containsEntry("productCodes", List.of("AUTO", "BEER")));
    }

    @Test
    void aReplayedPayloadGetsTheFirstAnswerBackAndNoSecondOrder() {
        api.putAvails(List.of(avail(market + "-a", market, tomorrow, 120_000, 3.0)));
        Map<String, Object> payload = payload("s-1", market, 7.5);
        Map<String, Object> first = api.result(payload);

        Map<String, Object> again = api.result(payload);

        assertThat(again).containsEntry("duplicate", true).containsEntry("status", "TRIGGERED")
                .containsEntry("idempotencyKey", first.get("idempotencyKey"));
        assertThat(((Map<?, ?>) again.get("order")).get("orderId")).isEqualTo(((Map<?, ?>) first.get("order")).get("orderId"));
        assertThat(api.orders(market)).hasSize(1);
    }

    @Test
    void aSpotWithinToleranceGetsNoOrder() {
        assertThat(api.result(payload("s-1", market, 9.0))).containsEntry("status", "WITHIN_TOLERANCE")
                .containsEntry("action", "none").containsEntry("order", null);
    }

    @Test
    void aSpotWithoutInventoryFailsRoutingAndIsEscalatedWithTheNearestAvails() {
        api.putAvails(List.of(avail(market + "-full", market, tomorrow, 10_000, 3.0)));

        Map<String, Object> result = api.result(payload("s-1", market, 7.5));

        assertThat(result).containsEntry("status", "ROUTING_FAILED").containsEntry("action", "failed")
                .containsEntry("reason", "NO_INVENTORY");
        assertThat(api.escalations()).filteredOn(e -> market.equals(e.get("market"))).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("status", "ROUTING_FAILED").containsEntry("deficitGrps", 2.5);
            assertThat((List<?>) e.get("nearestAvails")).singleElement().satisfies(n -> assertThat(asMap(n))
                    .containsEntry("availId", market + "-full").containsEntry("failed", List.of("NO_ROOM")));
        });
        assertThat(api.avails(market).get(0)).containsEntry("remainingMs", 10_000);
    }

    @Test
    void aRollingTierCountsWhatTheContractsSpotsDeliveredInEarlierBatches() {
        api.result(niche("s-1", 12.0, 3));

        assertThat(api.result(niche("s-2", 8.5, 1))).containsEntry("status", "WITHIN_TOLERANCE").containsEntry("deliveryRatio", 1.025);
    }

    @Test
    void aPayloadDecidedAgainCountsOnceInItsOwnRollingRatio() {
        api.result(niche("s-1", 10.0, 3));
        Map<String, Object> underDelivered = niche("s-2", 6.0, 1);
        assertThat(api.result(underDelivered)).containsEntry("status", "ROUTING_FAILED").containsEntry("deliveryRatio", 0.8);

        assertThat(api.result(underDelivered)).containsEntry("duplicate", false).containsEntry("status", "ROUTING_FAILED")
                .containsEntry("deliveryRatio", 0.8);
    }

    @Test
    void aQuarantinedPayloadDoesNotSinkTheBatch() {
        Map<String, Object> noMarket = payload("s-2", market, 9.0);
        noMarket.remove("market");

        List<Map<String, Object>> results = api.results(List.of(payload("s-1", market, 9.0), noMarket));

        assertThat(results.get(0)).containsEntry("status", "WITHIN_TOLERANCE").containsEntry("index", 0);
        assertThat(results.get(1)).containsEntry("status", "QUARANTINED").containsEntry("reason", "MISSING_FIELD")
                .containsEntry("index", 1).containsEntry("action", "quarantined");
    }

    @Test
    void aBodyThatIsNotABatchIsRefusedNamingPayloadsAndStoresNothing() {
        long decisionsBefore = ratingsDecisions();

        http.post().uri("/api/v1/ratings").headers(com.trafficrules.support.Users.SCHEDULER).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("payloads", "none")).exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("payloads");

        assertThat(ratingsDecisions()).isEqualTo(decisionsBefore);
    }

    @Test
    void aBatchIsOneDecisionNamingTheRulesThatFired() {
        Map<String, Object> response = api.postRatings(List.of(payload("s-1", market, 9.0))).expectStatus().isOk()
                .returnResult(Map.class).getResponseBody();

        Map<?, ?> decision = http.get().uri("/api/v1/decisions/{id}", response.get("decisionId")).headers(AUDITOR).exchange()
                .expectStatus().isOk().returnResult(Map.class).getResponseBody();
        assertThat(decision.get("kind")).isEqualTo("ratings");
        assertThat(decision.get("firedRules").toString()).contains("WITHIN_TOLERANCE: own ratio");
        assertThat(((Map<?, ?>) decision.get("ruleset")).get("hash")).isEqualTo(((Map<?, ?>) response.get("ruleset")).get("hash"));
    }

    private long ratingsDecisions() {
        return ((Number) http.get().uri("/api/v1/decisions?kind=ratings").headers(AUDITOR).exchange().expectStatus().isOk()
                .returnResult(Map.class).getResponseBody().get("total")).longValue();
    }

    @Test
    void anAuditorMayNotPostRatings() {
        http.post().uri("/api/v1/ratings").headers(AUDITOR).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("payloads", List.of())).exchange().expectStatus().isForbidden();
    }

    @Test
    void ratingsNeedCredentials() {
        http.post().uri("/api/v1/ratings").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("payloads", List.of())).exchange().expectStatus().isUnauthorized();
    }

    /** A spot of the market's contract on the rolling NICHE tier, 10 GRPs contracted, aired {@code hoursAgo}. */
    private Map<String, Object> niche(String spotId, double actualGrps, int hoursAgo) {
        Map<String, Object> payload = payload(spotId, market, actualGrps);
        Instant aired = now().minus(Duration.ofHours(hoursAgo));
        payload.put("marketTier", "NICHE");
        payload.put("airedStart", aired.toString());
        payload.put("airedEnd", aired.plusSeconds(30).toString());
        return payload;
    }
}
