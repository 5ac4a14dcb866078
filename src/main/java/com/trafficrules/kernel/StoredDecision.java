package com.trafficrules.kernel;

import java.time.Instant;
import java.util.UUID;

/** A stored decision as the impact preview replays it: who it was for, when, and the request it answered, as JSON. */
public record StoredDecision(UUID id, String kind, String channel, Instant createdAt, String request) {
}
