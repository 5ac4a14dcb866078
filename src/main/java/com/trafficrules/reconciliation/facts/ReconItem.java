package com.trafficrules.reconciliation.facts;

/**
 * One line of a reconciliation as the rules classify it: a planned row and the as-run row matched to it, or either
 * alone. Billing codes are canonical (trimmed, aliases mapped) with whether the dictionary knows them; drift and
 * length difference are as-run less planned, null without a match.
 */
public record ReconItem(int index, String availId, String spotId, String eventId,
                        String plannedStatus, String plannedUri, String plannedBilling, boolean plannedBillingKnown,
                        String asRunStatus, boolean aired, String asRunUri, String asRunBilling, boolean asRunBillingKnown,
                        Long driftMs, Long lengthDeltaMs) {

    public boolean planned() {
        return plannedStatus != null;
    }

    public boolean matched() {
        return asRunStatus != null;
    }
}
