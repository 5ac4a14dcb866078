package com.trafficrules.rotation.facts;

/** At most {@code maxPlays} plays of one creative per local clock hour or local day; 0 = no cap. */
public record CreativeCap(CapWindow window, int maxPlays) {
}
