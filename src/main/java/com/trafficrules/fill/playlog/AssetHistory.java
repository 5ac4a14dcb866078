package com.trafficrules.fill.playlog;

import com.trafficrules.fill.asset.LibraryAsset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A selectable asset and what the play log says of it around one break: its latest play on the channel
 * (the fill order; null = never played), its plays during the break's UTC day, and the nearest plays of
 * its cooldown key before and after the break's air time — with a cooldown group, of any asset of the
 * group, including members that cannot fill this break (pulled, too long).
 */
public record AssetHistory(UUID uuid, String uri, String type, long durationMs, String cooldownGroup,
                    Long lastPlayedMs, long playsToday, Long keyLastPlayedBeforeMs, Long keyFirstPlayedAfterMs) {

    /** What the play log says of one asset around one break. */
    record Nearest(Long lastBeforeMs, Long firstAfterMs, long playsThatDay) {
    }

    /** A candidate's history from the nearest plays of itself and of every asset sharing its cooldown. */
    static AssetHistory of(PlayOrder.Ordered candidate, List<UUID> sharingCooldown, Map<UUID, Nearest> nearest) {
        LibraryAsset asset = candidate.asset();
        List<Nearest> key = sharingCooldown.stream().map(nearest::get).filter(Objects::nonNull).toList();
        Long before = key.stream().map(Nearest::lastBeforeMs).filter(Objects::nonNull).max(Long::compare).orElse(null);
        Long after = key.stream().map(Nearest::firstAfterMs).filter(Objects::nonNull).min(Long::compare).orElse(null);
        Nearest own = nearest.get(asset.uuid());
        return new AssetHistory(asset.uuid(), asset.uri(), asset.type(), asset.durationMs(), asset.cooldownGroup(),
                candidate.lastPlayedMs(), own == null ? 0 : own.playsThatDay(), before, after);
    }

    public String cooldownKey() {
        return cooldownGroup != null ? cooldownGroup : uri;
    }
}
