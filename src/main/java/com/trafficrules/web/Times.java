package com.trafficrules.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.stream.IntStream;

/** Time at the edge: RFC 3339 with an offset in, UTC with milliseconds out. */
public final class Times {

    private static final DateTimeFormatter UTC_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int MINUTES_END = "uuuu-MM-ddTHH:mm".length();
    private static final int MAX_QUARTERS = 18 * 4;
    /**
     * Every offset a whole number of quarter hours from UTC, -18:00 to +18:00: nearly all a request carries, looked
     * up here because {@link ZoneOffset#ofHoursMinutes} validates and then consults a concurrent cache, which took
     * 2–3 % of the CPU of validating a channel-day.
     */
    private static final ZoneOffset[] QUARTER_HOUR_OFFSETS = IntStream.rangeClosed(-MAX_QUARTERS, MAX_QUARTERS)
            .mapToObj(quarters -> ZoneOffset.ofTotalSeconds(quarters * 15 * 60)).toArray(ZoneOffset[]::new);

    private Times() {
    }

    /** Parses an instant that must carry its offset ({@code Z} or {@code +hh:mm}). */
    public static Instant parseWithOffset(String value) throws DateTimeParseException {
        CommonShape common = readCommonShape(value);
        if (common != null && common.offset() != null) {
            return common.local().toInstant(common.offset());
        }
        OffsetDateTime parsed = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        if (parsed.getYear() < 0 || parsed.getYear() > 9999) {
            throw new DateTimeParseException("RFC 3339 years have four digits", value, 0);
        }
        return parsed.toInstant();
    }

    /** As {@link #parseWithOffset}, for an optional time: null when absent. */
    public static Instant parseOptional(String value) throws DateTimeParseException {
        return value == null ? null : parseWithOffset(value);
    }

    /** A time read by {@link #readCommonShape}: its local date-time, and its offset, or null when it gives none. */
    public record CommonShape(LocalDateTime local, ZoneOffset offset) {
    }

    /**
     * {@code uuuu-MM-ddTHH:mm[:ss[.f…]]}, then {@code Z}, {@code ±hh:mm} or nothing: the shape nearly every time a
     * client or a playout system sends takes (Java's OffsetDateTime.toString() drops zero seconds), read without
     * the formatter, which costs a microsecond a value: a channel-day carries hundreds of them. Null for anything
     * else, valid or not, so that a formatter keeps the final word on what is accepted; this accepts a subset of
     * ISO's local date-time with an optional offset, with the same result.
     */
    public static CommonShape readCommonShape(String value) {
        if (value.length() < MINUTES_END || value.charAt(4) != '-' || value.charAt(7) != '-'
                || value.charAt(10) != 'T' || value.charAt(13) != ':') {
            return null;
        }
        int year = digits(value, 0, 4);
        int month = digits(value, 5, 2);
        int day = digits(value, 8, 2);
        int hour = digits(value, 11, 2);
        int minute = digits(value, 14, 2);
        int second = 0;
        int at = MINUTES_END;
        int nanos = 0;
        if (at < value.length() && value.charAt(at) == ':') {
            if (value.length() < at + 3) {
                return null;
            }
            second = digits(value, at + 1, 2);
            at += 3;
            if (at < value.length() && value.charAt(at) == '.') {
                int fractionStart = ++at;
                while (at < value.length() && at - fractionStart < 9 && digit(value.charAt(at)) >= 0) {
                    nanos = nanos * 10 + digit(value.charAt(at++));
                }
                if (at == fractionStart) {
                    return null;
                }
                for (int scale = at - fractionStart; scale < 9; scale++) {
                    nanos *= 10;
                }
            }
        }
        ZoneOffset offset = at == value.length() ? null : offset(value, at);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || at < value.length() && offset == null) {
            return null;
        }
        try {
            return new CommonShape(LocalDateTime.of(year, month, day, hour, minute, second, nanos), offset);
        } catch (DateTimeException outOfRange) {
            return null;
        }
    }

    /** {@code Z} or {@code ±hh:mm} ending the value at {@code at}; null for anything else. */
    private static ZoneOffset offset(String value, int at) {
        int left = value.length() - at;
        if (left == 1 && value.charAt(at) == 'Z') {
            return ZoneOffset.UTC;
        }
        if (left != 6 || value.charAt(at + 3) != ':') {
            return null;
        }
        char sign = value.charAt(at);
        int hours = digits(value, at + 1, 2);
        int minutes = digits(value, at + 4, 2);
        if ((sign != '+' && sign != '-') || hours < 0 || minutes < 0) {
            return null;
        }
        if (minutes % 15 == 0 && minutes < 60) {
            int quarters = (hours * 4 + minutes / 15) * (sign == '+' ? 1 : -1);
            if (Math.abs(quarters) <= MAX_QUARTERS) {
                return QUARTER_HOUR_OFFSETS[quarters + MAX_QUARTERS];
            }
        }
        try {
            return sign == '+' ? ZoneOffset.ofHoursMinutes(hours, minutes) : ZoneOffset.ofHoursMinutes(-hours, -minutes);
        } catch (DateTimeException outOfRange) {
            return null;
        }
    }

    /** The ASCII digits at [from, from + count) as a number, or -1 if any is not one. */
    private static int digits(String value, int from, int count) {
        int number = 0;
        for (int i = from; i < from + count; i++) {
            int digit = digit(value.charAt(i));
            if (digit < 0) {
                return -1;
            }
            number = number * 10 + digit;
        }
        return number;
    }

    private static int digit(char c) {
        return c >= '0' && c <= '9' ? c - '0' : -1;
    }

    public static String format(Instant instant) {
        return UTC_MILLIS.format(instant);
    }
}
