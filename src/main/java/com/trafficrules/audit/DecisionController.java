package com.trafficrules.audit;

import com.trafficrules.web.FieldProblem;
import com.trafficrules.web.InvalidRequestException;
import com.trafficrules.web.Times;
import com.trafficrules.web.Timestamp;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;
import java.util.UUID;
import org.hibernate.validator.constraints.Range;
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

    private final Decisions decisions;

    DecisionController(Decisions decisions) {
        this.decisions = decisions;
    }

    @GetMapping
    Decisions.DecisionPage list(@RequestParam(required = false) String kind, @RequestParam(required = false) String channel,
                                @RequestParam(required = false) Long ruleset, @RequestParam(required = false) @Timestamp String from,
                                @RequestParam(required = false) @Timestamp String to,
                                @RequestParam(defaultValue = "0") @PositiveOrZero int page,
                                @RequestParam(defaultValue = "50") @Range(min = 1, max = MAX_PAGE_SIZE, message = "must be from {min} to {max}")
                                int size) {
        if ((long) page * size > Integer.MAX_VALUE) {
            throw new InvalidRequestException(List.of(new FieldProblem("page",
                    "must be at most " + Integer.MAX_VALUE / size + " with size " + size)));
        }
        return decisions.search(new Decisions.Filter(kind, channel, ruleset, Times.parseOptional(from), Times.parseOptional(to)),
                page, size);
    }

    @GetMapping("/{id}")
    Decisions.DecisionView get(@PathVariable UUID id) {
        return decisions.get(id);
    }
}
