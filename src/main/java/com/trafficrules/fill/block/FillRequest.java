package com.trafficrules.fill.block;

import java.util.List;

/** A compiled block at feed time: its segments, with empty filler placeholders to fill. */
public record FillRequest(String blockId, String start, List<SegmentInput> segments) {

    public FillRequest {
        segments = segments == null ? List.of() : segments;
    }

    public record SegmentInput(String type, String assetUri, Long assetStartOffsetMs, Long durationMs) {
    }
}
