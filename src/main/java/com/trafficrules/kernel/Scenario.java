package com.trafficrules.kernel;

import tools.jackson.databind.JsonNode;

/**
 * One rule test: an API request body, optional context (assets, plays, a fixed clock) and the outcome
 * the ruleset must produce for it.
 *
 * @param path    where it lives, e.g. {@code rule-tests/rotation/overlap.yaml}
 * @param kind    the decision kind it exercises, e.g. {@code rotation.validate}
 */
public record Scenario(String path, String name, String kind, JsonNode request, JsonNode context, JsonNode expect) {
}
