package com.trafficrules.fill.playlog;

import java.util.Collection;
import java.util.UUID;

/** The play log's queries as the fill benchmark EXPLAINs them (PlayLog keeps them package-private). */
public final class PlayLogQueries {

    private PlayLogQueries() {
    }

    /** {@link PlayLog#NEAREST}: the nearest plays of one page of candidates around one break. */
    public static String nearest() {
        return PlayLog.NEAREST;
    }

    /** {@link PlayLog#PLAYS_PER_ASSET}: the daily cap's counts of one channel and UTC day. */
    public static String playsPerAsset() {
        return PlayLog.PLAYS_PER_ASSET;
    }

    public static Object[] nearestParameters(String channel, long airAtMs, Collection<UUID> assets) {
        return PlayLog.nearestParameters(channel, airAtMs, assets);
    }
}
