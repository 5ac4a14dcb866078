package com.trafficrules.kernel;

/** Names the ruleset version that made a decision; every evaluating response carries one. */
public record RulesetRef(long id, String label, String hash) {
}
