package com.trafficrules.reconciliation;

import static com.trafficrules.support.Users.AUDITOR;
import static com.trafficrules.support.Users.MANAGER;
import static com.trafficrules.support.Users.SCHEDULER;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.HttpTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Reconciliation runs sent as JSON: classified, stored once, read back, refused when they are no run. */
@HttpTest
class ReconciliationHttpTest {

    @Autowired
    RestTestClient http;

    private static Map<String, Object> planned(String availId, String spotId, String start, String end, int lengthMs) {
        Map<String, Object> row = new HashMap<>();
        row.put("availId", availId);
        row.put("spotId", spotId);
        row.put("start", start);
        row.put("end", end);
        row.put("lengthMs", lengthMs);
        row.put("billingCode", "NAT-1001");
        row.put("status", "SCHEDULED");
        return row;
    }

    private static Map<String, Object> asRun(String eventId, String spotId, String start, int durationMs, String status) {
        Map<String, Object> row = new HashMap<>();
        row.put("eventId", eventId);
        row.put("spotId", spotId);
        row.put("start", start);
        row.put("durationMs", durationMs);
        row.put("status", status);
        row.put("billingCode", "NAT-1001");
        return row;
    }

    /** A run whose body is new (its tag): one confirmed spot, one late, one matched by its spot id that did not air. */
    private static Map<String, Object> run() {
        String tag = UUID.randomUUID().toString();
        return Map.of("channel", "retro-prime", "broadcastDate", "2026-11-20", "tag", tag,
                "planned", List.of(planned("A-1", "S-1", "2026-11-20T20:12:00Z", "2026-11-20T20:12:30Z", 30_000),
                        planned("A-2", "S-2", "2026-11-20T20:12:30Z", "2026-11-20T20:13:00Z", 30_000),
                        planned("A-3", "S-3", "2026-11-20T20:13:00Z", "2026-11-20T20:13:30Z", 30_000)),
                "asRun", List.of(asRun("E-1", "S-1", "2026-11-20T15:12:00.350-05:00", 30_000, "AIRED"),
                        asRun("E-2", "S-2", "2026-11-20T15:12:32", 30_000, "AIRED"),
                        asRun("E-3", "S-3", "2026-11-20T20:13:00Z", 0, "SKIPPED")));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<?, ?> answer, String field) {
        return (List<Map<String, Object>>) answer.get(field);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private RestTestClient.ResponseSpec post(Consumer<HttpHeaders> user, Object body) {
        return http.post().uri("/api/v1/reconciliations").headers(user).contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

    private Map<?, ?> reconciled(Object body) {
        return post(SCHEDULER, body).expectStatus().isOk().returnResult(Map.class).getResponseBody();
    }

    @Test
    void aRunClassifiesEachPlannedSpotAndCountsTheClasses() {
        Map<?, ?> answer = reconciled(run());

        assertThat(list(answer, "items")).extracting(item -> item.get("class"))
                .containsExactly("CONFIRMED", "TIMECODE_DRIFT", "MISSING");
        assertThat(list(answer, "items")).extracting(item -> item.get("driftMs")).containsExactly(350, 2000, 0);
        assertThat(map(answer.get("counts"))).containsEntry("confirmed", 1).containsEntry("timecodeDrift", 1)
                .containsEntry("missing", 1).containsEntry("quarantined", 0);
        assertThat(answer.get("duplicate")).isEqualTo(false);
    }

    @Test
    void theSameBodyAgainReturnsTheEarlierRunAsADuplicate() {
        Map<String, Object> run = run();
        Map<?, ?> first = reconciled(run);

        Map<?, ?> again = reconciled(run);

        assertThat(again.get("runId")).isEqualTo(first.get("runId"));
        assertThat(again.get("decisionId")).isEqualTo(first.get("decisionId"));
        assertThat(again.get("duplicate")).isEqualTo(true);
        assertThat(again.get("items")).isEqualTo(first.get("items"));
        assertThat(again.get("counts")).isEqualTo(first.get("counts"));
    }

    @Test
    void identicalRunsSentAtOnceAreReconciledOnce() throws Exception {
        Map<String, Object> run = run();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Map<?, ?>>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return reconciled(run);
                }));
            }
            start.countDown();
            List<Map<?, ?>> runs = new java.util.ArrayList<>();
            for (var answer : answers) {
                runs.add(answer.get());
            }

            assertThat(runs).extracting(r -> (Object) r.get("runId")).containsOnly((Object) runs.get(0).get("runId"));
            assertThat(runs).extracting(r -> (Object) r.get("decisionId")).containsOnly((Object) runs.get(0).get("decisionId"));
            assertThat(runs).filteredOn(r -> Boolean.FALSE.equals(r.get("duplicate"))).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRunIsReadBackByItsIdAndListedByChannelAndDate() {
        Map<?, ?> answer = reconciled(run());

        Map<?, ?> read = http.get().uri("/api/v1/reconciliations/{id}", answer.get("runId")).headers(AUDITOR).exchange()
                .expectStatus().isOk().returnResult(Map.class).getResponseBody();
        Map<?, ?> listed = http.get().uri("/api/v1/reconciliations?channel=retro-prime&from=2026-11-20&to=2026-11-20")
                .headers(AUDITOR).exchange().expectStatus().isOk().returnResult(Map.class).getResponseBody();

        assertThat(read).isEqualTo(answer);
        assertThat(list(listed, "runs")).extracting(run -> run.get("runId")).contains(answer.get("runId"));
    }

    @Test
    void aMalformedRowIsQuarantinedAndTheRestReconciled() {
        Map<String, Object> run = new HashMap<>(run());
        Map<String, Object> noStart = asRun("E-9", null, null, 30_000, "AIRED");
        run.put("asRun", List.of(asRun("E-1", "S-1", "2026-11-20T20:12:00Z", 30_000, "AIRED"), noStart));

        Map<?, ?> answer = reconciled(run);

        assertThat(list(answer, "quarantined")).singleElement().satisfies(q -> assertThat(q)
                .containsEntry("source", "asRun").containsEntry("index", 1).containsEntry("code", "MISSING_FIELD"));
        assertThat(list(answer, "items").get(0)).containsEntry("class", "CONFIRMED");
    }

    @Test
    void aBodyWithoutAChannelIsRefusedNamingTheField() {
        post(SCHEDULER, Map.of("broadcastDate", "2026-11-20", "planned", List.of())).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON).expectBody().jsonPath("$.errors[0].field").isEqualTo("channel");
    }

    @Test
    void plannedRowsThatAreNoListAreRefused() {
        post(SCHEDULER, Map.of("channel", "retro-prime", "broadcastDate", "2026-11-20", "planned", "none")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("planned");
    }

    @Test
    void aTrafficManagerMayNotReconcile() {
        post(MANAGER, run()).expectStatus().isForbidden();
    }

    @Test
    void reconcilingNeedsCredentials() {
        http.post().uri("/api/v1/reconciliations").contentType(MediaType.APPLICATION_JSON).body(run()).exchange()
                .expectStatus().isUnauthorized();
    }
}
