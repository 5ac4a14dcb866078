package com.trafficrules.fill;

import com.trafficrules.fill.block.Block;
import com.trafficrules.fill.block.BlockRequests;
import com.trafficrules.fill.block.FillRequest;
import com.trafficrules.fill.playlog.PlayLogSnapshot;
import com.trafficrules.kernel.DecisionReplay;
import com.trafficrules.kernel.Ruleset;
import com.trafficrules.kernel.StoredDecision;
import com.trafficrules.policy.ChannelPolicies;
import com.trafficrules.web.InvalidRequestException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stored fill decided again under another version, against the play log its {@link FillReplayContext} read:
 * both versions see the same plays, so what differs is what the rules make of them.
 */
final class FillReplay implements DecisionReplay {

    /** How far either side of a block's UTC day the plays a replay sees reach. */
    private static final long WINDOW_MS = Duration.ofDays(2).toMillis();
    private static final long DAY_MS = Duration.ofDays(1).toMillis();

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
    public List<?> outcomeItems(Ruleset ruleset, StoredDecision decision, JsonNode context) {
        Block block = block(json, decision);
        PlayLogSnapshot playLog = json.treeToValue(context, PlayLogSnapshot.class);
        return BlockFiller.fill(ruleset, ChannelPolicies.of(ruleset).forChannel(decision.channel()), block,
                        playLog.before(decision.channel(), block.blockId(), window(block)[1]))
                .segments().stream()
                .map(segment -> new SegmentItem(segment.index(), segment.type(), segment.assetUri(), segment.durationMs(),
                        segment.breakIndex()))
                .toList();
    }

    /** The span of plays a replay of the decision sees, {@code [from, to)} in epoch ms; none for a request that no longer reads. */
    static Optional<long[]> window(JsonMapper json, StoredDecision decision) {
        try {
            return Optional.of(window(block(json, decision)));
        } catch (InvalidRequestException | JacksonException e) {
            // Refused under today's checks: its replay refuses it the same way, with no play log to read.
            return Optional.empty();
        }
    }

    private static long[] window(Block block) {
        long day = Math.floorDiv(block.startMs(), DAY_MS) * DAY_MS;
        return new long[] {day - WINDOW_MS, day + DAY_MS + WINDOW_MS};
    }

    private static Block block(JsonMapper json, StoredDecision decision) {
        return BlockRequests.parse(json.readValue(decision.request(), FillRequest.class));
    }
}
