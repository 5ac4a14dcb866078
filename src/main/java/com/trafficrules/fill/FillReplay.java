package com.trafficrules.fill;

import com.trafficrules.fill.block.Block;
import com.trafficrules.fill.block.BlockRequests;
import com.trafficrules.fill.block.FillRequest;
import com.trafficrules.fill.playlog.PlayLogSnapshot;
import com.trafficrules.kernel.DecisionReplay;
import com.trafficrules.kernel.Ruleset;
import com.trafficrules.kernel.StoredDecision;
import com.trafficrules.policy.ChannelPolicies;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stored fill decided again under another version, against the play log its {@link FillReplayContext} read:
 * both versions see the same plays, so what differs is what the rules make of them.
 */
final class FillReplay implements DecisionReplay {

    /** A filled segment as the impact preview compares it: where it airs in the block and what it is. */
    record SegmentItem(int index, String type, String assetUri, long durationMs, Integer breakIndex) {
    }

    private final JsonMapper json;

    FillReplay(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String kind() {
        return FillService.KIND;
    }

    @Override
    public List<?> outcomeItems(Ruleset ruleset, StoredDecision decision) {
        Block block = BlockRequests.parse(json.readValue(decision.request(), FillRequest.class));
        PlayLogSnapshot playLog = json.treeToValue(decision.context(), PlayLogSnapshot.class);
        return BlockFiller.fill(ruleset, ChannelPolicies.of(ruleset).forChannel(decision.channel()), block, playLog.history())
                .segments().stream()
                .map(segment -> new SegmentItem(segment.index(), segment.type(), segment.assetUri(), segment.durationMs(),
                        segment.breakIndex()))
                .toList();
    }
}
