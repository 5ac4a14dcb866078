package com.trafficrules.kernel;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A stored decision as the impact preview replays it: the request it answered, as JSON, and — for a job whose
 * decisions depend on more than the request (a fill on its channel's play log) — the {@code context} its
 * {@link ReplayContext} read for it.
 */
public record StoredDecision(UUID id, String kind, String channel, Instant createdAt, String request, JsonNode context) {

    /** As read from the decision log, before any context is added. */
    public StoredDecision(UUID id, String kind, String channel, Instant createdAt, String request) {
        this(id, kind, channel, createdAt, request, null);
    }

    public StoredDecision withContext(JsonNode found) {
        return new StoredDecision(id, kind, channel, createdAt, request, found);
    }
}
