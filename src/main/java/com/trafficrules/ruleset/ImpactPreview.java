package com.trafficrules.ruleset;

import com.trafficrules.audit.DecisionLog;
import com.trafficrules.kernel.ActiveRuleset;
import com.trafficrules.kernel.JobCatalog;
import com.trafficrules.kernel.ReplayContext;
import com.trafficrules.kernel.Ruleset;
import com.trafficrules.kernel.RulesetRef;
import com.trafficrules.kernel.StoredDecision;
import com.trafficrules.web.ConflictException;
import com.trafficrules.web.NotFoundException;
import com.trafficrules.web.RequestChecks;
import com.trafficrules.web.Times;
import com.trafficrules.web.Timestamp;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.validator.constraints.Range;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a version would change if it were active: stored decisions' requests decided again under it and
 * under the active version, item by item (faults, placements, ...).
 */
@Service
public class ImpactPreview {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    public record Request(List<@NotNull String> kinds, @Timestamp String since,
                   @Range(min = 1, max = MAX_LIMIT, message = "must be from {min} to {max}") Integer limit) {
    }

    public record Impact(RulesetRef ruleset, RulesetRef against, int evaluated, int changed, List<ImpactComparison.Change> changes) {
    }

    private final RulesetVersionRepository versions;
    private final IsolatedChecks isolated;
    private final ActiveRuleset active;
    private final DecisionLog decisions;
    private final Set<String> kinds;
    private final Map<String, ReplayContext> contexts;

    ImpactPreview(RulesetVersionRepository versions, IsolatedChecks isolated, ActiveRuleset active, DecisionLog decisions,
                  JobCatalog jobs, JsonMapper json, List<ReplayContext> contexts) {
        this.versions = versions;
        this.isolated = isolated;
        this.active = active;
        this.decisions = decisions;
        this.kinds = jobs.replayKinds(json);
        this.contexts = contexts.stream().collect(Collectors.toMap(ReplayContext::kind, Function.identity()));
    }

    Impact preview(long id, Request request) {
        RequestChecks checks = RequestChecks.of(request);
        List<String> requested = request.kinds() == null || request.kinds().isEmpty() ? List.copyOf(kinds) : request.kinds();
        checks.each("kinds", requested, (field, kind) -> {
            if (!kinds.contains(kind)) {
                checks.reject(field, "cannot be previewed (kinds: " + String.join(", ", kinds) + ")");
            }
        });
        checks.throwIfAny();
        Instant since = request.since() == null ? Instant.EPOCH : Times.parseWithOffset(request.since());
        int limit = request.limit() == null ? DEFAULT_LIMIT : request.limit();

        RulesetVersion version = versions.findWithFilesById(id).orElseThrow(() -> new NotFoundException("No ruleset version " + id));
        if (version.getStatus() == RulesetStatus.REJECTED) {
            // Rules that failed their checks are never run, not even for a preview.
            throw new ConflictException("Ruleset version " + id + " was rejected by its checks; it cannot be previewed");
        }
        Ruleset current = active.current();
        List<StoredDecision> stored = decisions.recent(requested, since, limit);
        // The candidate is not trusted until it is approved and activated: its rules run in the check worker.
        List<ImpactComparison.Change> changes = stored.isEmpty() ? List.of()
                : isolated.impact(version.rulesetFiles(), current.files(), stored, contextsOf(stored));
        return new Impact(version.ref(), current.ref(), stored.size(), changes.size(), changes);
    }

    /** What the check worker, which has no database, needs beside the requests to decide them again: by kind. */
    private Map<String, JsonNode> contextsOf(List<StoredDecision> stored) {
        Map<String, JsonNode> found = new HashMap<>();
        stored.stream().collect(Collectors.groupingBy(StoredDecision::kind)).forEach((kind, ofKind) -> {
            ReplayContext context = contexts.get(kind);
            if (context != null) {
                found.put(kind, context.of(ofKind));
            }
        });
        return found;
    }
}
