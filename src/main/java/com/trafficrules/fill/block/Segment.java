package com.trafficrules.fill.block;

import java.time.Instant;

/**
 * One segment of a block as it will air. {@code breakIndex} is the 0-based order of the placeholder a
 * filled item or pad came from; null for segments that passed through.
 */
public record Segment(int index, String type, String assetUri, long assetStartOffsetMs, long durationMs, Instant start,
                      Integer breakIndex) {

    public static final String CONTENT = "content";
    public static final String FILLER = "filler";
    public static final String PAD = "pad";
}
