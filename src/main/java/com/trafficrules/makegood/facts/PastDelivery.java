package com.trafficrules.makegood.facts;

/** What one spot of a contract delivered in a market, for the rolling ratio; the batch's own payloads included. */
public record PastDelivery(String idempotencyKey, String contractId, String market, long airedStartMs,
                           double contractedGrps, double actualGrps) {
}
