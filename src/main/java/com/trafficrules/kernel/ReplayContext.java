package com.trafficrules.kernel;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What the decisions of one kind were decided against beside their requests, read in the service (which has the
 * database) for the check worker (which has not) to replay them. One context for all the decisions of the kind in
 * a preview, so what they share (a library, a channel's play log) is read and sent once. A job whose decisions
 * depend on their requests alone has none.
 */
public interface ReplayContext {

    /** The decision kind, e.g. {@code fill}. */
    String kind();

    /** The context {@link DecisionReplay#outcomeItems} is given with each of these decisions. */
    JsonNode of(List<StoredDecision> decisions);
}
