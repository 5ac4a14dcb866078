package com.trafficrules.reconciliation.asrun;

import static com.trafficrules.reconciliation.asrun.Quarantined.Code.AMBIGUOUS_LOCAL_TIME;
import static com.trafficrules.reconciliation.asrun.Quarantined.Code.UNPARSEABLE_TIME;

import com.trafficrules.web.Times;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.List;

/**
 * Reads an as-run start: RFC 3339 with an offset ({@code 2026-11-20T15:12:00.350-05:00}, {@code …Z}), or a local
 * date-time without one ({@code 2026-11-20T15:12:00.350}) in the channel's zone.
 *
 * <p>A local time that the zone skips (the spring-forward gap) or passes twice (the fall-back overlap) names no single
 * instant: it is refused as {@code AMBIGUOUS_LOCAL_TIME} rather than guessed, since a guess is an hour of drift.
 * Fractions finer than a millisecond are truncated (toward the past), not refused: writers such as Python's
 * {@code isoformat()} give microseconds, and the matcher's tolerances are hundreds of milliseconds.
 */
public final class LocalTimes {

    /** ISO local date-time, then an optional offset; STRICT so that 2026-02-30 is refused, not moved to the 28th. */
    private static final DateTimeFormatter START = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffsetId().optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT)
            .withChronology(IsoChronology.INSTANCE);

    private LocalTimes() {
    }

    /** The instant {@code text} names, as UTC epoch milliseconds; a time without an offset is read in {@code zone}. */
    public static long epochMs(String text, ZoneId zone) throws UnreadableValue {
        Times.CommonShape common = Times.readCommonShape(text);
        OffsetDateTime start = common == null ? parse(text, zone)
                : common.offset() != null ? common.local().atOffset(common.offset()) : inZone(common.local(), zone);
        try {
            return start.toInstant().toEpochMilli();
        } catch (ArithmeticException e) {
            throw new UnreadableValue(UNPARSEABLE_TIME, "'" + text + "' is outside the epoch-millisecond range");
        }
    }

    /** What the formatter makes of a time in a shape other than the common one. */
    private static OffsetDateTime parse(String text, ZoneId zone) throws UnreadableValue {
        TemporalAccessor parsed;
        try {
            parsed = START.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
        } catch (DateTimeException e) {
            throw new UnreadableValue(UNPARSEABLE_TIME,
                    "'" + text + "' is neither RFC 3339 nor a local date-time (yyyy-MM-ddTHH:mm:ss[.SSS][offset])");
        }
        return parsed instanceof OffsetDateTime withOffset ? withOffset : inZone((LocalDateTime) parsed, zone);
    }

    private static OffsetDateTime inZone(LocalDateTime local, ZoneId zone) throws UnreadableValue {
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            throw new UnreadableValue(AMBIGUOUS_LOCAL_TIME,
                    local + " does not exist in " + zone + " (skipped by the change to daylight saving time); give an offset");
        }
        if (offsets.size() > 1) {
            throw new UnreadableValue(AMBIGUOUS_LOCAL_TIME, local + " occurs twice in " + zone + " (at " + offsets.get(0)
                    + " and at " + offsets.get(1) + ", the hour repeated when daylight saving time ends); give an offset");
        }
        return local.atOffset(offsets.get(0));
    }
}
