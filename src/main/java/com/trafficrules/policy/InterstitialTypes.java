package com.trafficrules.policy;

import java.util.List;

/** The kinds of material that may sit in a break. */
public final class InterstitialTypes {

    public static final List<String> ALL = List.of("commercial", "promo", "station_id", "psa", "stinger", "bumper", "filler");

    private InterstitialTypes() {
    }

    public static boolean isKnown(String type) {
        return ALL.contains(type);
    }
}
