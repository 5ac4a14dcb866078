package com.trafficrules.fill.playlog;

import com.trafficrules.fill.asset.AssetLibrary;
import com.trafficrules.fill.asset.LibraryAsset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A play history held in memory: rule scenarios state their assets and plays instead of a database. */
public final class InMemoryPlayHistory implements PlayHistory {

    private final AssetLibrary library;
    private final PlayOrder order = new PlayOrder();
    private final List<LoggedPlay> plays = new ArrayList<>();

    public InMemoryPlayHistory(List<LibraryAsset> assets, List<LoggedPlay> plays) {
        this.library = new AssetLibrary(assets);
        record(plays);
    }

    @Override
    public List<AssetHistory> around(long airAtMs, long maxDurationMs, Set<UUID> seen, int limit) {
        long dayStart = DailyPlays.dayStartMs(airAtMs);
        long dayEnd = dayStart + DailyPlays.DAY_MS;
        Map<UUID, List<Long>> times = new HashMap<>();
        plays.forEach(play -> times.computeIfAbsent(play.assetUuid(), uuid -> new ArrayList<>()).add(play.playedAtMs()));
        Map<UUID, AssetHistory.Nearest> nearest = new HashMap<>();
        times.forEach((uuid, list) -> nearest.put(uuid, new AssetHistory.Nearest(
                list.stream().filter(t -> t <= airAtMs).max(Long::compare).orElse(null),
                list.stream().filter(t -> t > airAtMs).min(Long::compare).orElse(null),
                list.stream().filter(t -> t >= dayStart && t < dayEnd).count())));
        return order.page(library, maxDurationMs, seen, limit).stream()
                .map(candidate -> AssetHistory.of(candidate, library.sharingCooldownWith(candidate.asset()), nearest))
                .toList();
    }

    @Override
    public void record(List<LoggedPlay> newPlays) {
        plays.addAll(newPlays);
        newPlays.forEach(play -> order.played(play.assetUuid(), play.assetUri(), play.playedAtMs()));
    }
}
