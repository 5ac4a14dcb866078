package com.trafficrules.ruletest;

import com.trafficrules.kernel.Scenario;
import java.util.List;

public record ScenarioResult(Scenario scenario, List<String> differences) {

    public boolean passed() {
        return differences.isEmpty();
    }

    /** The differences as an indented block, for a terminal or a failed test. */
    public String report() {
        return String.join("\n", differences.stream().map(line -> "    " + line).toList());
    }
}
