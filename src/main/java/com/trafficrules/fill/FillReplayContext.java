package com.trafficrules.fill;

import com.trafficrules.fill.asset.Asset;
import com.trafficrules.fill.asset.AssetRepository;
import com.trafficrules.fill.asset.LibraryAsset;
import com.trafficrules.fill.playlog.LoggedPlay;
import com.trafficrules.fill.playlog.PlayLog;
import com.trafficrules.fill.playlog.PlayLogSnapshot;
import com.trafficrules.kernel.ReplayContext;
import com.trafficrules.kernel.StoredDecision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The play log stored fills are decided again against, read once for all of a preview's fills: the library as it
 * is now and, for each channel, each asset's latest play before the earliest window (the fill order) and every play
 * from there to the end of the latest window. A fill's window runs from two days before its block's UTC day to two
 * days after it (cooldowns either side and the daily cap); its replay leaves out its block's own plays and anything
 * after its window ({@link PlayLogSnapshot#before}). Plays logged after the fill was decided, inside its window, are
 * seen by both versions alike.
 */
@Component
class FillReplayContext implements ReplayContext {

    private final PlayLog playLog;
    private final AssetRepository assets;
    private final JsonMapper json;

    FillReplayContext(PlayLog playLog, AssetRepository assets, JsonMapper json) {
        this.playLog = playLog;
        this.assets = assets;
        this.json = json;
    }

    @Override
    public String kind() {
        return FillService.KIND;
    }

    @Override
    @Transactional(readOnly = true)
    public JsonNode of(List<StoredDecision> decisions) {
        Map<String, long[]> spans = new HashMap<>();
        for (StoredDecision decision : decisions) {
            FillReplay.window(json, decision).ifPresent(window -> spans.merge(decision.channel(), window,
                    (one, other) -> new long[] {Math.min(one[0], other[0]), Math.max(one[1], other[1])}));
        }
        List<LibraryAsset> library = assets.findAll().stream().map(Asset::toLibraryAsset).toList();
        List<UUID> uuids = library.stream().map(LibraryAsset::uuid).toList();
        Map<String, List<LoggedPlay>> channels = new HashMap<>();
        spans.forEach((channel, span) -> {
            List<LoggedPlay> plays = new ArrayList<>(playLog.latestBefore(channel, Instant.ofEpochMilli(span[0]), uuids));
            plays.addAll(playLog.between(channel, Instant.ofEpochMilli(span[0]), Instant.ofEpochMilli(span[1])));
            channels.put(channel, plays);
        });
        return json.valueToTree(new PlayLogSnapshot(library, channels));
    }
}
