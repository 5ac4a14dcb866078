package com.trafficrules.fill.block;

import com.trafficrules.web.RequestChecks;
import com.trafficrules.web.Times;

/** Checks a fill request; a bad one is a 400 naming every field, and nothing is filled or logged. */
public final class BlockRequests {

    private BlockRequests() {
    }

    public static Block parse(FillRequest request) {
        RequestChecks checks = RequestChecks.of(request);
        checks.each("segments", request.segments(), (field, input) -> {
            if (Segment.CONTENT.equals(input.type()) && (input.assetUri() == null || input.assetUri().isBlank())) {
                checks.reject(field + ".assetUri", "is required");
            }
        });
        checks.throwIfAny();
        return new Block(request.blockId(), Times.parseWithOffset(request.start()).toEpochMilli(), request.segments().stream()
                .map(input -> new Block.Part(input.type(), input.assetUri() == null ? "" : input.assetUri(),
                        input.assetStartOffsetMs() == null ? 0 : input.assetStartOffsetMs(), input.durationMs()))
                .toList());
    }
}
