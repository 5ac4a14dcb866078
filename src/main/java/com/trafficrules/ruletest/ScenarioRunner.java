package com.trafficrules.ruletest;

import com.trafficrules.kernel.Ruleset;
import com.trafficrules.kernel.Scenario;
import com.trafficrules.kernel.ScenarioKind;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Runs scenarios against a ruleset version, each through the evaluator of its kind. */
public final class ScenarioRunner {

    private final Map<String, ScenarioKind> kinds;

    public ScenarioRunner(List<ScenarioKind> kinds) {
        this.kinds = kinds.stream().collect(Collectors.toMap(ScenarioKind::kind, Function.identity()));
    }

    /** The decision kinds this runner has an evaluator for, in name order. */
    public SortedSet<String> kinds() {
        return new TreeSet<>(kinds.keySet());
    }

    public ScenarioResult run(Ruleset ruleset, Scenario scenario) {
        ScenarioKind kind = kinds.get(scenario.kind());
        if (kind == null) {
            return new ScenarioResult(scenario, List.of("unknown kind '" + scenario.kind() + "' (kinds: "
                    + String.join(", ", kinds()) + ")"));
        }
        try {
            return new ScenarioResult(scenario, kind.differences(ruleset, scenario));
        } catch (RuntimeException e) {
            return new ScenarioResult(scenario, List.of("the scenario could not run: " + e));
        }
    }

    public List<ScenarioResult> runAll(Ruleset ruleset, List<Scenario> scenarios) {
        return scenarios.stream().map(scenario -> run(ruleset, scenario)).toList();
    }
}
