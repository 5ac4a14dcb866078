package com.trafficrules.fill.playlog;

import com.trafficrules.fill.asset.LibraryAsset;
import java.util.List;
import java.util.Map;

/**
 * The library and some channels' plays as the play log held them, for fills decided again away from the database.
 *
 * @param channels each channel's plays, oldest first: each asset's latest play before the span read, then every
 *                 play of the span
 */
public record PlayLogSnapshot(List<LibraryAsset> assets, Map<String, List<LoggedPlay>> channels) {

    /**
     * The channel's history as one block's fill saw it: without the block's own plays, which that fill made, and
     * without plays from {@code untilMs} on.
     */
    public PlayHistory before(String channel, String blockId, long untilMs) {
        List<LoggedPlay> plays = channels.getOrDefault(channel, List.of()).stream()
                .filter(play -> play.playedAtMs() < untilMs && !blockId.equals(play.blockId()))
                .toList();
        return new InMemoryPlayHistory(assets, plays);
    }
}
