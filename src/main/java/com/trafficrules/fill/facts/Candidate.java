package com.trafficrules.fill.facts;

/**
 * An asset that could fill the break. {@code cooldownKey} is its cooldown group when it has one, else
 * its uri; {@code playsToday} counts its plays on the channel during the break's UTC day.
 */
public record Candidate(String uri, String type, long durationMs, String cooldownKey, long playsToday) {
}
