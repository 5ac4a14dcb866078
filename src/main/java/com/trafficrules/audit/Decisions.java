package com.trafficrules.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.trafficrules.kernel.RulesetRef;
import com.trafficrules.kernel.RulesetRefs;
import com.trafficrules.web.NotFoundException;
import jakarta.persistence.criteria.Predicate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;

/** The audit trail as its readers search it; the HTTP API and the console both read it through here. */
@Service
public class Decisions {

    private final DecisionRepository decisions;
    private final RulesetRefs versions;

    Decisions(DecisionRepository decisions, RulesetRefs versions) {
        this.decisions = decisions;
        this.versions = versions;
    }

    public record DecisionView(UUID id, String kind, String channel, Instant createdAt, String caller, RulesetRef ruleset,
                               List<String> firedRules, @JsonRawValue String request, @JsonRawValue String outcome) {
    }

    public record DecisionPage(List<DecisionView> decisions, int page, int size, long total) {
    }

    /** What to look for; a null field does not narrow the search. {@code to} is exclusive. */
    public record Filter(String kind, String channel, Long ruleset, Instant from, Instant to) {
    }

    /** The decisions the filter finds, newest first, {@code size} a page. */
    public DecisionPage search(Filter filter, int page, int size) {
        Specification<Decision> matching = (root, query, cb) -> {
            List<Predicate> predicates = new ArrayList<>();
            if (filter.kind() != null) {
                predicates.add(cb.equal(root.get("kind"), filter.kind()));
            }
            if (filter.channel() != null) {
                predicates.add(cb.equal(root.get("channel"), filter.channel()));
            }
            if (filter.ruleset() != null) {
                predicates.add(cb.equal(root.get("rulesetId"), filter.ruleset()));
            }
            if (filter.from() != null) {
                predicates.add(cb.greaterThanOrEqualTo(root.get("createdAt"), filter.from()));
            }
            if (filter.to() != null) {
                predicates.add(cb.lessThan(root.get("createdAt"), filter.to()));
            }
            return cb.and(predicates.toArray(Predicate[]::new));
        };
        Page<Decision> found = decisions.findAll(matching,
                PageRequest.of(page, size, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"))));
        Map<Long, RulesetRef> refs = versions.byIds(found.stream().map(Decision::getRulesetId).distinct().toList());
        return new DecisionPage(found.stream().map(view(refs::get)).toList(), page, size, found.getTotalElements());
    }

    public DecisionView get(UUID id) {
        Decision decision = decisions.findById(id).orElseThrow(() -> new NotFoundException("No decision " + id));
        RulesetRef ref = versions.byIds(List.of(decision.getRulesetId())).get(decision.getRulesetId());
        return view(rulesetId -> ref).apply(decision);
    }

    private static Function<Decision, DecisionView> view(Function<Long, RulesetRef> refs) {
        return d -> new DecisionView(d.getId(), d.getKind(), d.getChannel(), d.getCreatedAt(), d.getCaller(),
                refs.apply(d.getRulesetId()), d.getFiredRules(), d.getRequest(), d.getOutcome());
    }
}
