package com.trafficrules.ruleset;

import com.trafficrules.kernel.DecisionReplay;
import com.trafficrules.kernel.Ruleset;
import com.trafficrules.kernel.StoredDecision;
import com.trafficrules.web.FieldProblem;
import com.trafficrules.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;

/**
 * Stored requests decided again under a candidate version and under the current one, item by item (faults,
 * placements, ...). It runs the candidate's rules, so it runs in the check worker, never in the service.
 */
public final class ImpactComparison {

    /** {@code added}: items the candidate gives that the current one does not; {@code removed}: the reverse. */
    public record Change(UUID decisionId, String kind, List<?> added, List<?> removed) {
    }

    /** The request refused as invalid under a version: its problems are the outcome. */
    record Refused(List<FieldProblem> refused) {
    }

    private final Map<String, DecisionReplay> replays;

    public ImpactComparison(List<DecisionReplay> replays) {
        this.replays = replays.stream().collect(Collectors.toMap(DecisionReplay::kind, Function.identity()));
    }

    /** {@code contexts}: what each kind's replays are given beside the requests, by kind. */
    public List<Change> compare(Ruleset candidate, Ruleset current, List<StoredDecision> decisions,
                                Map<String, JsonNode> contexts) {
        List<Change> changes = new ArrayList<>();
        for (StoredDecision decision : decisions) {
            DecisionReplay replay = replays.get(decision.kind());
            if (replay == null) {
                throw new IllegalArgumentException("No replay for decision kind " + decision.kind());
            }
            JsonNode context = contexts.get(decision.kind());
            List<Object> underCandidate = items(replay, candidate, decision, context);
            List<Object> underCurrent = items(replay, current, decision, context);
            List<Object> added = without(underCandidate, underCurrent);
            List<Object> removed = without(underCurrent, underCandidate);
            if (!added.isEmpty() || !removed.isEmpty()) {
                changes.add(new Change(decision.id(), decision.kind(), added, removed));
            }
        }
        return changes;
    }

    private static List<Object> items(DecisionReplay replay, Ruleset ruleset, StoredDecision decision, JsonNode context) {
        try {
            return new ArrayList<>(replay.outcomeItems(ruleset, decision, context));
        } catch (InvalidRequestException e) {
            return new ArrayList<>(List.of(new Refused(e.problems())));
        } catch (DatabindException e) {
            // Stored before reading requests became stricter (a NUL character was once let through): refused now.
            return new ArrayList<>(List.of(new Refused(List.of(new FieldProblem("request", "no longer reads: "
                    + e.getOriginalMessage())))));
        }
    }

    /** {@code items} less {@code others}, counting duplicates (a fault twice is not the same as once). */
    private static List<Object> without(List<Object> items, List<Object> others) {
        List<Object> remaining = new ArrayList<>(others);
        List<Object> left = new ArrayList<>();
        for (Object item : items) {
            if (!remaining.remove(item)) {
                left.add(item);
            }
        }
        return left;
    }
}
