package com.trafficrules.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/** A fill decision's outcome (a block of segments back to back) as a timeline: one bar per segment, coloured by type. */
final class FilledBlock {

    private static final int TICKS = 6;

    private FilledBlock() {
    }

    /** Null when the outcome is not a filled block. */
    static Timeline timeline(JsonNode outcome, Function<Instant, String> clock) {
        JsonNode segments = outcome == null ? null : outcome.get("segments");
        if (segments == null || !segments.isArray() || segments.isEmpty()) {
            return null;
        }
        List<Timeline.Item> items = new ArrayList<>();
        Instant end = null;
        for (JsonNode segment : segments) {
            Instant start = Instant.parse(segment.get("start").asString());
            long durationMs = segment.get("durationMs").asLong();
            String type = segment.get("type").asString();
            String uri = segment.path("assetUri").asString("");
            items.add(new Timeline.Item(start, durationMs, 0, type,
                    type + (uri.isEmpty() ? "" : " " + uri) + ", " + durationMs + " ms from " + clock.apply(start)));
            end = start.plusMillis(durationMs);
        }
        return Timeline.of(items.get(0).start(), end, items, TICKS, clock);
    }
}
