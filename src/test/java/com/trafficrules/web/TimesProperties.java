package com.trafficrules.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The quick path for the usual shape must accept and reject exactly what the ISO formatter does. */
class TimesProperties {

    @Property(tries = 5_000)
    void parsesLikeTheIsoFormatter(@ForAll("dateTimes") String value) {
        assertThat(outcome(() -> Times.parseWithOffset(value).toString())).isEqualTo(outcome(() -> byFormatter(value)));
    }

    @Example
    void readsTheUsualShapes() {
        assertThat(Times.parseWithOffset("2026-11-20T20:12:00Z")).hasToString("2026-11-20T20:12:00Z");
        assertThat(Times.parseWithOffset("2026-11-20T15:12:00.35-05:00")).hasToString("2026-11-20T20:12:00.350Z");
        assertThat(Times.parseWithOffset("2026-11-20T15:12-05:00")).hasToString("2026-11-20T20:12:00Z");
        assertThat(Times.parseWithOffset("2026-03-08T01:59:59.999999999+05:45")).hasToString("2026-03-07T20:14:59.999999999Z");
    }

    /** Whatever the quick path reads, ISO's local date-time with an optional offset reads the same. */
    @Property(tries = 5_000)
    void theCommonShapeIsReadAsTheIsoFormatterReadsIt(@ForAll("dateTimes") String value) {
        Times.CommonShape common = Times.readCommonShape(value);
        if (common != null) {
            assertThat(common).isEqualTo(byLocalFormatter(value));
        }
    }

    @Example
    void readsTheCommonShapeWithoutAnOffsetAsALocalTime() {
        assertThat(Times.readCommonShape("2026-11-20T15:12:00.350"))
                .isEqualTo(new Times.CommonShape(LocalDateTime.of(2026, 11, 20, 15, 12, 0, 350_000_000), null));
        assertThat(Times.readCommonShape("2026-11-20T15:12")).isEqualTo(new Times.CommonShape(LocalDateTime.of(2026, 11, 20, 15, 12), null));
        assertThat(Times.readCommonShape("2026-11-20T15:12:00.350-05:00").offset()).isEqualTo(ZoneOffset.ofHours(-5));
    }

    /** The reference for a time whose offset is optional: the formatter as-run times were read with before the quick path. */
    private static Times.CommonShape byLocalFormatter(String value) {
        TemporalAccessor parsed = new DateTimeFormatterBuilder().parseCaseInsensitive()
                .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).optionalStart().appendOffsetId().optionalEnd().toFormatter()
                .withResolverStyle(ResolverStyle.STRICT).withChronology(IsoChronology.INSTANCE)
                .parseBest(value, OffsetDateTime::from, LocalDateTime::from);
        return parsed instanceof OffsetDateTime withOffset ? new Times.CommonShape(withOffset.toLocalDateTime(), withOffset.getOffset())
                : new Times.CommonShape((LocalDateTime) parsed, null);
    }

    /** The reference: what {@link Times#parseWithOffset} did before it had a quick path. */
    private static String byFormatter(String value) {
        OffsetDateTime parsed = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        if (parsed.getYear() < 0 || parsed.getYear() > 9999) {
            throw new DateTimeParseException("RFC 3339 years have four digits", value, 0);
        }
        return parsed.toInstant().toString();
    }

    private interface Parse {
        String run();
    }

    private static String outcome(Parse parse) {
        try {
            return parse.run();
        } catch (DateTimeParseException e) {
            return "rejected";
        }
    }

    /** Mostly well-formed values around the edges of every field, with now and then a character out of place. */
    @Provide
    Arbitrary<String> dateTimes() {
        Arbitrary<String> year = Arbitraries.of("2026", "2024", "2100", "0000", "9999", "1970", "1969", "+2026", "226", "20261");
        Arbitrary<String> month = Arbitraries.of("01", "02", "03", "10", "11", "12", "00", "13", "1", "0a");
        Arbitrary<String> day = Arbitraries.of("01", "08", "28", "29", "30", "31", "00", "32");
        Arbitrary<String> separator = Arbitraries.of("T", "T", "T", "t", " ", "X");
        Arbitrary<String> time = Combinators.combine(
                Arbitraries.of("00", "01", "12", "23", "24", "7"), Arbitraries.of("00", "30", "59", "60"),
                Arbitraries.of(":00", ":59", ":60", ":5", "", ":ab")).as((h, m, s) -> h + ":" + m + s);
        Arbitrary<String> fraction = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.just("."),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(10).map(digits -> "." + digits));
        Arbitrary<String> offset = Arbitraries.oneOf(Arbitraries.of("Z", "z", "", "+00:00", "-00:00", "+18:00", "-18:00",
                        "+18:01", "+18:15", "-18:45", "+19:00", "+05:30", "+05:45", "-09:30", "-00:15", "+00:60", "+05:30:15", "+05",
                        "+0530", "-03:60", "+5:30", "Z ", "ZZ"),
                Combinators.combine(Arbitraries.of("+", "-"), Arbitraries.integers().between(0, 18),
                        Arbitraries.integers().between(0, 59)).as((sign, h, m) -> "%s%02d:%02d".formatted(sign, h, m)));
        return Combinators.combine(List.of(year, month, day, separator, time, fraction, offset))
                .as(parts -> parts.get(0) + "-" + parts.get(1) + "-" + parts.get(2) + parts.get(3) + parts.get(4)
                        + parts.get(5) + parts.get(6));
    }
}
