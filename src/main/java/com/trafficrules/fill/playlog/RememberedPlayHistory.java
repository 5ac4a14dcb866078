package com.trafficrules.fill.playlog;

import com.trafficrules.fill.asset.AssetLibrary;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The play log of one channel as a fill sees it in production: candidates in the order this replica
 * remembers, with the day's play counts it remembers. An asset whose latest play is at or before the break's
 * air time has that play as its nearest before and none after; only assets played after it (a block filled
 * ahead of an earlier one) have their nearest plays read from the log. The plays a fill logs update what is
 * remembered.
 */
public final class RememberedPlayHistory implements PlayHistory {

    private final String channel;
    private final FillMemory.Hold memory;
    private final PlayLog playLog;

    public RememberedPlayHistory(String channel, FillMemory.Hold memory, PlayLog playLog) {
        this.channel = channel;
        this.memory = memory;
        this.playLog = playLog;
    }

    @Override
    public List<AssetHistory> around(long airAtMs, long maxDurationMs, Set<UUID> seen, int limit) {
        AssetLibrary library = memory.library();
        PlayOrder order = memory.order();
        List<PlayOrder.Ordered> page = order.page(library, maxDurationMs, seen, limit);
        Map<UUID, AssetHistory.Nearest> nearest = new HashMap<>();
        Set<UUID> playedAfterAir = new LinkedHashSet<>();
        for (PlayOrder.Ordered candidate : page) {
            for (UUID uuid : library.sharingCooldownWith(candidate.asset())) {
                Long latest = order.latestPlayMs(uuid);
                if (latest != null && latest > airAtMs) {
                    playedAfterAir.add(uuid);
                } else {
                    nearest.put(uuid, new AssetHistory.Nearest(latest, null, memory.playsThatDay(uuid, airAtMs)));
                }
            }
        }
        if (!playedAfterAir.isEmpty()) {
            nearest.putAll(playLog.nearest(channel, airAtMs, playedAfterAir, uuid -> memory.playsThatDay(uuid, airAtMs)));
        }
        return page.stream()
                .map(candidate -> AssetHistory.of(candidate, library.sharingCooldownWith(candidate.asset()), nearest))
                .toList();
    }

    @Override
    public void record(List<LoggedPlay> plays) {
        playLog.insert(channel, plays);
        memory.played(plays);
    }
}
