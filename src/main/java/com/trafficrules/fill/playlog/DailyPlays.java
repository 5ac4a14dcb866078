package com.trafficrules.fill.playlog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongFunction;

/** One channel's plays per asset per UTC day, for the days its recent fills aired on. */
final class DailyPlays {

    static final long DAY_MS = Duration.ofDays(1).toMillis();
    /** Fills air within hours of now: a few days cover them; a day forgotten is read again if a fill needs it. */
    private static final int DAYS_KEPT = 4;

    /** Days by their start; evicted on the fill's own thread, so that no more than the limit are kept when it returns. */
    private final Cache<Long, Map<UUID, Long>> byDay = Caffeine.newBuilder().maximumSize(DAYS_KEPT)
            .executor(Runnable::run).build();

    static long dayStartMs(long atMs) {
        return Math.floorDiv(atMs, DAY_MS) * DAY_MS;
    }

    /** The asset's plays on the UTC day of {@code atMs}; a day not yet known is read with {@code readDay}. */
    long on(UUID asset, long atMs, LongFunction<Map<UUID, Long>> readDay) {
        return byDay.get(dayStartMs(atMs), day -> new HashMap<>(readDay.apply(day))).getOrDefault(asset, 0L);
    }

    void played(UUID asset, long playedAtMs) {
        Map<UUID, Long> day = byDay.getIfPresent(dayStartMs(playedAtMs));
        if (day != null) {
            day.merge(asset, 1L, Long::sum);
        }
    }
}
