package com.trafficrules.rotation;

import java.time.Instant;
import java.util.List;

/** A built rotation: where each candidate airs, and why the others could not. */
public record Rotation(List<Placement> placements, List<Quarantined> quarantined, List<String> firedRules) {

    public record Placement(String spotId, String breakId, Instant start) {
    }

    public record Quarantined(String spotId, List<Reason> reasons) {
    }

    /** A rule that blocked the candidate, and the spots it would have clashed with. */
    public record Reason(String rule, List<String> conflictingIds) {
    }
}
