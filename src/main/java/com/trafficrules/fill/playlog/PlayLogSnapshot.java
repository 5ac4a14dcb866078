package com.trafficrules.fill.playlog;

import com.trafficrules.fill.asset.LibraryAsset;
import java.util.List;

/** A channel's library and plays as the play log held them, for a fill decided again away from the database. */
public record PlayLogSnapshot(List<LibraryAsset> assets, List<LoggedPlay> plays) {

    public PlayHistory history() {
        return new InMemoryPlayHistory(assets, plays);
    }
}
