package com.trafficrules.makegood.facts;

import java.util.List;

/**
 * One post-air rating as the rules see it, already read at the edge: times in epoch ms (UTC), GRPs as numbers.
 * {@code actualGrps} and {@code thresholdPct} are null when the provider did not send them.
 */
public record RatingPayload(int index, String spotId, String market, String marketTier, String contractId,
                            long airedStartMs, long airedEndMs, double contractedGrps, Double actualGrps,
                            Double thresholdPct, long spotLengthMs, List<String> productCodes, long cureDeadlineMs) {

    public RatingPayload {
        productCodes = List.copyOf(productCodes);
    }

    /** Actual over contracted GRPs: how much of its promised audience the spot delivered; null until measured. */
    public Double deliveryRatio() {
        return actualGrps == null ? null : actualGrps / contractedGrps;
    }
}
