package com.trafficrules.fill;

import com.trafficrules.audit.DecisionLog;
import com.trafficrules.engine.RulesetFiles;
import com.trafficrules.fill.block.Block;
import com.trafficrules.fill.block.BlockConflictException;
import com.trafficrules.fill.block.BlockRequests;
import com.trafficrules.fill.block.FillRequest;
import com.trafficrules.fill.block.Segment;
import com.trafficrules.fill.block.TransmissionLog;
import com.trafficrules.fill.playlog.FillMemory;
import com.trafficrules.fill.playlog.PlayLog;
import com.trafficrules.fill.playlog.RememberedPlayHistory;
import com.trafficrules.kernel.ActiveRuleset;
import com.trafficrules.kernel.Ruleset;
import com.trafficrules.kernel.RulesetRef;
import com.trafficrules.policy.ChannelPolicies;
import com.trafficrules.policy.ChannelPolicy;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feed-time fill of one block. Fills of one channel serialise on a PostgreSQL advisory lock, so any
 * number of replicas stay correct; the plays, the transmission log row and the decision commit together.
 * Whatever fails, playout still gets an answer: the static-filler fill with {@code fallback: true}.
 */
@Service
class FillService {

    static final String KIND = "fill";
    /** How long playout may wait for a fill's turn at its channel before it gets the static filler instead. */
    static final long WAIT_MS = 5_000;
    private static final Logger log = LoggerFactory.getLogger(FillService.class);

    private final ActiveRuleset active;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;
    private final PlayLog playLog;
    private final FillMemory memory;
    private final TransmissionLog transmissions;
    private final DecisionLog decisions;
    private final JsonMapper json;

    FillService(ActiveRuleset active, TransactionTemplate transactions, JdbcTemplate jdbc, PlayLog playLog,
                FillMemory memory, TransmissionLog transmissions, DecisionLog decisions, JsonMapper json) {
        this.active = active;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.playLog = playLog;
        this.memory = memory;
        this.transmissions = transmissions;
        this.decisions = decisions;
        this.json = json;
    }

    record FillOutcome(boolean fallback, String fallbackReason, List<Segment> segments) {
    }

    record FillResponse(UUID decisionId, RulesetRef ruleset, String blockId, Instant start, boolean fallback,
                        String fallbackReason, List<Segment> segments) {
    }

    FillResponse fill(String channel, FillRequest request) {
        Ruleset ruleset = active.current();
        Block block = BlockRequests.parse(request);
        ChannelPolicy policy = ChannelPolicies.of(ruleset).forChannel(channel);
        try (FillMemory.Hold held = memory.hold(channel, WAIT_MS)) {
            FillResponse response = transactions.execute(status -> fillOnce(channel, request, block, ruleset, policy, held));
            held.committed();
            return response;
        } catch (BlockConflictException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("Fill of block {} on {} failed; answering with the static filler", block.blockId(), channel, e);
            return new FillResponse(null, ruleset.ref(), block.blockId(), Instant.ofEpochMilli(block.startMs()), true,
                    reason(e), BlockFiller.fallback(policy, block));
        }
    }

    private FillResponse fillOnce(String channel, FillRequest request, Block block, Ruleset ruleset, ChannelPolicy policy,
                                  FillMemory.Hold held) {
        // Playout waits for this answer: a fill that cannot get its lock or its data in time falls back. What the
        // wait for this replica's turn used up is not waited again. One round trip: the timeout is set by the
        // time the lock is waited for.
        jdbc.execute("select set_config('statement_timeout', ?, true); select pg_advisory_xact_lock(hashtextextended(?, 0))",
                (PreparedStatementCallback<Boolean>) statement -> {
                    statement.setString(1, String.valueOf(held.waitLeftMs()));
                    statement.setString(2, "fill:" + channel);
                    return statement.execute();
                });
        String requestHash = RulesetFiles.sha256(json.writeValueAsString(request));
        var stored = transmissions.find(channel, block.blockId());
        if (stored.isPresent()) {
            if (!stored.get().requestHash().equals(requestHash)) {
                throw new BlockConflictException(channel, block.blockId());
            }
            return json.readValue(stored.get().body(), FillResponse.class);
        }
        held.catchUp();
        BlockFiller.Filled filled = BlockFiller.fill(ruleset, policy, block, new RememberedPlayHistory(channel, held, playLog));
        FillOutcome outcome = new FillOutcome(false, null, filled.segments());
        UUID decisionId = decisions.record(KIND, channel, ruleset.ref(), filled.firedRules(), request, outcome);
        FillResponse response = new FillResponse(decisionId, ruleset.ref(), block.blockId(),
                Instant.ofEpochMilli(block.startMs()), false, null, filled.segments());
        transmissions.insert(channel, block, requestHash, json.writeValueAsString(filled.segments()),
                json.writeValueAsString(response));
        return response;
    }

    private static String reason(RuntimeException e) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(e);
        String detail = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return e.getClass().getSimpleName() + ": " + detail.lines().findFirst().orElse(detail);
    }
}
