package com.trafficrules.reconciliation.run;

import com.trafficrules.reconciliation.asrun.LocalTimes;
import com.trafficrules.reconciliation.asrun.Quarantined;
import com.trafficrules.reconciliation.asrun.UnreadableValue;
import com.trafficrules.web.Times;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Times as rows carry them. An instant with an offset is that instant; an as-run time without one is the channel's
 * local time, read only when the zone gives it exactly one instant: a local time a DST change skips or repeats is
 * quarantined rather than guessed.
 */
public final class RowTimes {

    private RowTimes() {
    }

    /** An instant in epoch ms, or the quarantine code saying why there is none. */
    public record Read(Long epochMs, Quarantined.Code code) {

        static Read of(long epochMs) {
            return new Read(epochMs, null);
        }

        static Read refused(Quarantined.Code code) {
            return new Read(null, code);
        }
    }

    /** RFC 3339 with an offset. */
    public static Read withOffset(String text) {
        try {
            return Read.of(Times.parseWithOffset(text).toEpochMilli());
        } catch (DateTimeParseException e) {
            return Read.refused(Quarantined.Code.UNPARSEABLE_TIME);
        }
    }

    /** RFC 3339 with an offset, or a local date-time in {@code zone} (read as the as-run files read it). */
    public static Read offsetOrLocal(String text, ZoneId zone) {
        try {
            return Read.of(LocalTimes.epochMs(text, zone));
        } catch (UnreadableValue e) {
            return Read.refused(e.code());
        }
    }
}
