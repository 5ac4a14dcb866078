package com.trafficrules.ruleset;

import static com.trafficrules.ruleset.Proposals.MARKER_DRL;
import static com.trafficrules.ruleset.Proposals.MARKER_PATH;
import static com.trafficrules.ruleset.Proposals.aMarkedSpot;
import static com.trafficrules.ruleset.Proposals.proposal;

import java.util.Map;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The calls the replica tests make to one instance of the service, in a test's JVM or a process of its own, each as
 * the demo user whose role it needs.
 */
final class GovernanceCalls {

    private final Function<String, RestClient> as;

    /** {@code as}: a client of the instance signed in as the named demo user. */
    GovernanceCalls(Function<String, RestClient> as) {
        this.as = as;
    }

    /** The marker version proposed and approved, not yet active. */
    long anApprovedMarker() {
        long marker = ((Number) as.apply("manager").post().uri("/api/v1/rulesets").contentType(MediaType.APPLICATION_JSON)
                .body(proposal("marker", MARKER_PATH, MARKER_DRL)).retrieve().body(Map.class).get("id")).longValue();
        as.apply("approver").post().uri("/api/v1/rulesets/{id}/approve", marker).retrieve().toBodilessEntity();
        return marker;
    }

    void activate(long version) {
        as.apply("approver").post().uri("/api/v1/rulesets/{id}/activate", version).retrieve().toBodilessEntity();
    }

    /** The verdict on {@link Proposals#aMarkedSpot()}: it names the version that decided. */
    Map<?, ?> validateAMarkedSpot() {
        return as.apply("scheduler").post().uri("/api/v1/rotation/validate").contentType(MediaType.APPLICATION_JSON)
                .body(aMarkedSpot()).retrieve().body(Map.class);
    }

    /** The version the instance decides with now. */
    long servedVersion() {
        return rulesetIdOf(validateAMarkedSpot());
    }

    static long rulesetIdOf(Map<?, ?> verdict) {
        return ((Number) ((Map<?, ?>) verdict.get("ruleset")).get("id")).longValue();
    }
}
