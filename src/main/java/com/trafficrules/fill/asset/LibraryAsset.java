package com.trafficrules.fill.asset;

import java.util.UUID;

/** An asset of the library as fills see it: what it is, whether it may air, and whose cooldown it shares. */
public record LibraryAsset(UUID uuid, String uri, String type, long durationMs, String state, String cooldownGroup) {

    boolean isReady() {
        return AssetState.READY.spelling().equals(state);
    }
}
