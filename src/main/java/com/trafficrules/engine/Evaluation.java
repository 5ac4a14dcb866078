package com.trafficrules.engine;

import java.util.List;

/** What one stateless evaluation produced: the reported outcomes and the names of the rules that fired. */
public record Evaluation(Outcomes outcomes, List<String> firedRules) {
}
