package com.trafficrules.rotation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds rotation request bodies for tests: breaks and spots with only the fields a test cares about. */
public final class RotationLogBuilder {

    private final String channel;
    private final List<Map<String, Object>> breaks = new ArrayList<>();
    private final List<Map<String, Object>> spots = new ArrayList<>();

    private RotationLogBuilder(String channel) {
        this.channel = channel;
    }

    public static RotationLogBuilder log(String channel) {
        return new RotationLogBuilder(channel);
    }

    public RotationLogBuilder breakAt(String id, String start, long durationMs) {
        Map<String, Object> brk = new LinkedHashMap<>();
        brk.put("id", id);
        brk.put("start", start);
        brk.put("durationMs", durationMs);
        breaks.add(brk);
        return this;
    }

    public RotationLogBuilder spot(String id, String breakId, String start, long lengthMs) {
        return spot(id, breakId, start, lengthMs, Map.of());
    }

    /** A commercial spot; {@code extra} adds or replaces fields such as advertiser or type. */
    public RotationLogBuilder spot(String id, String breakId, String start, long lengthMs, Map<String, Object> extra) {
        Map<String, Object> spot = new LinkedHashMap<>();
        spot.put("id", id);
        spot.put("breakId", breakId);
        spot.put("start", start);
        spot.put("lengthMs", lengthMs);
        spot.put("type", "commercial");
        spot.putAll(extra);
        spots.add(spot);
        return this;
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", channel);
        body.put("breaks", breaks);
        body.put("spots", spots);
        return body;
    }
}
