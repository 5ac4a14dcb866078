package com.trafficrules.fill.block;

import java.util.List;

/** A checked block: segments air back to back from {@code startMs}. */
public record Block(String blockId, long startMs, List<Part> parts) {

    /** A segment as sent; a filler without an asset is a placeholder to fill. */
    public record Part(String type, String assetUri, long assetStartOffsetMs, long durationMs) {

        public boolean isPlaceholder() {
            return Segment.FILLER.equals(type) && (assetUri == null || assetUri.isEmpty());
        }
    }

    public long durationMs() {
        return parts.stream().mapToLong(Part::durationMs).sum();
    }
}
