package com.trafficrules.reconciliation.facts;

/** The version's reconciliation tolerances. */
public record ReconPolicy(long driftToleranceMs, long lengthToleranceMs) {
}
