package com.trafficrules.ruleset;

import java.util.List;

/**
 * Re-decides a stored request of one decision kind under a given ruleset, for the impact preview. Each
 * feature implements it for its own kinds with its own parsing and evaluation, so the preview never
 * duplicates a feature's logic.
 */
public interface DecisionReplay {

    /** The decision kind, e.g. {@code rotation.validate}. */
    String kind();

    /**
     * The items of the outcome {@code ruleset} gives the stored request (faults, placements, ...), each a value
     * compared with {@code equals}; what is compared leaves out wording such as messages.
     *
     * @throws com.trafficrules.web.InvalidRequestException when the ruleset refuses the request as invalid
     */
    List<?> outcomeItems(Ruleset ruleset, String requestJson);
}
