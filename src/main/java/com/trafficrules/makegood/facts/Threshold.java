package com.trafficrules.makegood.facts;

/** The threshold a payload is held to: its tier's, or its own {@code thresholdPct}. */
public record Threshold(int index, double value) {
}
