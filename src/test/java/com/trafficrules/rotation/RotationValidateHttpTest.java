package com.trafficrules.rotation;

import static com.trafficrules.rotation.RotationLogBuilder.log;
import static com.trafficrules.support.Problems.expectOnlyProblem;
import static com.trafficrules.support.Users.AUDITOR;
import static com.trafficrules.support.Users.SCHEDULER;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.HttpTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

@HttpTest
class RotationValidateHttpTest {

    @Autowired
    RestTestClient http;

    private RestTestClient.ResponseSpec validate(Map<String, Object> body) {
        return http.post().uri("/api/v1/rotation/validate").headers(SCHEDULER)
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

    private static RotationLogBuilder oneBreak() {
        return log("retro-prime").breakAt("B1", "2026-11-20T20:12:00Z", 120_000);
    }

    @Test
    void reportsOverlapOnTheLaterSpotWithTheRulesetThatDecided() {
        validate(oneBreak()
                .spot("S1", "B1", "2026-11-20T20:12:00Z", 30_000)
                .spot("S2", "B1", "2026-11-20T20:12:20Z", 30_000).body())
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.valid").isEqualTo(false)
                .jsonPath("$.decisionId").isNotEmpty()
                .jsonPath("$.ruleset.hash").value(String.class, hash -> assertThat(hash).hasSize(64))
                .jsonPath("$.faults.length()").isEqualTo(1)
                .jsonPath("$.faults[0].rule").isEqualTo("temporal-overlap")
                .jsonPath("$.faults[0].severity").isEqualTo("CRITICAL")
                .jsonPath("$.faults[0].spotId").isEqualTo("S2")
                .jsonPath("$.faults[0].conflictingIds[0]").isEqualTo("S1");
    }

    @Test
    void acceptsBackToBackSpots() {
        validate(oneBreak()
                .spot("S1", "B1", "2026-11-20T20:12:00Z", 30_000)
                .spot("S2", "B1", "2026-11-20T20:12:30Z", 30_000).body())
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.valid").isEqualTo(true)
                .jsonPath("$.faults.length()").isEqualTo(0);
    }

    @Test
    void storesTheDecisionForTheAuditor() {
        String decisionId = validate(oneBreak()
                .spot("S1", "B1", "2026-11-20T20:12:00Z", 30_000)
                .spot("S2", "B1", "2026-11-20T20:12:00Z", 30_000).body())
                .expectStatus().isOk()
                .returnResult(Map.class).getResponseBody().get("decisionId").toString();

        http.get().uri("/api/v1/decisions/{id}", decisionId).headers(AUDITOR).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.kind").isEqualTo("rotation.validate")
                .jsonPath("$.channel").isEqualTo("retro-prime")
                .jsonPath("$.caller").isEqualTo("scheduler")
                .jsonPath("$.firedRules[0]").isEqualTo("temporal-overlap")
                .jsonPath("$.request.spots[1].id").isEqualTo("S2")
                .jsonPath("$.outcome.faults[0].spotId").isEqualTo("S2");
    }

    @Test
    void rejectsDuplicateSpotIdsNamingTheField() {
        validate(oneBreak()
                .spot("S1", "B1", "2026-11-20T20:12:00Z", 30_000)
                .spot("S1", "B1", "2026-11-20T20:12:30Z", 30_000).body())
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("spots[1].id");
    }

    @Test
    void rejectsASpotInAnUnknownBreak() {
        validate(oneBreak().spot("S1", "B9", "2026-11-20T20:12:00Z", 30_000).body())
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("spots[0].breakId");
    }

    @Test
    void rejectsANonPositiveLength() {
        validate(oneBreak().spot("S1", "B1", "2026-11-20T20:12:00Z", 0).body())
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("spots[0].lengthMs");
    }

    @Test
    void rejectsAnUnknownType() {
        validate(oneBreak().spot("S1", "B1", "2026-11-20T20:12:00Z", 30_000, Map.of("type", "infomercial")).body())
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("spots[0].type");
    }

    @Test
    void rejectsADaypartTheChannelDoesNotHave() {
        validate(oneBreak().spot("S1", "B1", "2026-11-20T20:12:00Z", 30_000, Map.of("dayparts", java.util.List.of("BRUNCH"))).body())
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("spots[0].dayparts[0]");
    }

    @Test
    void rejectsAStartWithoutOffset() {
        validate(oneBreak().spot("S1", "B1", "2026-11-20T20:12:00", 30_000).body())
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("spots[0].start");
    }

    @Test
    void storesNoDecisionForARejectedRequest() {
        long before = decisionCount();
        validate(oneBreak().spot("S1", "B9", "2026-11-20T20:12:00Z", 30_000).body()).expectStatus().isBadRequest();
        assertThat(decisionCount()).isEqualTo(before);
    }

    private long decisionCount() {
        return ((Number) http.get().uri("/api/v1/decisions?kind=rotation.validate").headers(AUDITOR).exchange()
                .returnResult(Map.class).getResponseBody().get("total")).longValue();
    }

    @Test
    void rejectsAnUnknownPositionListingTheSoldPositions() {
        Map<String, Object> body = oneBreak().spot("S1", "B1", "2026-11-20T20:12:00Z", 30_000, Map.of("position", "MIDDLE")).body();

        expectOnlyProblem(validate(body), "spots[0].position", "must be FIRST or LAST");
    }

    @Test
    void rejectsABreakWithoutAStartNamingTheBreaksField() {
        Map<String, Object> body = Map.of("channel", "retro-prime",
                "breaks", java.util.List.of(Map.of("id", "B1", "durationMs", 120_000)));

        expectOnlyProblem(validate(body), "breaks[0].start", "is required");
    }
}
