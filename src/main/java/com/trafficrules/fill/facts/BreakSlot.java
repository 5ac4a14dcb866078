package com.trafficrules.fill.facts;

/** The placeholder being filled, judged as of its scheduled air time. */
public record BreakSlot(int breakIndex, long airAtMs, long durationMs) {
}
