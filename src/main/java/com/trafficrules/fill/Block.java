package com.trafficrules.fill;

import java.util.List;

/** A checked block: segments air back to back from {@code startMs}. */
record Block(String blockId, long startMs, List<Part> parts) {

    /** A segment as sent; a filler without an asset is a placeholder to fill. */
    record Part(String type, String assetUri, long assetStartOffsetMs, long durationMs) {

        boolean isPlaceholder() {
            return Segment.FILLER.equals(type) && (assetUri == null || assetUri.isEmpty());
        }
    }

    long durationMs() {
        return parts.stream().mapToLong(Part::durationMs).sum();
    }
}
