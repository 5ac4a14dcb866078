package com.trafficrules.ruletest;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.trafficrules.Composition;
import com.trafficrules.kernel.Ruleset;
import com.trafficrules.kernel.Scenario;
import com.trafficrules.support.ShippedRuleset;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.json.JsonMapper;

/** Every scenario in rule-tests/ is one test against the ruleset on disk. */
class RuleScenariosTest {

    private static final Path ROOT = Path.of(".");

    @TestFactory
    Stream<DynamicTest> everyScenarioHoldsForTheRulesetOnDisk() {
        Ruleset ruleset = ShippedRuleset.compiled();
        ScenarioRunner runner = new ScenarioRunner(Composition.jobs().scenarioKinds(JsonMapper.builder().build()));
        List<Scenario> scenarios = Scenarios.load(ROOT);
        if (scenarios.isEmpty()) {
            fail("no scenarios found under rule-tests/");
        }
        return scenarios.stream().map(scenario -> dynamicTest(scenario.path() + ": " + scenario.name(), () -> {
            ScenarioResult result = runner.run(ruleset, scenario);
            if (!result.passed()) {
                fail(scenario.path() + " differs from what the ruleset decides:\n" + result.report());
            }
        }));
    }
}
