package com.trafficrules.makegood.facts;

/**
 * What a contract's spots in a market delivered, for the rolling ratio: one spot of the batch, or a stretch of earlier
 * ones summed, at the last one's air time (see RollingHistory).
 */
public record PastDelivery(String contractId, String market, long airedStartMs, double contractedGrps, double actualGrps) {
}
