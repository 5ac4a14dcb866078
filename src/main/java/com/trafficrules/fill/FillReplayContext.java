package com.trafficrules.fill;

import com.trafficrules.fill.asset.Asset;
import com.trafficrules.fill.asset.AssetRepository;
import com.trafficrules.fill.block.Block;
import com.trafficrules.fill.block.BlockRequests;
import com.trafficrules.fill.block.FillRequest;
import com.trafficrules.fill.playlog.LoggedPlay;
import com.trafficrules.fill.playlog.PlayLog;
import com.trafficrules.fill.playlog.PlayLogSnapshot;
import com.trafficrules.kernel.ReplayContext;
import com.trafficrules.kernel.StoredDecision;
import com.trafficrules.web.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The play log a stored fill is decided again against: the library as it is now, each asset's latest play
 * before the window (the fill order), and the channel's plays from two days before the block's UTC day to two
 * days after it (cooldowns and the daily cap) — less the block's own plays, which the fill being replayed made.
 * A cooldown longer than two days is replayed without the plays before the window.
 */
@Component
class FillReplayContext implements ReplayContext {

    static final Duration WINDOW = Duration.ofDays(2);

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
    public JsonNode of(StoredDecision decision) {
        Block block;
        try {
            block = BlockRequests.parse(json.readValue(decision.request(), FillRequest.class));
        } catch (InvalidRequestException e) {
            // Refused under today's checks: the replay refuses it the same way, with no play log to read.
            return null;
        }
        Instant day = Instant.ofEpochMilli(block.startMs()).truncatedTo(ChronoUnit.DAYS);
        Instant from = day.minus(WINDOW);
        Instant to = day.plus(Duration.ofDays(1)).plus(WINDOW);
        List<LoggedPlay> plays = new ArrayList<>(playLog.latestBefore(decision.channel(), from));
        playLog.between(decision.channel(), from, to).stream()
                .filter(play -> !block.blockId().equals(play.blockId()))
                .forEach(plays::add);
        return json.valueToTree(new PlayLogSnapshot(assets.findAll().stream().map(Asset::toLibraryAsset).toList(), plays));
    }
}
