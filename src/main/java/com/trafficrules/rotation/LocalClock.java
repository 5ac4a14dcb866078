package com.trafficrules.rotation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
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

    private final ZoneRules rules;
    private final Map<OffsetHour, String> hourLabels = new HashMap<>();
    private final Map<Long, String> dayLabels = new HashMap<>();

    LocalClock(ZoneId zone) {
        this.rules = zone.getRules();
    }

    Reading read(long epochMs) {
        int offsetSeconds = rules.getOffset(Instant.ofEpochMilli(epochMs)).getTotalSeconds();
        long localMs = epochMs + offsetSeconds * 1000L;
        long localHour = Math.floorDiv(localMs, HOUR_MS);
        String hour = hourLabels.computeIfAbsent(new OffsetHour(localHour, offsetSeconds),
                key -> hourLabel(epochMs, localHour * HOUR_MS - offsetSeconds * 1000L, offsetSeconds));
        String day = dayLabels.computeIfAbsent(Math.floorDiv(localMs, DAY_MS), epochDay -> LocalDate.ofEpochDay(epochDay).toString());
        return new Reading(Math.floorMod(localMs, DAY_MS), hour, day);
    }

    /**
     * Where the real clock hour the instant is in began, under the instant's own offset: the local hour's start,
     * or the moment the offset came into force if that was later in the hour. A zone that moves its clocks by 30
     * minutes (Lord Howe) or at one minute past midnight (St John's in 2010) repeats only part of an hour: that part
     * is an hour of its own, and its label must not be the earlier hour's. A function of the local hour and the
     * offset alone, the key the label is kept under.
     */
    private String hourLabel(long epochMs, long hourStartMs, int offsetSeconds) {
        ZoneOffsetTransition began = rules.previousTransition(Instant.ofEpochMilli(epochMs + 1));
        long startMs = began == null ? hourStartMs : Math.max(hourStartMs, began.getInstant().toEpochMilli());
        return Instant.ofEpochMilli(startMs).atOffset(ZoneOffset.ofTotalSeconds(offsetSeconds)).toString();
    }
}
