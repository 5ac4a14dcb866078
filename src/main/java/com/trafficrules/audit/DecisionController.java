package com.trafficrules.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.trafficrules.kernel.RulesetRef;
import com.trafficrules.kernel.RulesetRefs;
import com.trafficrules.web.FieldProblem;
import com.trafficrules.web.InvalidRequestException;
import com.trafficrules.web.NotFoundException;
import com.trafficrules.web.Times;
import com.trafficrules.web.Timestamp;
import jakarta.persistence.criteria.Predicate;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.validator.constraints.Range;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail: every decision, newest first, with the version and rules that made it. */
@RestController
@RequestMapping("/api/v1/decisions")
class DecisionController {

    private static final int MAX_PAGE_SIZE = 500;

    private final DecisionRepository decisions;
    private final RulesetRefs versions;

    DecisionController(DecisionRepository decisions, RulesetRefs versions) {
        this.decisions = decisions;
        this.versions = versions;
    }

    record DecisionView(UUID id, String kind, String channel, Instant createdAt, String caller, RulesetRef ruleset,
                        List<String> firedRules, @JsonRawValue String request, @JsonRawValue String outcome) {
    }

    record DecisionPage(List<DecisionView> decisions, int page, int size, long total) {
    }

    @GetMapping
    DecisionPage list(@RequestParam(required = false) String kind, @RequestParam(required = false) String channel,
                      @RequestParam(required = false) Long ruleset, @RequestParam(required = false) @Timestamp String from,
                      @RequestParam(required = false) @Timestamp String to,
                      @RequestParam(defaultValue = "0") @PositiveOrZero int page,
                      @RequestParam(defaultValue = "50") @Range(min = 1, max = MAX_PAGE_SIZE, message = "must be from {min} to {max}")
                      int size) {
        if ((long) page * size > Integer.MAX_VALUE) {
            throw new InvalidRequestException(List.of(new FieldProblem("page",
                    "must be at most " + Integer.MAX_VALUE / size + " with size " + size)));
        }
        Instant fromInstant = Times.parseOptional(from);
        Instant toInstant = Times.parseOptional(to);
        Specification<Decision> filter = (root, query, cb) -> {
            List<Predicate> predicates = new ArrayList<>();
            if (kind != null) {
                predicates.add(cb.equal(root.get("kind"), kind));
            }
            if (channel != null) {
                predicates.add(cb.equal(root.get("channel"), channel));
            }
            if (ruleset != null) {
                predicates.add(cb.equal(root.get("rulesetId"), ruleset));
            }
            if (fromInstant != null) {
                predicates.add(cb.greaterThanOrEqualTo(root.get("createdAt"), fromInstant));
            }
            if (toInstant != null) {
                predicates.add(cb.lessThan(root.get("createdAt"), toInstant));
            }
            return cb.and(predicates.toArray(Predicate[]::new));
        };
        Page<Decision> found = decisions.findAll(filter,
                PageRequest.of(page, size, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"))));
        Map<Long, RulesetRef> refs = versions.byIds(found.stream().map(Decision::getRulesetId).distinct().toList());
        return new DecisionPage(found.stream().map(view(refs::get)).toList(), page, size, found.getTotalElements());
    }

    @GetMapping("/{id}")
    DecisionView get(@PathVariable UUID id) {
        Decision decision = decisions.findById(id).orElseThrow(() -> new NotFoundException("No decision " + id));
        RulesetRef ref = versions.byIds(List.of(decision.getRulesetId())).get(decision.getRulesetId());
        return view(rulesetId -> ref).apply(decision);
    }

    private static Function<Decision, DecisionView> view(Function<Long, RulesetRef> refs) {
        return d -> new DecisionView(d.getId(), d.getKind(), d.getChannel(), d.getCreatedAt(), d.getCaller(),
                refs.apply(d.getRulesetId()), d.getFiredRules(), d.getRequest(), d.getOutcome());
    }
}
