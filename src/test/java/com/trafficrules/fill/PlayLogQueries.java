package com.trafficrules.fill;

/** The play log's queries as the fill benchmark EXPLAINs them (PlayLog keeps them package-private). */
public final class PlayLogQueries {

    private PlayLogQueries() {
    }

    /** {@link PlayLog#AROUND}: one page of the ready assets that fit, with their plays around one break. */
    public static String around() {
        return PlayLog.AROUND;
    }

    /** The parameters of the first page a fill reads for a break of {@code maxDurationMs}. */
    public static Object[] aroundParameters(String channel, long airAtMs, long maxDurationMs) {
        return PlayLog.aroundParameters(channel, airAtMs, maxDurationMs, java.util.Set.of(), BlockFiller.PAGE);
    }
}
