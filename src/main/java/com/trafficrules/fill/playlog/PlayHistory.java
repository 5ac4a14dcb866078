package com.trafficrules.fill.playlog;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/** What a fill needs from the play log of one channel; a fill writes its plays back as it goes. */
public interface PlayHistory {

    /**
     * The first {@code limit} ready assets no longer than {@code maxDurationMs} and not in {@code seen}, least
     * recently played on the channel as of {@code airAtMs} first (never played first, ties by uri), with their
     * plays around {@code airAtMs}. A fill reads them a page at a time and stops once its break is full.
     */
    List<AssetHistory> around(long airAtMs, long maxDurationMs, Set<UUID> seen, int limit);

    void record(List<LoggedPlay> plays);
}
