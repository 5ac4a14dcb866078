package com.trafficrules.kernel;

import java.util.List;

/** Runs the scenarios of one decision kind. */
public interface ScenarioKind {

    String kind();

    /** The differences between what {@code ruleset} decides and what the scenario expects; empty when it passes. */
    List<String> differences(Ruleset ruleset, Scenario scenario);
}
