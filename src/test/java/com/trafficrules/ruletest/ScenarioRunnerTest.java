package com.trafficrules.ruletest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.trafficrules.Composition;
import com.trafficrules.kernel.Ruleset;
import com.trafficrules.kernel.Scenario;
import com.trafficrules.support.ShippedRuleset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ScenarioRunnerTest {

    private static Ruleset ruleset;
    private final ScenarioRunner runner = new ScenarioRunner(Composition.jobs().scenarioKinds(JsonMapper.builder().build()));

    @BeforeAll
    static void compileTheShippedRuleset() {
        ruleset = ShippedRuleset.compiled();
    }

    private static Scenario overlapScenario(String expect) {
        return Scenarios.parse("rule-tests/rotation/test.yaml", """
                name: two overlapping spots
                kind: rotation.validate
                request:
                  channel: retro-prime
                  breaks: [{id: B1, start: "2026-11-20T20:12:00Z", durationMs: 120000}]
                  spots:
                    - {id: S1, breakId: B1, start: "2026-11-20T20:12:00Z", lengthMs: 30000, type: commercial}
                    - {id: S2, breakId: B1, start: "2026-11-20T20:12:10Z", lengthMs: 30000, type: commercial}
                expect:
                """ + expect);
    }

    @Test
    void passesWhenTheFaultsAreExactlyTheExpectedOnes() {
        ScenarioResult result = runner.run(ruleset, overlapScenario("""
                  valid: false
                  faults: [{rule: temporal-overlap, spotId: S2, conflictingIds: [S1], severity: CRITICAL}]
                """));

        assertThat(result.passed()).isTrue();
    }

    @Test
    void reportsAMissingAndAnUnexpectedFault() {
        ScenarioResult result = runner.run(ruleset, overlapScenario("""
                  faults: [{rule: temporal-overlap, spotId: S1, conflictingIds: [S2]}]
                """));

        assertThat(result.passed()).isFalse();
        assertThat(result.differences()).containsExactly(
                "- missing    temporal-overlap on spot S1 against S2",
                "+ unexpected temporal-overlap on spot S2 against S1 (CRITICAL)  \"S2 starts 20000 ms before S1 ends\"");
    }

    @Test
    void reportsTheWrongVerdict() {
        ScenarioResult result = runner.run(ruleset, overlapScenario("""
                  valid: true
                  faults: [{rule: temporal-overlap, spotId: S2, conflictingIds: [S1]}]
                """));

        assertThat(result.differences()).containsExactly("valid: expected true, got false");
    }

    @Test
    void reportsAFaultExpectedWithTheWrongSeverity() {
        ScenarioResult result = runner.run(ruleset, overlapScenario("""
                  faults: [{rule: temporal-overlap, spotId: S2, conflictingIds: [S1], severity: WARNING}]
                """));

        assertThat(result.passed()).isFalse();
    }

    @Test
    void failsAScenarioWhoseRequestIsRejected() {
        ScenarioResult result = runner.run(ruleset, Scenarios.parse("rule-tests/rotation/bad.yaml", """
                name: a spot in a break that does not exist
                kind: rotation.validate
                request: {channel: retro-prime, spots: [{id: S1, breakId: B9, start: "2026-11-20T20:12:00Z", lengthMs: 1, type: promo}]}
                expect: {faults: []}
                """));

        assertThat(result.differences()).singleElement().asString().contains("rejected").contains("spots[0].breakId");
    }

    @Test
    void failsAScenarioOfAnUnknownKind() {
        ScenarioResult result = runner.run(ruleset, Scenarios.parse("rule-tests/x.yaml", """
                name: nothing
                kind: weather.forecast
                request: {}
                expect: {}
                """));

        assertThat(result.differences()).singleElement().asString().contains("unknown kind 'weather.forecast'");
    }

    @Test
    void refusesAScenarioWithoutExpectations() {
        assertThatThrownBy(() -> Scenarios.parse("rule-tests/x.yaml", "name: n\nkind: rotation.validate\nrequest: {}\n"))
                .hasMessageContaining("rule-tests/x.yaml").hasMessageContaining("'expect'");
    }
}
