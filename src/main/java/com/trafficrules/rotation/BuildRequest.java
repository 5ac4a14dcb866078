package com.trafficrules.rotation;

import java.util.List;

/** Breaks to fill and a pool of candidates; the seed decides ties of priority and weight. */
public record BuildRequest(String channel, List<RotationRequest.BreakInput> breaks, List<CandidateInput> candidates,
                           Long seed) {

    public BuildRequest {
        breaks = breaks == null ? List.of() : breaks;
        candidates = candidates == null ? List.of() : candidates;
    }

    public record CandidateInput(String id, Long lengthMs, String advertiser, List<String> productCodes,
                                 String creativeId, String type, Integer priority, Integer weight, String position,
                                 List<String> dayparts) implements SpotFields {
    }
}
