package com.trafficrules.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Time at the edge: RFC 3339 with an offset in, UTC with milliseconds out. */
public final class Times {

    private static final DateTimeFormatter UTC_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    /** Parses an instant that must carry its offset ({@code Z} or {@code +hh:mm}). */
    public static Instant parseWithOffset(String value) throws DateTimeParseException {
        OffsetDateTime parsed = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        if (parsed.getYear() < 0 || parsed.getYear() > 9999) {
            throw new DateTimeParseException("RFC 3339 years have four digits", value, 0);
        }
        return parsed.toInstant();
    }

    public static String format(Instant instant) {
        return UTC_MILLIS.format(instant);
    }
}
