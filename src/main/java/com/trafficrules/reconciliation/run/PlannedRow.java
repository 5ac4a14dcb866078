package com.trafficrules.reconciliation.run;

/**
 * One planned spot of a run, read at the edge: times in UTC epoch ms, the billing code as written.
 *
 * @param position its place in the request's list (0-based), for quarantine and items
 * @param matchKey what as-run rows of a file are matched on besides ids (the asset uri), null for JSON runs
 */
public record PlannedRow(int position, String availId, String spotId, long startMs, long endMs, long lengthMs, String status,
                         String billingCode, String assetUri, String matchKey) {
}
