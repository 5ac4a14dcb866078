package com.trafficrules.audit;

import com.trafficrules.kernel.RulesetRef;
import com.trafficrules.kernel.StoredDecision;
import com.trafficrules.web.Callers;
import com.trafficrules.web.JsonText;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Writes the decision row every evaluating request leaves behind. */
@Service
public class DecisionLog {

    private final DecisionRepository decisions;
    private final JsonMapper json;
    private final Clock clock;

    DecisionLog(DecisionRepository decisions, JsonMapper json, Clock clock) {
        this.decisions = decisions;
        this.json = json;
        this.clock = clock;
    }

    /** Stores the decision and returns its id for the response. */
    @Transactional
    public UUID record(String kind, String channel, RulesetRef ruleset, List<String> firedRules, Object request, Object outcome) {
        UUID id = UUID.randomUUID();
        decisions.save(new Decision(id, kind, channel, clock.instant(), Callers.current(), ruleset.id(), firedRules,
                JsonText.of(json, request), JsonText.of(json, outcome)));
        return id;
    }

    /** The newest decisions of these kinds made at or after {@code since}, at most {@code limit}, newest first. */
    @Transactional(readOnly = true)
    public List<StoredDecision> recent(Collection<String> kinds, Instant since, int limit) {
        return decisions.findRecent(kinds, since, PageRequest.of(0, limit));
    }
}
