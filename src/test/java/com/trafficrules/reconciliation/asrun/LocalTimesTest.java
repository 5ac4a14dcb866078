package com.trafficrules.reconciliation.asrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * As-run starts with an offset, and without one in America/New_York, where 2026 springs forward on 8 March (02:00
 * becomes 03:00) and falls back on 1 November (01:00–02:00 happens twice).
 */
class LocalTimesTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static long read(String text) throws UnreadableValue {
        return LocalTimes.epochMs(text, NEW_YORK);
    }

    private static long utc(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static void assertRefused(String text, Quarantined.Code code) {
        assertThatThrownBy(() -> read(text)).isInstanceOfSatisfying(UnreadableValue.class,
                refused -> assertThat(refused.code()).isEqualTo(code));
    }

    @Test
    void aLocalTimeInTheSpringForwardGapIsAmbiguous() {
        assertRefused("2026-03-08T02:30:00", Quarantined.Code.AMBIGUOUS_LOCAL_TIME);
    }

    @Test
    void theLastLocalMillisecondBeforeTheGapIsStandardTime() throws UnreadableValue {
        assertThat(read("2026-03-08T01:59:59.999")).isEqualTo(utc("2026-03-08T06:59:59.999Z"));
    }

    @Test
    void theFirstLocalTimeAfterTheGapIsDaylightTime() throws UnreadableValue {
        assertThat(read("2026-03-08T03:00:00")).isEqualTo(utc("2026-03-08T07:00:00Z"));
    }

    @Test
    void aLocalTimeInTheFallBackHourIsAmbiguous() {
        assertRefused("2026-11-01T01:30:00", Quarantined.Code.AMBIGUOUS_LOCAL_TIME);
    }

    @Test
    void theLastLocalMillisecondBeforeTheRepeatedHourIsDaylightTime() throws UnreadableValue {
        assertThat(read("2026-11-01T00:59:59.999")).isEqualTo(utc("2026-11-01T04:59:59.999Z"));
    }

    @Test
    void theFirstLocalTimeAfterTheRepeatedHourIsStandardTime() throws UnreadableValue {
        assertThat(read("2026-11-01T02:00:00")).isEqualTo(utc("2026-11-01T07:00:00Z"));
    }

    @Test
    void anOffsetSettlesATimeInTheRepeatedHour() throws UnreadableValue {
        assertThat(read("2026-11-01T01:30:00-04:00")).isEqualTo(utc("2026-11-01T05:30:00Z"));
        assertThat(read("2026-11-01T01:30:00-05:00")).isEqualTo(utc("2026-11-01T06:30:00Z"));
    }

    @Test
    void anOffsetTimeIsReadWithItsOffsetAndItsMilliseconds() throws UnreadableValue {
        assertThat(read("2026-11-20T15:12:00.350-05:00")).isEqualTo(utc("2026-11-20T20:12:00.350Z"));
    }

    @Test
    void zIsUtc() throws UnreadableValue {
        assertThat(read("2026-11-20T20:12:00Z")).isEqualTo(utc("2026-11-20T20:12:00Z"));
    }

    @Test
    void aLocalTimeIsReadInTheChannelsZone() throws UnreadableValue {
        assertThat(read("2026-11-20T15:12:00.350")).isEqualTo(utc("2026-11-20T20:12:00.350Z"));
    }

    @Test
    void fractionsFinerThanAMillisecondAreTruncated() throws UnreadableValue {
        assertThat(read("2026-11-20T20:12:00.350999Z")).isEqualTo(utc("2026-11-20T20:12:00.350Z"));
    }

    @Test
    void aTimeInAnotherNotationIsUnparseable() {
        assertRefused("20 Nov 2026 20:12", Quarantined.Code.UNPARSEABLE_TIME);
    }

    @Test
    void aDayTheMonthDoesNotHaveIsUnparseable() {
        assertRefused("2026-02-30T12:00:00Z", Quarantined.Code.UNPARSEABLE_TIME);
    }
}
