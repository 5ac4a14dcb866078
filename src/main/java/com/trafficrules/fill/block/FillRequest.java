package com.trafficrules.fill.block;

import com.fasterxml.jackson.annotation.JsonValue;
import com.trafficrules.web.DurationMs;
import com.trafficrules.web.Timestamp;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;
import java.util.Locale;

/** A compiled block at feed time: its segments, with empty filler placeholders to fill. */
public record FillRequest(@NotBlank String blockId, @NotBlank @Timestamp String start,
                          @NotEmpty(message = "must list the block's segments") List<@NotNull @Valid SegmentInput> segments) {

    public FillRequest {
        segments = segments == null ? List.of() : segments;
    }

    /** A segment as sent: programme that passes through, or a filler, a placeholder when it names no asset. */
    public enum SegmentType {
        CONTENT, FILLER;

        private final String spelling = name().toLowerCase(Locale.ROOT);

        @JsonValue
        public String spelling() {
            return spelling;
        }
    }

    public record SegmentInput(@NotNull SegmentType type, String assetUri, @PositiveOrZero Long assetStartOffsetMs,
                               @NotNull @DurationMs Long durationMs) {
    }
}
