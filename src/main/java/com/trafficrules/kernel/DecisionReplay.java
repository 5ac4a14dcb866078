package com.trafficrules.kernel;

import java.util.List;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;

/**
 * Re-decides a stored request of one decision kind under a given ruleset, for the impact preview. Each job
 * implements it for its own kinds with its own parsing and evaluation, so the preview never duplicates a job's
 * logic. It runs the candidate's rules, so it runs in the check worker: without Spring and without a database.
 */
public interface DecisionReplay {

    /** The decision kind, e.g. {@code rotation.validate}. */
    String kind();

    /**
     * The items of the outcome {@code ruleset} gives the stored decision's request (faults, placements, ...),
     * each a value compared with {@code equals}; what is compared leaves out wording such as messages.
     * {@code context} is what the kind's {@link ReplayContext} read for the preview, null for a kind without one.
     * A request the ruleset refuses throws the same exception it throws when the request is sent.
     */
    List<?> outcomeItems(Ruleset ruleset, StoredDecision decision, JsonNode context);

    /** A replay of {@code kind} that needs no context, whose outcome items {@code outcome} gives. */
    static DecisionReplay of(String kind, BiFunction<Ruleset, StoredDecision, List<?>> outcome) {
        return new DecisionReplay() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public List<?> outcomeItems(Ruleset ruleset, StoredDecision decision, JsonNode context) {
                return outcome.apply(ruleset, decision);
            }
        };
    }
}
