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

    /** A shipped scenario the tests write again under other names and expectations: three spots back to back. */
    private static final String SHIPPED = "rule-tests/rotation/back-to-back-spots-do-not-overlap.yaml";
    private static final String PASSING = "rule-tests/rotation/spots-back-to-back.yaml";
    private static final String FAILING = "rule-tests/rotation/an-overlap-where-there-is-none.yaml";

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

    /** The shipped scenario's request under {@code path}, with {@code name} and the {@code expect:} mapping given. */
    private void scenario(String path, String name, String expect) throws IOException {
        String shipped = Files.readString(Path.of(SHIPPED));
        String rewritten = shipped.replaceFirst("(?m)^name: .*$", "name: " + name)
                .replaceFirst("(?ms)^expect:.*", "expect:\n" + expect);
        assertThat(rewritten).as("the rewritten " + SHIPPED).contains("name: " + name, "expect:\n" + expect);
        write(path, rewritten);
    }

    /** Expects what the rules decide: no fault. */
    private void aPassingScenario(String path) throws IOException {
        scenario(path, "back-to-back spots do not overlap", "  valid: true\n  faults: []\n");
    }

    /** Expects a verdict and a fault the rules do not give. */
    private void aFailingScenario(String path) throws IOException {
        scenario(path, "back-to-back spots said to overlap",
                "  valid: false\n  faults: [{rule: temporal-overlap, spotId: S2, conflictingIds: [S1]}]\n");
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
        aPassingScenario(PASSING);

        Run run = ruleTests("");

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).containsExactly(
                "PASS " + PASSING + "  back-to-back spots do not overlap",
                "",
                "rule-tests: 1 passed, 0 failed");
    }

    @Test
    void exitsNonZeroWhenAScenarioFails() throws IOException {
        aPassingScenario(PASSING);
        aFailingScenario(FAILING);

        assertThat(ruleTests("").exitCode()).isEqualTo(1);
    }

    @Test
    void printsTheDifferencesOfAFailingScenarioIndentedUnderIt() throws IOException {
        aFailingScenario(FAILING);

        Run run = ruleTests("");

        assertThat(run.lines()).containsSequence(
                "FAIL " + FAILING + "  back-to-back spots said to overlap",
                "    valid: expected false, got true",
                "    - missing    temporal-overlap on spot S2 against S1");
    }

    @Test
    void endsWithASummaryCountingPassedAndFailedScenarios() throws IOException {
        aPassingScenario(PASSING);
        aFailingScenario(FAILING);
        aPassingScenario("rule-tests/rotation/spots-back-to-back-again.yaml");

        assertThat(ruleTests("").lines()).last().isEqualTo("rule-tests: 2 passed, 1 failed");
    }

    @Test
    void runsOnlyTheScenariosWhosePathContainsTheFilter() throws IOException {
        aPassingScenario(PASSING);
        aFailingScenario(FAILING);

        Run run = ruleTests("back-to-back");

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).filteredOn(line -> line.startsWith("PASS ") || line.startsWith("FAIL "))
                .containsExactly("PASS " + PASSING + "  back-to-back spots do not overlap");
    }

    @Test
    void exitsNonZeroNamingTheFilterWhenNoScenarioMatchesIt() throws IOException {
        aPassingScenario(PASSING);

        Run run = ruleTests("no-such-scenario");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.lines()).containsExactly("No scenario under rule-tests/ has a path containing 'no-such-scenario'.", "",
                "rule-tests: 0 passed, 0 failed");
    }

    @Test
    void exitsNonZeroNamingTheFileWhenTheRulesetDoesNotCompile() throws IOException {
        aPassingScenario(PASSING);
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
