package com.trafficrules.rotation.facts;

/**
 * A named part of the broadcast day, [fromMs, toMs) in milliseconds since local midnight. A daypart
 * whose end is not after its start wraps midnight (e.g. 23:00–02:00); equal bounds cover the whole day.
 */
public record Daypart(String name, long fromMs, long toMs) {

    public boolean covers(long localMsOfDay) {
        if (fromMs < toMs) {
            return localMsOfDay >= fromMs && localMsOfDay < toMs;
        }
        return localMsOfDay >= fromMs || localMsOfDay < toMs;
    }
}
