package com.trafficrules.rotation.facts;

import java.util.List;

/** The channel's rotation numbers as the rules see them; separations in milliseconds. */
public record RotationPolicy(long advertiserSeparationMs, Severity advertiserSeparationSeverity,
                             long productSeparationMs, List<String> allowedTypes) {

    public RotationPolicy {
        allowedTypes = List.copyOf(allowedTypes);
    }
}
