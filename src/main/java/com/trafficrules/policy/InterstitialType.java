package com.trafficrules.policy;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of material that may sit in a break, spelled in lower case (station_id) in requests, responses and
 * policy files. Facts the rules read keep the spelling.
 */
public enum InterstitialType {
    COMMERCIAL, PROMO, STATION_ID, PSA, STINGER, BUMPER, FILLER;

    /** Every spelling, in this order. */
    public static final List<String> ALL = Arrays.stream(values()).map(InterstitialType::spelling).toList();

    private final String spelling = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String spelling() {
        return spelling;
    }

    /** The type spelled {@code spelling}, if there is one. */
    public static Optional<InterstitialType> of(String spelling) {
        return Arrays.stream(values()).filter(type -> type.spelling().equals(spelling)).findFirst();
    }
}
