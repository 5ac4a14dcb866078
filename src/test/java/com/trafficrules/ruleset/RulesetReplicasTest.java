package com.trafficrules.ruleset;

import static com.trafficrules.ruleset.Proposals.MARKER_DRL;
import static com.trafficrules.ruleset.Proposals.MARKER_PATH;
import static com.trafficrules.ruleset.Proposals.MARKER_RULE;
import static com.trafficrules.ruleset.Proposals.aMarkedSpot;
import static com.trafficrules.ruleset.Proposals.proposal;
import static com.trafficrules.support.Replicas.http;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.Replicas;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;

/**
 * Two instances of the service on one database, as two replicas behind a load balancer: an activation
 * on one reaches the other through PostgreSQL NOTIFY. The second replica's periodic check is set to ten
 * minutes, so only the notification can switch it within the wait.
 */
class RulesetReplicasTest {

    private static final Duration SWITCH_WITHIN = Duration.ofSeconds(10);

    private final Replicas replicas = new Replicas();

    @AfterEach
    void stopBothReplicas() {
        replicas.close();
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
        ConfigurableApplicationContext first = replicas.start("--traffic.rules.sync-interval=PT5S");
        ConfigurableApplicationContext second = replicas.start("--traffic.rules.sync-interval=PT10M");
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
