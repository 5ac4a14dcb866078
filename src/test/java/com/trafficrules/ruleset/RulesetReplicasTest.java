package com.trafficrules.ruleset;

import static com.trafficrules.ruleset.Proposals.MARKER_DRL;
import static com.trafficrules.ruleset.Proposals.MARKER_PATH;
import static com.trafficrules.ruleset.Proposals.MARKER_RULE;
import static com.trafficrules.ruleset.Proposals.aMarkedSpot;
import static com.trafficrules.ruleset.Proposals.proposal;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.TrafficRulesApplication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Two instances of the service on one database, as two replicas behind a load balancer: an activation
 * on one reaches the other through PostgreSQL NOTIFY. The second replica's periodic check is set to ten
 * minutes, so only the notification can switch it within the wait.
 */
class RulesetReplicasTest {

    private static final Duration SWITCH_WITHIN = Duration.ofSeconds(10);

    private final String database = "replicas_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    private final List<ConfigurableApplicationContext> started = new ArrayList<>();

    @AfterEach
    void stopBothReplicas() {
        started.forEach(ConfigurableApplicationContext::close);
    }

    private ConfigurableApplicationContext startReplica(String syncInterval) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TrafficRulesApplication.class).run(
                "--server.port=0",
                "--traffic.embedded-db.isolate=false",
                "--traffic.embedded-db.database=" + database,
                "--traffic.rules.sync-interval=" + syncInterval);
        started.add(context);
        return context;
    }

    private static RestClient http(ConfigurableApplicationContext replica, String user) {
        int port = replica.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> headers.setBasicAuth(user, user)).build();
    }

    private static Map<?, ?> validateAMarkedSpot(ConfigurableApplicationContext replica) {
        return http(replica, "scheduler").post().uri("/api/v1/rotation/validate").contentType(MediaType.APPLICATION_JSON)
                .body(aMarkedSpot()).retrieve().body(Map.class);
    }

    private static long rulesetIdOf(Map<?, ?> verdict) {
        return ((Number) ((Map<?, ?>) verdict.get("ruleset")).get("id")).longValue();
    }

    @Test
    void anActivationOnOneReplicaSwitchesTheOtherWithinSeconds() throws InterruptedException {
        ConfigurableApplicationContext first = startReplica("PT5S");
        ConfigurableApplicationContext second = startReplica("PT10M");
        long marker = ((Number) http(first, "manager").post().uri("/api/v1/rulesets").contentType(MediaType.APPLICATION_JSON)
                .body(proposal("marker", MARKER_PATH, MARKER_DRL)).retrieve().body(Map.class).get("id")).longValue();
        http(first, "approver").post().uri("/api/v1/rulesets/{id}/approve", marker).retrieve().toBodilessEntity();
        assertThat(rulesetIdOf(validateAMarkedSpot(second))).isNotEqualTo(marker);

        http(first, "approver").post().uri("/api/v1/rulesets/{id}/activate", marker).retrieve().toBodilessEntity();

        Map<?, ?> verdict = validateAMarkedSpot(second);
        long deadline = System.nanoTime() + SWITCH_WITHIN.toNanos();
        while (rulesetIdOf(verdict) != marker && System.nanoTime() < deadline) {
            Thread.sleep(50);
            verdict = validateAMarkedSpot(second);
        }
        assertThat(rulesetIdOf(verdict)).as("the version the second replica serves").isEqualTo(marker);
        assertThat(((List<?>) verdict.get("faults"))).singleElement()
                .satisfies(fault -> assertThat(((Map<?, ?>) fault).get("rule")).isEqualTo(MARKER_RULE));
    }
}
