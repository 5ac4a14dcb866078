package com.trafficrules.fill.playlog;

import com.trafficrules.fill.asset.AssetLibrary;
import com.trafficrules.fill.asset.LibraryAsset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One channel's fill order: ready assets never played on the channel first, by uri, then the others by
 * their latest play on the channel, ties by uri. Plays only ever move an asset towards the back.
 */
final class PlayOrder {

    /** A candidate in fill order; {@code lastPlayedMs} is null when it never played on the channel. */
    record Ordered(LibraryAsset asset, Long lastPlayedMs) {
    }

    private record LatestPlay(long playedAtMs, String uri, UUID uuid) {
    }

    private final Map<UUID, LatestPlay> latest = new HashMap<>();
    private final NavigableSet<LatestPlay> byLatestPlay = new TreeSet<>(
            Comparator.comparingLong(LatestPlay::playedAtMs).thenComparing(LatestPlay::uri));
    /** The library's ready assets never played here, in uri order, as last worked out; null once a first play changes it. */
    private List<LibraryAsset> neverPlayed;
    private AssetLibrary neverPlayedOf;

    void played(UUID uuid, String uri, long playedAtMs) {
        LatestPlay known = latest.get(uuid);
        if (known != null && known.playedAtMs() >= playedAtMs) {
            return;
        }
        if (known != null) {
            byLatestPlay.remove(known);
        } else {
            neverPlayed = null;
        }
        LatestPlay play = new LatestPlay(playedAtMs, uri, uuid);
        latest.put(uuid, play);
        byLatestPlay.add(play);
    }

    /** The asset's latest play on the channel, at any time, or null when it never played here. */
    Long latestPlayMs(UUID uuid) {
        LatestPlay play = latest.get(uuid);
        return play == null ? null : play.playedAtMs();
    }

    /** The channel's latest play of any asset, or {@link Long#MIN_VALUE} when nothing ever played here. */
    long latestPlayMs() {
        return byLatestPlay.isEmpty() ? Long.MIN_VALUE : byLatestPlay.last().playedAtMs();
    }

    /** The first {@code limit} ready assets of the library no longer than {@code maxDurationMs} and not in {@code seen}. */
    List<Ordered> page(AssetLibrary library, long maxDurationMs, Set<UUID> seen, int limit) {
        List<Ordered> page = new ArrayList<>();
        for (LibraryAsset asset : neverPlayed(library)) {
            if (page.size() == limit) {
                return page;
            }
            if (asset.durationMs() <= maxDurationMs && !seen.contains(asset.uuid())) {
                page.add(new Ordered(asset, null));
            }
        }
        for (LatestPlay play : byLatestPlay) {
            if (page.size() == limit) {
                return page;
            }
            LibraryAsset asset = library.ready(play.uuid());
            if (asset != null && asset.durationMs() <= maxDurationMs && !seen.contains(asset.uuid())) {
                page.add(new Ordered(asset, play.playedAtMs()));
            }
        }
        return page;
    }

    private List<LibraryAsset> neverPlayed(AssetLibrary library) {
        if (neverPlayed == null || neverPlayedOf != library) {
            neverPlayed = library.readyByUri().stream().filter(asset -> !latest.containsKey(asset.uuid())).toList();
            neverPlayedOf = library;
        }
        return neverPlayed;
    }
}
