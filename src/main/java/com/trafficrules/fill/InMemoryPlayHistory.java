package com.trafficrules.fill;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A play history held in memory: rule scenarios state their assets and plays instead of a database. */
final class InMemoryPlayHistory implements PlayHistory {

    record Library(UUID uuid, String uri, String type, long durationMs, String state, String cooldownGroup) {
    }

    private final List<Library> assets;
    private final List<LoggedPlay> plays;

    InMemoryPlayHistory(List<Library> assets, List<LoggedPlay> plays) {
        this.assets = List.copyOf(assets);
        this.plays = new ArrayList<>(plays);
    }

    @Override
    public List<AssetHistory> around(long airAtMs, long maxDurationMs) {
        long dayStart = Instant.ofEpochMilli(airAtMs).atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant().toEpochMilli();
        long dayEnd = dayStart + ChronoUnit.DAYS.getDuration().toMillis();
        return assets.stream().filter(asset -> "ready".equals(asset.state()) && asset.durationMs() <= maxDurationMs)
                .map(asset -> {
                    List<Long> times = plays.stream().filter(play -> Objects.equals(play.assetUuid(), asset.uuid()))
                            .map(LoggedPlay::playedAtMs).toList();
                    return new AssetHistory(asset.uuid(), asset.uri(), asset.type(), asset.durationMs(), asset.cooldownGroup(),
                            times.stream().filter(t -> t <= airAtMs).max(Long::compare).orElse(null),
                            times.stream().filter(t -> t > airAtMs).min(Long::compare).orElse(null),
                            times.stream().filter(t -> t >= dayStart && t < dayEnd).count());
                }).toList();
    }

    @Override
    public void record(List<LoggedPlay> newPlays) {
        plays.addAll(newPlays);
    }
}
