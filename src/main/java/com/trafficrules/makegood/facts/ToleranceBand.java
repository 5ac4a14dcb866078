package com.trafficrules.makegood.facts;

/** A market tier's delivery tolerance: within it when the ratio is at least threshold − buffer. */
public record ToleranceBand(String tier, double threshold, double buffer, boolean rolling) {

    /** The threshold a payload is held to: the {@code thresholdPct} it sent replaces the tier's. */
    public double thresholdFor(Double thresholdPct) {
        return thresholdPct != null ? thresholdPct : threshold;
    }
}
