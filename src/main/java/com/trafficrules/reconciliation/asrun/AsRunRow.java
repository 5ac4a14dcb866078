package com.trafficrules.reconciliation.asrun;

import java.util.Objects;

/**
 * One as-run row as the matcher needs it.
 *
 * @param index        where it came from: the 0-based position in a JSON list, or the 1-based line of a file
 * @param availId      the avail it names, if any; a file's rows name {@code blockId:segmentIndex} when both are known
 * @param startMs      when it started, UTC epoch milliseconds
 * @param status       one of {@link AsRunStatus}, spelled as the contract spells it
 * @param billingCode  trimmed, as written: aliases are mapped when codes are compared, not here
 */
public record AsRunRow(int index, String eventId, String spotId, String availId, String blockId, Integer segmentIndex,
                       long startMs, long durationMs, String status, String billingCode, String assetUri) {

    public AsRunRow {
        Objects.requireNonNull(eventId, "eventId");
        if (AsRunStatus.named(status).isEmpty()) {
            throw new IllegalArgumentException("not an as-run status: " + status);
        }
    }

    /** The availId a file's row names: {@code blockId:segmentIndex}, or null unless both are known. */
    public static String availIdOf(String blockId, Integer segmentIndex) {
        return blockId == null || segmentIndex == null ? null : blockId + ":" + segmentIndex;
    }

    /** Whether the spot went to air: AIRED, TRUNCATED, SHORT and SUBSTITUTED did; PREEMPTED, SKIPPED and ERROR did not. */
    public boolean aired() {
        return AsRunStatus.valueOf(status).aired();
    }
}
