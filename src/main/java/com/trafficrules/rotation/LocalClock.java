package com.trafficrules.rotation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;
import java.util.HashMap;
import java.util.Map;

/**
 * A channel's wall clock, for reading spot starts on it: the local time of day dayparts are judged by,
 * and the clock hour and date that frequency caps count in. A channel-day has hundreds of spots but
 * some 25 local hours, so each hour's and each date's label is made once rather than through a
 * ZonedDateTime per spot. One per request or build; not for sharing between threads.
 */
final class LocalClock {

    private static final long HOUR_MS = 3_600_000L;
    private static final long DAY_MS = 86_400_000L;

    /** Where an instant falls on the clock: {@code hour} as e.g. 2026-11-20T20:00-05:00, {@code day} as 2026-11-20. */
    record Reading(long msOfDay, String hour, String day) {
    }

    /** A local clock hour under one offset: the fall-back day's two 01:00 hours differ by their offset. */
    private record OffsetHour(long localHour, int offsetSeconds) {
    }

    private final ZoneId zone;
    private final ZoneRules rules;
    private final Map<OffsetHour, String> hourLabels = new HashMap<>();
    private final Map<Long, String> dayLabels = new HashMap<>();

    LocalClock(ZoneId zone) {
        this.zone = zone;
        this.rules = zone.getRules();
    }

    Reading read(long epochMs) {
        int offsetSeconds = rules.getOffset(Instant.ofEpochMilli(epochMs)).getTotalSeconds();
        long localMs = epochMs + offsetSeconds * 1000L;
        String hour = hourLabels.computeIfAbsent(new OffsetHour(Math.floorDiv(localMs, HOUR_MS), offsetSeconds),
                key -> hourLabel(epochMs));
        String day = dayLabels.computeIfAbsent(Math.floorDiv(localMs, DAY_MS), epochDay -> LocalDate.ofEpochDay(epochDay).toString());
        return new Reading(Math.floorMod(localMs, DAY_MS), hour, day);
    }

    /**
     * The local hour's start under the instant's own offset where the zone allows that offset there, else
     * the zone's: a function of the local hour and the offset alone, the key the label is kept under.
     */
    private String hourLabel(long epochMs) {
        return Instant.ofEpochMilli(epochMs).atZone(zone).truncatedTo(ChronoUnit.HOURS).toOffsetDateTime().toString();
    }
}
