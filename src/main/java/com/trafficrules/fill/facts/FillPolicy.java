package com.trafficrules.fill.facts;

import java.util.List;

/** The channel's allowed types and daily cap (0 = unlimited) as the rules see them. */
public record FillPolicy(List<String> allowedTypes, int maxPlaysPerDay) {

    public FillPolicy {
        allowedTypes = List.copyOf(allowedTypes);
    }
}
