package com.trafficrules.reconciliation.asrun;

import static com.trafficrules.reconciliation.asrun.Quarantined.Code.UNPARSEABLE_TIME;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an as-run length: whole milliseconds ({@code 30000}), or {@code HH:MM:SS[.mmm]} as CSV exports write it
 * ({@code 00:00:30.250}). A fraction finer than milliseconds is truncated, as {@link LocalTimes} does.
 * Frame-based timecodes ({@code 00:00:30:12}) are refused: their meaning depends on a frame rate the file does not give.
 */
public final class Durations {

    /** At most 18 digits, so that every accepted value fits a long. */
    private static final Pattern MILLISECONDS = Pattern.compile("-?\\d{1,18}");
    /** Up to nine digits of hours, so that the sum cannot overflow. */
    private static final Pattern CLOCK = Pattern.compile("(\\d{1,9}):([0-5]\\d):([0-5]\\d)(?:\\.(\\d{1,9}))?");

    private Durations() {
    }

    public static long ms(String text) throws UnreadableValue {
        if (MILLISECONDS.matcher(text).matches()) {
            return Long.parseLong(text);
        }
        Matcher clock = CLOCK.matcher(text);
        if (!clock.matches()) {
            throw new UnreadableValue(UNPARSEABLE_TIME, "'" + text + "' is neither whole milliseconds nor HH:MM:SS[.mmm]");
        }
        long seconds = Long.parseLong(clock.group(1)) * 3600 + Long.parseLong(clock.group(2)) * 60
                + Long.parseLong(clock.group(3));
        String fraction = clock.group(4) == null ? "" : clock.group(4);
        // ".5" is half a second: pad to three digits, then drop what is finer than a millisecond.
        long millis = Long.parseLong((fraction + "000").substring(0, 3));
        return seconds * 1000 + millis;
    }
}
