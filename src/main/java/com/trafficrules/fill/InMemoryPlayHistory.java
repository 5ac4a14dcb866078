package com.trafficrules.fill;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

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
    public List<AssetHistory> around(long airAtMs, long maxDurationMs, Set<UUID> seen, int limit) {
        long dayStart = Instant.ofEpochMilli(airAtMs).atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant().toEpochMilli();
        long dayEnd = dayStart + ChronoUnit.DAYS.getDuration().toMillis();
        return assets.stream().filter(asset -> "ready".equals(asset.state()) && asset.durationMs() <= maxDurationMs
                        && !seen.contains(asset.uuid()))
                .map(asset -> {
                    List<Long> times = playsOf(Set.of(asset.uuid()));
                    // The cooldown key's plays: every asset of the group, whether or not it could fill this break.
                    List<Long> keyTimes = asset.cooldownGroup() == null ? times : playsOf(assets.stream()
                            .filter(other -> asset.cooldownGroup().equals(other.cooldownGroup()))
                            .map(Library::uuid).collect(Collectors.toSet()));
                    return new AssetHistory(asset.uuid(), asset.uri(), asset.type(), asset.durationMs(), asset.cooldownGroup(),
                            times.stream().max(Long::compare).orElse(null),
                            times.stream().filter(t -> t >= dayStart && t < dayEnd).count(),
                            lastBefore(keyTimes, airAtMs), firstAfter(keyTimes, airAtMs));
                }).sorted(BlockFiller.LEAST_RECENTLY_PLAYED).limit(limit).toList();
    }

    private List<Long> playsOf(Set<UUID> uuids) {
        return plays.stream().filter(play -> uuids.contains(play.assetUuid())).map(LoggedPlay::playedAtMs).toList();
    }

    private static Long lastBefore(List<Long> times, long airAtMs) {
        return times.stream().filter(t -> t <= airAtMs).max(Long::compare).orElse(null);
    }

    private static Long firstAfter(List<Long> times, long airAtMs) {
        return times.stream().filter(t -> t > airAtMs).min(Long::compare).orElse(null);
    }

    @Override
    public void record(List<LoggedPlay> newPlays) {
        plays.addAll(newPlays);
    }
}
