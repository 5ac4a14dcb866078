package com.trafficrules.rotation.facts;

import java.util.List;

/**
 * One spot of a traffic log, on air over the half-open interval [startMs, endMs) in epoch
 * milliseconds. {@code localMsOfDay}, {@code localHour} and {@code localDay} place its start on the
 * channel's own clock: dayparts and frequency caps are local.
 */
public record Spot(String id, String breakId, long startMs, long endMs, String advertiser, List<String> productCodes,
                   String creativeId, String type, Integer priority, String position, List<String> dayparts,
                   long localMsOfDay, String localHour, String localDay) {

    public Spot {
        productCodes = List.copyOf(productCodes);
        dayparts = List.copyOf(dayparts);
    }

    public long lengthMs() {
        return endMs - startMs;
    }

    /** The clock hour (counted from the epoch) the spot starts in: the overlap rules' key before minutes. */
    public long startHour() {
        return SpotHour.hourOf(startMs);
    }

    /** The minute (counted from the epoch) the spot starts in: the key that keeps overlap checks local. */
    public long startMinute() {
        return OnAir.minuteOf(startMs);
    }

    /**
     * Whether this spot comes before {@code other} in air order: it starts earlier, or at the same time
     * with the smaller id, so every pair has exactly one later spot to carry its fault.
     */
    public boolean airsBefore(Spot other) {
        return startMs < other.startMs || (startMs == other.startMs && id.compareTo(other.id) < 0);
    }

    /** The first product code, in code order, that this spot and {@code other} both advertise; null if none. */
    public String firstCodeSharedWith(Spot other) {
        String first = null;
        for (String code : productCodes) {
            if (other.productCodes.contains(code) && (first == null || code.compareTo(first) < 0)) {
                first = code;
            }
        }
        return first;
    }

    /** Time from the end of {@code earlier} to the start of this spot; negative when they overlap. */
    public long gapAfter(Spot earlier) {
        return startMs - earlier.endMs;
    }
}
