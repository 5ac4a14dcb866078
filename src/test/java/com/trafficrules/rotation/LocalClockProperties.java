package com.trafficrules.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The clock's cached labels must read every instant as a ZonedDateTime of it would, DST days and odd offsets included. */
class LocalClockProperties {

    /** Half-hour and 45-minute offsets, a 30-minute DST shift, southern and northern DST, and none. */
    private static final List<String> ZONES = List.of("America/New_York", "Europe/London", "America/St_Johns",
            "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Chatham", "Australia/Sydney", "Asia/Tokyo", "UTC");

    @Property(tries = 300)
    void readsLikeAZonedDateTime(@ForAll("zones") String zoneId, @ForAll("nearTransitions") List<Long> offsetsMs) {
        ZoneId zone = ZoneId.of(zoneId);
        LocalClock clock = new LocalClock(zone);
        for (long instant : aroundTransitionsOf(zone, offsetsMs)) {
            ZonedDateTime local = Instant.ofEpochMilli(instant).atZone(zone);
            assertThat(clock.read(instant)).isEqualTo(new LocalClock.Reading(local.toLocalTime().toNanoOfDay() / 1_000_000,
                    local.truncatedTo(ChronoUnit.HOURS).toOffsetDateTime().toString(), local.toLocalDate().toString()));
        }
    }

    @Example
    void theFallBackDayHasTwoOneOClockHours() {
        LocalClock clock = new LocalClock(ZoneId.of("America/New_York"));
        assertThat(clock.read(Instant.parse("2026-11-01T05:30:00Z").toEpochMilli()).hour()).isEqualTo("2026-11-01T01:00-04:00");
        assertThat(clock.read(Instant.parse("2026-11-01T06:30:00Z").toEpochMilli()).hour()).isEqualTo("2026-11-01T01:00-05:00");
    }

    /** Each offset applied to each of the zone's transitions in 2026 (to mid-year if it has none), in that order. */
    private static List<Long> aroundTransitionsOf(ZoneId zone, List<Long> offsetsMs) {
        List<Long> anchors = new ArrayList<>();
        Instant end = Instant.parse("2027-01-01T00:00:00Z");
        ZoneOffsetTransition next = zone.getRules().nextTransition(Instant.parse("2026-01-01T00:00:00Z"));
        while (next != null && next.getInstant().isBefore(end)) {
            anchors.add(next.getInstant().toEpochMilli());
            next = zone.getRules().nextTransition(next.getInstant());
        }
        if (anchors.isEmpty()) {
            anchors.add(Instant.parse("2026-06-01T00:00:00Z").toEpochMilli());
        }
        List<Long> instants = new ArrayList<>();
        for (long offset : offsetsMs) {
            for (long anchor : anchors) {
                instants.add(anchor + offset);
            }
        }
        return instants;
    }

    @Provide
    Arbitrary<String> zones() {
        return Arbitraries.of(ZONES);
    }

    /** Up to a day either side, mostly within a couple of hours, in whole milliseconds as requests carry them. */
    @Provide
    Arbitrary<List<Long>> nearTransitions() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-7_200_000L, 7_200_000L),
                Arbitraries.longs().between(-86_400_000L, 86_400_000L)).list().ofMinSize(1).ofMaxSize(60);
    }
}
