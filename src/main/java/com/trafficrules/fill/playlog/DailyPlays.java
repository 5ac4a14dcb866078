package com.trafficrules.fill.playlog;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongFunction;

/** One channel's plays per asset per UTC day, for the days its recent fills aired on. */
final class DailyPlays {

    static final long DAY_MS = Duration.ofDays(1).toMillis();
    /** Fills air within hours of now: a few days cover them; an older day is read again if a fill needs it. */
    private static final int DAYS_KEPT = 4;

    private final Map<Long, Map<UUID, Long>> byDay = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Map<UUID, Long>> eldest) {
            return size() > DAYS_KEPT;
        }
    };

    static long dayStartMs(long atMs) {
        return Math.floorDiv(atMs, DAY_MS) * DAY_MS;
    }

    /** The asset's plays on the UTC day of {@code atMs}; a day not yet known is read with {@code readDay}. */
    long on(UUID asset, long atMs, LongFunction<Map<UUID, Long>> readDay) {
        return byDay.computeIfAbsent(dayStartMs(atMs), day -> new HashMap<>(readDay.apply(day))).getOrDefault(asset, 0L);
    }

    void played(UUID asset, long playedAtMs) {
        Map<UUID, Long> day = byDay.get(dayStartMs(playedAtMs));
        if (day != null) {
            day.merge(asset, 1L, Long::sum);
        }
    }
}
