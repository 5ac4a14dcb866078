package com.trafficrules.fill.block;

import com.trafficrules.web.RequestChecks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Checks a fill request; a bad one is a 400 naming every field, and nothing is filled or logged. */
public final class BlockRequests {

    private static final Set<String> SEGMENT_TYPES = Set.of(Segment.CONTENT, Segment.FILLER);

    private BlockRequests() {
    }

    public static Block parse(FillRequest request) {
        RequestChecks checks = new RequestChecks();
        checks.required("blockId", request.blockId());
        Instant start = checks.instant("start", request.start());
        if (request.segments().isEmpty()) {
            checks.reject("segments", "must list the block's segments");
        }
        List<Block.Part> parts = new ArrayList<>();
        for (int i = 0; i < request.segments().size(); i++) {
            String field = "segments[" + i + "]";
            FillRequest.SegmentInput input = request.segments().get(i);
            if (input == null) {
                checks.reject(field, "is required");
                continue;
            }
            boolean typed = checks.required(field + ".type", input.type());
            if (typed && !SEGMENT_TYPES.contains(input.type())) {
                checks.reject(field + ".type", "must be content or filler");
                typed = false;
            }
            if (Segment.CONTENT.equals(input.type())) {
                checks.required(field + ".assetUri", input.assetUri());
            }
            boolean timed = checks.duration(field + ".durationMs", input.durationMs());
            long offset = input.assetStartOffsetMs() == null ? 0 : input.assetStartOffsetMs();
            if (offset < 0) {
                checks.reject(field + ".assetStartOffsetMs", "must be 0 or more");
            }
            if (typed && timed) {
                parts.add(new Block.Part(input.type(), input.assetUri() == null ? "" : input.assetUri(), offset, input.durationMs()));
            }
        }
        checks.throwIfAny();
        return new Block(request.blockId(), start.toEpochMilli(), List.copyOf(parts));
    }
}
