package com.trafficrules.rotation.facts;

import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * A spot is on air during this clock hour (hours counted from the epoch). Pair rules join on the hour
 * first, so a day's log is compared hour by hour rather than every spot with every spot.
 */
public record SpotHour(String spotId, long hour) {

    private static final long HOUR_MS = 3_600_000L;

    public static long hourOf(long epochMs) {
        return Math.floorDiv(epochMs, HOUR_MS);
    }

    /** One fact per hour that {@code spot}'s interval touches. */
    public static Stream<SpotHour> covering(Spot spot) {
        long last = hourOf(Math.max(spot.startMs(), spot.endMs() - 1));
        return LongStream.rangeClosed(hourOf(spot.startMs()), last).mapToObj(hour -> new SpotHour(spot.id(), hour));
    }
}
