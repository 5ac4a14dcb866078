package com.trafficrules.rotation.facts;

/**
 * A spot is on air during this minute (counted from the epoch). A spot that overlaps a later one is on
 * air in the minute the later one starts, so the overlap rule compares only the few spots of that minute.
 */
public record OnAir(long minute, Spot spot) {

    private static final long MINUTE_MS = 60_000L;

    public static long minuteOf(long epochMs) {
        return Math.floorDiv(epochMs, MINUTE_MS);
    }
}
