package com.trafficrules.kernel;

import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * A job of the rules engine (rotation, fill, ...) as the rest of the service sees it: what governance needs
 * to check a version of its rules and preview their impact. A job is a Spring bean in its own package and an
 * entry of the composition list in the application's root package (for the check worker and
 * {@code bin/rule-tests}, which run without Spring); nothing else names it.
 */
public interface Job {

    /** The job's name: its package, its {@code rules/} and {@code rule-tests/} folders. */
    String name();

    /** The config files its rules read. */
    List<RulesetConfig<?>> configs();

    /** The kinds of its rule scenarios, one per decision kind it can be tested on. */
    List<ScenarioKind> scenarioKinds(JsonMapper json);

    /** How its stored decisions are decided again under another version, for the impact preview. */
    List<DecisionReplay> replays(JsonMapper json);
}
