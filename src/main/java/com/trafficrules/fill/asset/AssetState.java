package com.trafficrules.fill.asset;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether fills may select an asset: {@code ready} (selectable) or {@code pulled} (never selected). */
public enum AssetState {
    READY, PULLED;

    private final String spelling = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String spelling() {
        return spelling;
    }
}
