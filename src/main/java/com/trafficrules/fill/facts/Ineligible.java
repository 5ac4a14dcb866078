package com.trafficrules.fill.facts;

/** A candidate the rules keep out of the break, and the rule that does. */
public record Ineligible(String uri, String rule, String reason) {
}
