package com.trafficrules.rotation;

import com.trafficrules.policy.ChannelSlug;
import com.trafficrules.policy.InterstitialType;
import com.trafficrules.rotation.RotationRequest.BreakInput;
import com.trafficrules.web.DurationMs;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;

/** Breaks to fill and a pool of candidates; the seed decides ties of priority and weight. */
public record BuildRequest(@NotBlank @Pattern(regexp = ChannelSlug.PATTERN, message = RotationRequest.SLUG) String channel,
                           List<@NotNull @Valid BreakInput> breaks,
                           List<@NotNull @Valid CandidateInput> candidates, Long seed) {

    public BuildRequest {
        breaks = breaks == null ? List.of() : breaks;
        candidates = candidates == null ? List.of() : candidates;
    }

    public record CandidateInput(@NotBlank String id, @NotNull @DurationMs Long lengthMs, String advertiser,
                                 List<@NotNull String> productCodes, String creativeId, @NotNull InterstitialType type,
                                 Integer priority, @PositiveOrZero Integer weight, SoldPosition position,
                                 List<@NotNull String> dayparts) implements SpotFields {
    }
}
