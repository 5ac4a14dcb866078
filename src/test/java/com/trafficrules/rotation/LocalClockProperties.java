package com.trafficrules.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The clock reads every instant as a ZonedDateTime of it would, and its hour is a real local clock hour: the local
 * date, hour of day and offset in force, so a clock that goes back repeats an hour (or part of one) as another hour.
 */
class LocalClockProperties {

    /** Half-hour and 45-minute offsets, a 30-minute DST shift, southern and northern DST, and none. */
    private static final List<String> ZONES = List.of("America/New_York", "Europe/London", "America/St_Johns",
            "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Chatham", "Australia/Sydney", "Asia/Tokyo", "UTC");
    private static final long MINUTE_MS = 60_000L;
    /** Around each transition: just before it, at it, and through the hour after it. */
    private static final List<Long> AROUND_A_TRANSITION = List.of(-61 * MINUTE_MS, -1L, 0L, 1L, MINUTE_MS, 29 * MINUTE_MS,
            30 * MINUTE_MS, 31 * MINUTE_MS, 59 * MINUTE_MS, 61 * MINUTE_MS, 90 * MINUTE_MS);

    /** A real local clock hour, stated plainly: the fall-back day has two 01:00 hours. */
    private record ClockHour(LocalDate date, int hour, ZoneOffset offset) {

        static ClockHour of(ZonedDateTime local) {
            return new ClockHour(local.toLocalDate(), local.getHour(), local.getOffset());
        }
    }

    @Property(tries = 300)
    void readsLikeAZonedDateTime(@ForAll("zones") String zoneId, @ForAll("nearTransitions") List<Long> offsetsMs) {
        ZoneId zone = ZoneId.of(zoneId);
        LocalClock clock = new LocalClock(zone);
        for (long instant : aroundTransitionsOf(zone, 2026, offsetsMs)) {
            ZonedDateTime local = Instant.ofEpochMilli(instant).atZone(zone);
            LocalClock.Reading reading = clock.read(instant);
            assertThat(reading.msOfDay()).isEqualTo(local.toLocalTime().toNanoOfDay() / 1_000_000);
            assertThat(reading.day()).isEqualTo(local.toLocalDate().toString());
            assertTheHourIsTheRealClockHour(zone, instant, reading.hour());
        }
    }

    @Example
    void everyZonesTransitionsHaveRealClockHours() {
        for (String zoneId : ZoneId.getAvailableZoneIds()) {
            ZoneId zone = ZoneId.of(zoneId);
            LocalClock clock = new LocalClock(zone);
            Map<String, ClockHour> hourOfLabel = new HashMap<>();
            Map<ClockHour, String> labelOfHour = new HashMap<>();
            for (int year = 1970; year <= 2037; year++) {
                for (long instant : aroundTransitionsOf(zone, year, AROUND_A_TRANSITION)) {
                    String label = clock.read(instant).hour();
                    ClockHour hour = ClockHour.of(Instant.ofEpochMilli(instant).atZone(zone));
                    assertTheHourIsTheRealClockHour(zone, instant, label);
                    assertThat(hourOfLabel.computeIfAbsent(label, key -> hour)).as("%s at %s", zoneId, label).isEqualTo(hour);
                    assertThat(labelOfHour.computeIfAbsent(hour, key -> label)).as("%s in %s", zoneId, hour).isEqualTo(label);
                }
            }
        }
    }

    @Example
    void theFallBackDayHasTwoOneOClockHours() {
        LocalClock clock = new LocalClock(ZoneId.of("America/New_York"));
        assertThat(clock.read(Instant.parse("2026-11-01T05:30:00Z").toEpochMilli()).hour()).isEqualTo("2026-11-01T01:00-04:00");
        assertThat(clock.read(Instant.parse("2026-11-01T06:30:00Z").toEpochMilli()).hour()).isEqualTo("2026-11-01T01:00-05:00");
    }

    @Example
    void aHalfHourRepeatedByAThirtyMinuteShiftIsAnHourOfItsOwn() {
        LocalClock clock = new LocalClock(ZoneId.of("Australia/Lord_Howe"));
        assertThat(clock.read(Instant.parse("2026-04-04T14:40:00Z").toEpochMilli()).hour()).isEqualTo("2026-04-05T01:00+11:00");
        assertThat(clock.read(Instant.parse("2026-04-04T15:05:00Z").toEpochMilli()).hour()).isEqualTo("2026-04-05T01:30+10:30");
    }

    /**
     * The label names where the instant's clock hour began: the same local date and hour under the instant's offset,
     * at or before the instant, and a moment the zone's clock really showed.
     */
    private static void assertTheHourIsTheRealClockHour(ZoneId zone, long instant, String label) {
        ZonedDateTime local = Instant.ofEpochMilli(instant).atZone(zone);
        OffsetDateTime began = OffsetDateTime.parse(label);
        assertThat(ClockHour.of(began.atZoneSameInstant(zone))).as("%s at %s", zone, local).isEqualTo(ClockHour.of(local));
        assertThat(began.toInstant().toEpochMilli()).as("%s at %s", zone, local).isLessThanOrEqualTo(instant);
    }

    /** Each offset applied to each of the zone's transitions in the year (to mid-year if it has none), in that order. */
    private static List<Long> aroundTransitionsOf(ZoneId zone, int year, List<Long> offsetsMs) {
        List<Long> anchors = new ArrayList<>();
        Instant start = Instant.parse(year + "-01-01T00:00:00Z");
        Instant end = Instant.parse((year + 1) + "-01-01T00:00:00Z");
        ZoneOffsetTransition next = zone.getRules().nextTransition(start);
        while (next != null && next.getInstant().isBefore(end)) {
            anchors.add(next.getInstant().toEpochMilli());
            next = zone.getRules().nextTransition(next.getInstant());
        }
        if (anchors.isEmpty()) {
            anchors.add(Instant.parse(year + "-06-01T00:00:00Z").toEpochMilli());
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
