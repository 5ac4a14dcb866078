package com.trafficrules.fill.facts;

/** How long an asset of this type rests after a play: its type cooldown, else the channel default; 0 = never. */
public record TypeCooldown(String type, long cooldownMs) {
}
