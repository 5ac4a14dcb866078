package com.trafficrules.rotation.facts;

/**
 * A spot is on air during this clock hour (hours counted from the epoch). The overlap rule of rulesets
 * before minutes ({@link OnAir}) joined on it; it is built only for rules that read it.
 */
public record SpotHour(String spotId, long hour) {

    private static final long HOUR_MS = 3_600_000L;

    public static long hourOf(long epochMs) {
        return Math.floorDiv(epochMs, HOUR_MS);
    }
}
