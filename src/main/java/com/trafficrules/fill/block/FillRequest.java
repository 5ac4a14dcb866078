package com.trafficrules.fill.block;

import com.trafficrules.web.DurationMs;
import com.trafficrules.web.Timestamp;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;

/** A compiled block at feed time: its segments, with empty filler placeholders to fill. */
public record FillRequest(@NotBlank String blockId, @NotBlank @Timestamp String start,
                          @NotEmpty(message = "must list the block's segments") List<@NotNull @Valid SegmentInput> segments) {

    public FillRequest {
        segments = segments == null ? List.of() : segments;
    }

    /**
     * A segment as sent: programme that passes through, or a filler, a placeholder when it names no asset. The type
     * stays text: a filled block's segments take more types (pad, the assets' own).
     */
    public record SegmentInput(@NotBlank @Pattern(regexp = Segment.CONTENT + "|" + Segment.FILLER,
                                       message = "must be " + Segment.CONTENT + " or " + Segment.FILLER) String type,
                               String assetUri, @PositiveOrZero Long assetStartOffsetMs, @NotNull @DurationMs Long durationMs) {
    }
}
