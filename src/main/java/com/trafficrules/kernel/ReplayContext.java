package com.trafficrules.kernel;

import tools.jackson.databind.JsonNode;

/**
 * What a decision of one kind was decided against beside its request, read in the service (which has the
 * database) for the check worker (which has not) to replay it. A job whose decisions depend on their request
 * alone has none.
 */
public interface ReplayContext {

    /** The decision kind, e.g. {@code fill}. */
    String kind();

    /** The context {@link DecisionReplay#outcomeItems} is given with this decision. */
    JsonNode of(StoredDecision decision);
}
