package com.trafficrules.ruleset;

import com.trafficrules.audit.DecisionLog;
import com.trafficrules.audit.StoredDecision;
import com.trafficrules.web.ConflictException;
import com.trafficrules.web.FieldProblem;
import com.trafficrules.web.InvalidRequestException;
import com.trafficrules.web.NotFoundException;
import com.trafficrules.web.RequestChecks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import tools.jackson.databind.DatabindException;

/**
 * What a version would change if it were active: stored decisions' requests decided again under it and
 * under the active version, item by item (faults, placements, ...).
 */
@Service
class ImpactPreview {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    record Request(List<String> kinds, String since, Integer limit) {
    }

    /** {@code added}: items the version gives that the active one does not; {@code removed}: the reverse. */
    record Change(UUID decisionId, String kind, List<?> added, List<?> removed) {
    }

    record Impact(RulesetRef ruleset, RulesetRef against, int evaluated, int changed, List<Change> changes) {
    }

    /** The request refused as invalid under a version: its problems are the outcome. */
    record Refused(List<FieldProblem> refused) {
    }

    private final RulesetVersionRepository versions;
    private final CompiledVersions compiled;
    private final ActiveRuleset active;
    private final DecisionLog decisions;
    private final Map<String, DecisionReplay> replays;

    ImpactPreview(RulesetVersionRepository versions, CompiledVersions compiled, ActiveRuleset active, DecisionLog decisions,
                  List<DecisionReplay> replays) {
        this.versions = versions;
        this.compiled = compiled;
        this.active = active;
        this.decisions = decisions;
        this.replays = new TreeMap<>(replays.stream().collect(Collectors.toMap(DecisionReplay::kind, Function.identity())));
    }

    Impact preview(long id, Request request) {
        RequestChecks checks = new RequestChecks();
        List<String> kinds = request.kinds() == null || request.kinds().isEmpty() ? List.copyOf(replays.keySet()) : request.kinds();
        for (int i = 0; i < kinds.size(); i++) {
            if (!replays.containsKey(kinds.get(i))) {
                checks.reject("kinds[" + i + "]", "cannot be previewed (kinds: " + String.join(", ", replays.keySet()) + ")");
            }
        }
        Instant since = request.since() == null ? Instant.EPOCH : checks.instant("since", request.since());
        int limit = request.limit() == null ? DEFAULT_LIMIT : request.limit();
        if (limit < 1 || limit > MAX_LIMIT) {
            checks.reject("limit", "must be from 1 to " + MAX_LIMIT);
        }
        checks.throwIfAny();

        RulesetVersion version = versions.findById(id).orElseThrow(() -> new NotFoundException("No ruleset version " + id));
        if (version.getStatus() == RulesetStatus.REJECTED) {
            // Rules that failed compile or lint are never run, not even for a preview.
            throw new ConflictException("Ruleset version " + id + " was rejected by its checks; it cannot be previewed");
        }
        Ruleset candidate = compiled.of(id);
        Ruleset current = active.current();
        List<Change> changes = new ArrayList<>();
        List<StoredDecision> stored = decisions.recent(kinds, since, limit);
        for (StoredDecision decision : stored) {
            DecisionReplay replay = replays.get(decision.kind());
            List<Object> underCandidate = items(replay, candidate, decision.request());
            List<Object> underCurrent = items(replay, current, decision.request());
            List<Object> added = without(underCandidate, underCurrent);
            List<Object> removed = without(underCurrent, underCandidate);
            if (!added.isEmpty() || !removed.isEmpty()) {
                changes.add(new Change(decision.id(), decision.kind(), added, removed));
            }
        }
        return new Impact(candidate.ref(), current.ref(), stored.size(), changes.size(), changes);
    }

    private static List<Object> items(DecisionReplay replay, Ruleset ruleset, String request) {
        try {
            return new ArrayList<>(replay.outcomeItems(ruleset, request));
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
