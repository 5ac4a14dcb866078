package com.trafficrules.reconciliation.run;

import com.trafficrules.web.Times;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Times as rows carry them. An instant with an offset is that instant; an as-run time without one is the channel's
 * local time, read only when the zone gives it exactly one instant: a local time a DST change skips or repeats is
 * quarantined rather than guessed.
 */
public final class RowTimes {

    private RowTimes() {
    }

    /** An instant in epoch ms, or the quarantine code saying why there is none. */
    public record Read(Long epochMs, String code) {

        static Read of(long epochMs) {
            return new Read(epochMs, null);
        }

        static Read refused(String code) {
            return new Read(null, code);
        }
    }

    /** RFC 3339 with an offset. */
    public static Read withOffset(String text) {
        try {
            return Read.of(Times.parseWithOffset(text).toEpochMilli());
        } catch (DateTimeParseException e) {
            return Read.refused("UNPARSEABLE_TIME");
        }
    }

    /** RFC 3339 with an offset, or a local date-time in {@code zone}. */
    public static Read offsetOrLocal(String text, ZoneId zone) {
        Read withOffset = withOffset(text);
        if (withOffset.epochMs() != null) {
            return withOffset;
        }
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return Read.refused("UNPARSEABLE_TIME");
        }
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.size() != 1) {
            return Read.refused("AMBIGUOUS_LOCAL_TIME");
        }
        return Read.of(local.toInstant(offsets.get(0)).toEpochMilli());
    }
}
