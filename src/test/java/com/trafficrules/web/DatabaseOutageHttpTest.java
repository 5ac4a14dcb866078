package com.trafficrules.web;

import static com.trafficrules.rotation.RotationLogBuilder.log;
import static com.trafficrules.support.Users.AUDITOR;
import static com.trafficrules.support.Users.SCHEDULER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.trafficrules.database.TrafficDbProperties;
import com.trafficrules.support.DatabaseOutage;
import com.trafficrules.support.HttpTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Faults are answered, not thrown: with the database unreachable, whatever needs it answers 503 with a
 * problem and {@code Retry-After} — never a 500 —, what does not need it answers as usual, and health says
 * DOWN; once the database is back the same requests succeed, with no restart. (A fill answers from its static
 * filler instead: FillOutageHttpTest.)
 */
@HttpTest
@TestPropertySource(properties = DatabaseOutage.OWN_SERVER)
class DatabaseOutageHttpTest {

    @Autowired
    RestTestClient http;

    @Autowired
    TrafficDbProperties db;

    private DatabaseOutage outage;
    private List<Call> callsThatNeedTheDatabase;

    /** A request, named for the assertion messages. */
    private record Call(String name, Supplier<RestTestClient.ResponseSpec> send) {

        EntityExchangeResult<Map> answer() {
            return send.get().returnResult(Map.class);
        }
    }

    @BeforeEach
    void representativeCalls() {
        outage = new DatabaseOutage(db, http);
        String decisionId = aStoredDecision();
        callsThatNeedTheDatabase = List.of(validation(),
                new Call("a ruleset listing", () -> get("/api/v1/rulesets")),
                new Call("a decision read", () -> get("/api/v1/decisions/" + decisionId)),
                new Call("a ratings batch", () -> post("/api/v1/ratings", Map.of("payloads", List.of(ratingPayload())))),
                new Call("a reconciliation run", () -> post("/api/v1/reconciliations", reconciliationRun())),
                new Call("an avails listing", () -> get("/api/v1/avails?market=outage")));
    }

    @AfterEach
    void bringTheDatabaseBack() {
        outage.endIfBegun();
    }

    private String aStoredDecision() {
        return (String) validation().answer().getResponseBody().get("decisionId");
    }

    private Call validation() {
        return new Call("a validation", () -> post("/api/v1/rotation/validate", log("retro-prime")
                .breakAt("B1", "2026-11-20T20:12:00Z", 120_000).spot("S1", "B1", "2026-11-20T20:12:00Z", 30_000).body()));
    }

    /** A DMA spot that aired an hour ago and delivered what it was sold. */
    private static Map<String, Object> ratingPayload() {
        Instant aired = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        return Map.of("spotId", "S-" + UUID.randomUUID(), "market", "outage", "marketTier", "DMA",
                "airedStart", aired.toString(), "airedEnd", aired.plusSeconds(30).toString(),
                "contractedGrps", 10.0, "actualGrps", 10.0, "spotLengthMs", 30_000);
    }

    /** One planned spot and the as-run row that aired it; a new body each time (its tag), so never a replay. */
    private static Map<String, Object> reconciliationRun() {
        return Map.of("channel", "retro-prime", "broadcastDate", "2026-11-20", "tag", UUID.randomUUID().toString(),
                "planned", List.of(Map.of("availId", "A-1", "spotId", "S-1", "start", "2026-11-20T20:12:00Z",
                        "end", "2026-11-20T20:12:30Z", "lengthMs", 30_000, "status", "SCHEDULED")),
                "asRun", List.of(Map.of("eventId", "E-1", "spotId", "S-1", "start", "2026-11-20T20:12:00Z",
                        "durationMs", 30_000, "status", "AIRED")));
    }

    private RestTestClient.ResponseSpec get(String uri) {
        return http.get().uri(uri).headers(AUDITOR).exchange();
    }

    private RestTestClient.ResponseSpec post(String uri, Object body) {
        return http.post().uri(uri).headers(SCHEDULER).contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

    @Test
    void answersServiceUnavailableWhileTheDatabaseIsDown() {
        outage.begin();

        assertSoftly(softly -> {
            for (Call call : callsThatNeedTheDatabase) {
                EntityExchangeResult<Map> answer = call.answer();

                softly.assertThat(answer.getStatus().value()).as(call.name()).isEqualTo(503);
                softly.assertThat(answer.getResponseHeaders().getContentType()).as(call.name())
                        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                softly.assertThat(answer.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).as(call.name())
                        .containsOnlyDigits();
                softly.assertThat(answer.getResponseBody()).as(call.name())
                        .containsEntry("type", "https://traffic-rules.dev/problems/service-unavailable")
                        .containsEntry("status", 503).containsKeys("title", "detail");
            }
        });
    }

    @Test
    void reportsHealthDownWhileTheDatabaseIsDown() {
        outage.begin();

        EntityExchangeResult<Map> health = http.get().uri("/actuator/health").exchange().returnResult(Map.class);

        assertThat(health.getStatus().value()).isEqualTo(503);
        assertThat(health.getResponseBody()).containsEntry("status", "DOWN");
    }

    @Test
    void answersWhatNeedsNoDatabaseWhileItIsDown() {
        outage.begin();

        assertThat(get("/api/v1/channels/retro-prime/policy").returnResult(Map.class).getStatus().value()).isEqualTo(200);
    }

    @Test
    void answersAgainOnceTheDatabaseIsBackWithoutARestart() {
        outage.begin();
        assertThat(callsThatNeedTheDatabase.get(0).answer().getStatus().value()).isEqualTo(503);

        outage.end();

        assertSoftly(softly -> {
            for (Call call : callsThatNeedTheDatabase) {
                softly.assertThat(call.answer().getStatus().value()).as(call.name()).isEqualTo(200);
            }
        });
    }
}
