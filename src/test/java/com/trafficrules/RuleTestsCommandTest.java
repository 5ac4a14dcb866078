package com.trafficrules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

/**
 * {@code bin/rule-tests} as the traffic manager meets it: what it prints and the exit code it ends with,
 * run on a project of its own (the shipped {@code rules/} and {@code config/}, and the scenarios a test
 * writes). The script itself only starts Maven on {@link RuleTestsCommand}; it is not run here, as a
 * Maven start per test would cost more than all of these together.
 */
class RuleTestsCommandTest {

    private static final String PASSING = "rule-tests/rotation/back-to-back.yaml";
    private static final String FAILING = "rule-tests/rotation/overlap-on-the-wrong-spot.yaml";

    /** Two spots back to back: no fault, as the scenario expects. */
    private static final String PASSING_SCENARIO = """
            name: back-to-back spots do not overlap
            kind: rotation.validate
            request:
              channel: retro-prime
              breaks: [{id: B1, start: "2026-11-20T20:12:00Z", durationMs: 120000}]
              spots:
                - {id: S1, breakId: B1, start: "2026-11-20T20:12:00Z", lengthMs: 30000, type: commercial}
                - {id: S2, breakId: B1, start: "2026-11-20T20:12:30Z", lengthMs: 30000, type: commercial}
            expect:
              valid: true
              faults: []
            """;

    /** The overlap faults S2 against S1; the scenario expects it the other way round. */
    private static final String FAILING_SCENARIO = """
            name: the overlap expected on the earlier spot
            kind: rotation.validate
            request:
              channel: retro-prime
              breaks: [{id: B1, start: "2026-11-20T20:12:00Z", durationMs: 120000}]
              spots:
                - {id: S1, breakId: B1, start: "2026-11-20T20:12:00Z", lengthMs: 30000, type: commercial}
                - {id: S2, breakId: B1, start: "2026-11-20T20:12:10Z", lengthMs: 30000, type: commercial}
            expect:
              faults: [{rule: temporal-overlap, spotId: S1, conflictingIds: [S2]}]
            """;

    @TempDir
    Path root;

    /** What one run printed and the exit code it returned. */
    private record Run(int exitCode, List<String> lines) {
    }

    @BeforeEach
    void aProjectWithTheShippedRulesAndNoScenarios() throws IOException {
        for (String folder : List.of("rules", "config")) {
            FileSystemUtils.copyRecursively(Path.of(folder), root.resolve(folder));
        }
    }

    private void write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private Run ruleTests(String filter) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            exitCode = RuleTestsCommand.run(root, filter, out);
        }
        return new Run(exitCode, printed.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void exitsZeroWhenEveryScenarioPasses() throws IOException {
        write(PASSING, PASSING_SCENARIO);

        Run run = ruleTests("");

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).containsExactly(
                "PASS " + PASSING + "  back-to-back spots do not overlap",
                "",
                "rule-tests: 1 passed, 0 failed");
    }

    @Test
    void exitsNonZeroWhenAScenarioFails() throws IOException {
        write(PASSING, PASSING_SCENARIO);
        write(FAILING, FAILING_SCENARIO);

        assertThat(ruleTests("").exitCode()).isEqualTo(1);
    }

    @Test
    void printsTheDifferencesOfAFailingScenarioIndentedUnderIt() throws IOException {
        write(FAILING, FAILING_SCENARIO);

        Run run = ruleTests("");

        assertThat(run.lines()).containsSubsequence(
                "FAIL " + FAILING + "  the overlap expected on the earlier spot",
                "    - missing    temporal-overlap on spot S1 against S2",
                "    + unexpected temporal-overlap on spot S2 against S1 (CRITICAL)  \"S2 starts 20000 ms before S1 ends\"");
    }

    @Test
    void endsWithASummaryCountingPassedAndFailedScenarios() throws IOException {
        write(PASSING, PASSING_SCENARIO);
        write(FAILING, FAILING_SCENARIO);
        write("rule-tests/rotation/back-to-back-again.yaml", PASSING_SCENARIO);

        assertThat(ruleTests("").lines()).last().isEqualTo("rule-tests: 2 passed, 1 failed");
    }

    @Test
    void runsOnlyTheScenariosWhosePathContainsTheFilter() throws IOException {
        write(PASSING, PASSING_SCENARIO);
        write(FAILING, FAILING_SCENARIO);

        Run run = ruleTests("back-to");

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).filteredOn(line -> line.startsWith("PASS ") || line.startsWith("FAIL "))
                .containsExactly("PASS " + PASSING + "  back-to-back spots do not overlap");
    }

    @Test
    void exitsNonZeroWhenNoScenarioMatchesTheFilter() throws IOException {
        write(PASSING, PASSING_SCENARIO);

        Run run = ruleTests("no-such-scenario");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.lines()).containsExactly("", "rule-tests: 0 passed, 0 failed");
    }

    @Test
    void exitsNonZeroNamingTheFileWhenTheRulesetDoesNotCompile() throws IOException {
        write(PASSING, PASSING_SCENARIO);
        write("rules/rotation/broken.drl", """
                package rules.rotation;

                import com.trafficrules.rotation.facts.Spot;

                rule "broken"
                when
                    $spot : Spot( id == "S1"
                then
                end
                """);

        Run run = ruleTests("");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.lines()).first().isEqualTo("The ruleset does not compile:");
        assertThat(run.lines().subList(1, run.lines().size())).isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith("  rules/rotation/broken.drl:"));
    }
}
