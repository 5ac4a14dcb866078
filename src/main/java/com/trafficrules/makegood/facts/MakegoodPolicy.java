package com.trafficrules.makegood.facts;

/** The version's make-good numbers that are not per tier. */
public record MakegoodPolicy(double complianceFloor, long rollingWindowMs, long priorityEscalationMs, long staleAfterMs) {
}
