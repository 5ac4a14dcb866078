package com.trafficrules.fill;

import java.time.Instant;

/**
 * One segment of a block as it will air. {@code breakIndex} is the 0-based order of the placeholder a
 * filled item or pad came from; null for segments that passed through.
 */
public record Segment(int index, String type, String assetUri, long assetStartOffsetMs, long durationMs, Instant start,
                      Integer breakIndex) {

    static final String CONTENT = "content";
    static final String FILLER = "filler";
    static final String PAD = "pad";
}
