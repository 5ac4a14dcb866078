package com.trafficrules.audit;

import java.util.UUID;

/** A stored decision's identity and the request it answered, as JSON, for replaying it under another ruleset. */
public record StoredDecision(UUID id, String kind, String request) {
}
