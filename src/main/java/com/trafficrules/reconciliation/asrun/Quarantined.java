package com.trafficrules.reconciliation.asrun;

import java.util.Objects;

/**
 * A row left out of a run, and why.
 *
 * @param source {@link #PLANNED} or {@link #AS_RUN}
 * @param index  the row's 0-based position in its list, or for a file its 1-based line number (a CSV header is line 1)
 * @param detail names the field (as the input spells it) and what was wrong with it
 */
public record Quarantined(String source, int index, Code code, String detail) {

    public static final String PLANNED = "planned";
    public static final String AS_RUN = "asRun";

    /** The contract's quarantine codes. */
    public enum Code {
        MISSING_FIELD,
        UNPARSEABLE_TIME,
        /** A planned row whose end is not after its start. */
        INVALID_TIME_RANGE,
        /** A planned row, or an as-run row that aired, with a length of zero or less. */
        NON_POSITIVE_LENGTH,
        /** A later row with an availId or eventId already seen; the first is kept. */
        DUPLICATE_ID,
        UNKNOWN_STATUS,
        /** A local time without an offset that a daylight-saving change skips or repeats. */
        AMBIGUOUS_LOCAL_TIME,
        /** A file line that cannot be read at all. */
        MALFORMED_LINE
    }

    public Quarantined {
        if (!PLANNED.equals(source) && !AS_RUN.equals(source)) {
            throw new IllegalArgumentException("source is planned or asRun, not " + source);
        }
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
    }

    public static Quarantined asRun(int index, Code code, String detail) {
        return new Quarantined(AS_RUN, index, code, detail);
    }
}
