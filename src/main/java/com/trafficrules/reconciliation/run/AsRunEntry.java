package com.trafficrules.reconciliation.run;

/**
 * One as-run row of a run, read at the edge: the start in UTC epoch ms, the billing code as written.
 *
 * @param position its place in the request's list (0-based) or its line in a file (1-based)
 * @param aired    whether the spot went to air (AIRED, TRUNCATED, SHORT, SUBSTITUTED) or not (PREEMPTED, SKIPPED, ERROR)
 * @param matchKey what it is matched on besides ids (the asset uri), null for JSON runs
 */
public record AsRunEntry(int position, String eventId, String spotId, String availId, long startMs, long durationMs,
                         String status, boolean aired, String billingCode, String assetUri, String matchKey) {
}
