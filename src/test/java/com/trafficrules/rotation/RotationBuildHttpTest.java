package com.trafficrules.rotation;

import static com.trafficrules.support.Users.AUDITOR;
import static com.trafficrules.support.Users.MANAGER;
import static com.trafficrules.support.Users.SCHEDULER;

import com.trafficrules.support.HttpTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

@HttpTest
class RotationBuildHttpTest {

    @Autowired
    RestTestClient http;

    private RestTestClient.ResponseSpec build(java.util.function.Consumer<HttpHeaders> user, Map<String, Object> body) {
        return http.post().uri("/api/v1/rotation/build").headers(user).contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

    private static Map<String, Object> candidate(String id, long lengthMs, int priority) {
        Map<String, Object> candidate = new LinkedHashMap<>();
        candidate.put("id", id);
        candidate.put("lengthMs", lengthMs);
        candidate.put("advertiser", "ADV-" + id);
        candidate.put("type", "commercial");
        candidate.put("priority", priority);
        return candidate;
    }

    private static Map<String, Object> request(List<Map<String, Object>> candidates) {
        return Map.of("channel", "retro-prime", "seed", 42,
                "breaks", List.of(Map.of("id", "B1", "start", "2026-11-20T20:12:00Z", "durationMs", 60_000)),
                "candidates", candidates);
    }

    @Test
    void placesWhatFitsAndQuarantinesTheRestWithItsReasons() {
        build(SCHEDULER, request(List.of(candidate("A", 30_000, 90), candidate("B", 30_000, 50), candidate("C", 30_000, 10))))
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.decisionId").isNotEmpty()
                .jsonPath("$.ruleset.hash").isNotEmpty()
                .jsonPath("$.placements.length()").isEqualTo(2)
                .jsonPath("$.placements[0].spotId").isEqualTo("A")
                .jsonPath("$.placements[0].breakId").isEqualTo("B1")
                .jsonPath("$.placements[0].start").isEqualTo("2026-11-20T20:12:00.000Z")
                .jsonPath("$.placements[1].start").isEqualTo("2026-11-20T20:12:30.000Z")
                .jsonPath("$.quarantined[0].spotId").isEqualTo("C")
                .jsonPath("$.quarantined[0].reasons[0].rule").isEqualTo("break-overfill");
    }

    @Test
    void storesTheBuildAsADecision() {
        String id = build(SCHEDULER, request(List.of(candidate("A", 30_000, 90)))).expectStatus().isOk()
                .returnResult(Map.class).getResponseBody().get("decisionId").toString();

        http.get().uri("/api/v1/decisions/{id}", id).headers(AUDITOR).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.kind").isEqualTo("rotation.build")
                .jsonPath("$.outcome.placements[0].spotId").isEqualTo("A");
    }

    @Test
    void onlyASchedulerMayBuild() {
        build(MANAGER, request(List.of(candidate("A", 30_000, 90)))).expectStatus().isForbidden();
    }

    @Test
    void rejectsDuplicateCandidateIds() {
        build(SCHEDULER, request(List.of(candidate("A", 30_000, 90), candidate("A", 15_000, 10))))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("candidates[1].id");
    }

    @Test
    void rejectsALengthLongerThanADay() {
        build(SCHEDULER, request(List.of(candidate("A", 86_400_001L, 90))))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("candidates[0].lengthMs");
    }
}
