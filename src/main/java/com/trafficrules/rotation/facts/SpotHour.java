package com.trafficrules.rotation.facts;

/**
 * A spot is on air during this clock hour (hours counted from the epoch). Pair rules join on the hour
 * first, so a day's log is compared hour by hour rather than every spot with every spot.
 */
public record SpotHour(String spotId, long hour) {

    private static final long HOUR_MS = 3_600_000L;

    public static long hourOf(long epochMs) {
        return Math.floorDiv(epochMs, HOUR_MS);
    }
}
