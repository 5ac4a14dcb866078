package com.trafficrules.ruleset;

import static com.trafficrules.ruleset.Proposals.MARKER_DRL;
import static com.trafficrules.ruleset.Proposals.MARKER_PATH;
import static com.trafficrules.ruleset.Proposals.MARKER_RULE;
import static com.trafficrules.ruleset.Proposals.aMarkedSpot;
import static com.trafficrules.ruleset.Proposals.proposal;
import static com.trafficrules.support.Users.APPROVER;
import static com.trafficrules.support.Users.AUDITOR;
import static com.trafficrules.support.Users.MANAGER;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.HttpTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Activation under load: clients validate without pause while two versions are activated back and forth.
 * No request fails, and every answer is the one the version it names gives: the marker version flags the
 * MARKED spot, the shipped one does not.
 */
@HttpTest
@DirtiesContext
class RulesetHotSwapHttpTest {

    private static final int CLIENTS = 4;
    private static final int SWITCHES = 6;
    private static final Duration EACH_SWITCH_SEEN_WITHIN = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    RestTestClient http;

    @LocalServerPort
    int port;

    /** One answer as a client saw it: HTTP status, the version it names and the rules of its faults. */
    private record Answer(int status, long rulesetId, List<String> faultRules, String failure) {
    }

    @Test
    void everyRequestSucceedsAndIsAnsweredByTheVersionItNames() throws Exception {
        long shipped = ((Number) http.get().uri("/api/v1/rulesets/active").headers(AUDITOR).exchange()
                .returnResult(Map.class).getResponseBody().get("id")).longValue();
        long marker = ((Number) http.post().uri("/api/v1/rulesets").headers(MANAGER).contentType(MediaType.APPLICATION_JSON)
                .body(proposal("marker", MARKER_PATH, MARKER_DRL)).exchange().expectStatus().isCreated()
                .returnResult(Map.class).getResponseBody().get("id")).longValue();
        http.post().uri("/api/v1/rulesets/{id}/approve", marker).headers(APPROVER).exchange().expectStatus().isOk();

        Queue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> loops = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            loops.add(clients.submit(() -> validateUntilStopped(running, answers)));
        }
        try {
            for (int i = 0; i < SWITCHES; i++) {
                long target = i % 2 == 0 ? marker : shipped;
                http.post().uri("/api/v1/rulesets/{id}/activate", target).headers(APPROVER).exchange().expectStatus().isOk();
                awaitAnAnswerFrom(target, answers);
            }
        } finally {
            running.set(false);
            for (Future<?> loop : loops) {
                loop.get(30, TimeUnit.SECONDS);
            }
            clients.shutdown();
        }

        assertThat(answers).isNotEmpty().allSatisfy(answer -> {
            assertThat(answer.failure()).isNull();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.rulesetId()).isIn(shipped, marker);
            assertThat(answer.faultRules()).isEqualTo(answer.rulesetId() == marker ? List.of(MARKER_RULE) : List.of());
        });
    }

    private void validateUntilStopped(AtomicBoolean running, Queue<Answer> answers) {
        HttpClient client = HttpClient.newHttpClient();
        String body = JSON.writeValueAsString(aMarkedSpot());
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/rotation/validate"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("scheduler:scheduler".getBytes()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        while (running.get()) {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    answers.add(new Answer(response.statusCode(), -1, List.of(), response.body()));
                    continue;
                }
                JsonNode verdict = JSON.readTree(response.body());
                List<String> rules = new ArrayList<>();
                verdict.get("faults").forEach(fault -> rules.add(fault.get("rule").asString()));
                answers.add(new Answer(200, verdict.get("ruleset").get("id").asLong(), rules, null));
            } catch (Exception e) {
                answers.add(new Answer(-1, -1, List.of(), e.toString()));
            }
        }
    }

    /** Waits, within a bound, until some client has been answered by {@code rulesetId}. */
    private static void awaitAnAnswerFrom(long rulesetId, Queue<Answer> answers) throws InterruptedException {
        long deadline = System.nanoTime() + EACH_SWITCH_SEEN_WITHIN.toNanos();
        int seen = answers.size();
        while (System.nanoTime() < deadline) {
            List<Answer> all = new ArrayList<>(answers);
            if (all.subList(seen, all.size()).stream().anyMatch(answer -> answer.rulesetId() == rulesetId)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("No client was answered by ruleset " + rulesetId + " within " + EACH_SWITCH_SEEN_WITHIN);
    }
}
