package com.trafficrules.rotation;

import com.trafficrules.policy.ChannelSlug;
import com.trafficrules.policy.InterstitialType;
import com.trafficrules.web.DurationMs;
import com.trafficrules.web.Timestamp;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * A traffic log as a scheduler sends it: breaks and the spots placed in them. Times stay text here so
 * that a missing offset is reported against its field rather than guessed.
 */
public record RotationRequest(@NotBlank @Pattern(regexp = ChannelSlug.PATTERN, message = RotationRequest.SLUG) String channel,
                              List<@NotNull @Valid BreakInput> breaks, List<@NotNull @Valid SpotInput> spots) {

    static final String SLUG = "must be a channel slug: lower-case letters, digits and '-'";

    public RotationRequest {
        breaks = breaks == null ? List.of() : breaks;
        spots = spots == null ? List.of() : spots;
    }

    public record BreakInput(@NotBlank String id, @NotBlank @Timestamp String start, @NotNull @DurationMs Long durationMs) {
    }

    public record SpotInput(@NotBlank String id, @NotBlank String breakId, @NotBlank @Timestamp String start,
                            @NotNull @DurationMs Long lengthMs, String advertiser, List<@NotNull String> productCodes,
                            String creativeId, @NotNull InterstitialType type, Integer priority, SoldPosition position,
                            List<@NotNull String> dayparts) implements SpotFields {
    }
}
