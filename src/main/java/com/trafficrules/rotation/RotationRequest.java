package com.trafficrules.rotation;

import java.util.List;

/**
 * A traffic log as a scheduler sends it: breaks and the spots placed in them. Times stay text here so
 * that a missing offset is reported against its field rather than guessed.
 */
public record RotationRequest(String channel, List<BreakInput> breaks, List<SpotInput> spots) {

    public RotationRequest {
        breaks = breaks == null ? List.of() : breaks;
        spots = spots == null ? List.of() : spots;
    }

    public record BreakInput(String id, String start, Long durationMs) {
    }

    public record SpotInput(String id, String breakId, String start, Long lengthMs, String advertiser,
                            List<String> productCodes, String creativeId, String type, Integer priority,
                            String position, List<String> dayparts) implements SpotFields {
    }
}
