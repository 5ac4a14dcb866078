package com.trafficrules.fill.facts;

/** A play of a cooldown key on the channel (the nearest before and after the break, or one just filled). */
public record KeyPlay(String key, long playedAtMs) {
}
