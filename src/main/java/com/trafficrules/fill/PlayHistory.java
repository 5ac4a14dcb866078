package com.trafficrules.fill;

import java.util.List;

/** What a fill needs from the play log of one channel; a fill writes its plays back as it goes. */
interface PlayHistory {

    /** The ready assets no longer than {@code maxDurationMs}, with their plays around {@code airAtMs}. */
    List<AssetHistory> around(long airAtMs, long maxDurationMs);

    void record(List<LoggedPlay> plays);
}
