package com.trafficrules.engine;

import static com.trafficrules.engine.DrlFixtures.HEADER;
import static com.trafficrules.engine.DrlFixtures.PATH;
import static com.trafficrules.engine.DrlFixtures.inspect;
import static com.trafficrules.engine.DrlFixtures.ruleWithConsequence;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the DRL parser and the allowlist lint say about a ruleset, before anything is built. */
class DrlInspectionTest {

    @Test
    void theShippedRulesParseAndLintClean() {
        DrlInspection.Report report = DrlInspection.inspect(RulesetFiles.fromDirectory(Path.of(".")));

        assertThat(report.parseErrors()).isEmpty();
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void aSyntaxErrorNamesPathLineAndColumn() {
        DrlInspection.Report report = inspect(HEADER + "rule \"broken\"\nwhen\n    Spot( id == \nthen\nend\n");

        assertThat(report.parseErrors()).isNotEmpty().allSatisfy(error -> {
            assertThat(error.path()).isEqualTo(PATH);
            assertThat(error.line()).isBetween(9, 13);
            assertThat(error.column()).isPositive();
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "System.exit(1);                                         | System",
            "Runtime.getRuntime().exec(\"rm -rf /\");                  | Runtime",
            "Class.forName(\"java.lang.Thread\");                      | Class",
            "new java.io.File(\"/etc/passwd\").delete();               | java.io.File",
            "$spot.getClass().getClassLoader();                      | getClass",
            "new Thread(() -> {}).start();                           | Thread",
            "java.nio.file.Files.readString(null);                   | java.nio.file.Files",
            "drools.getKieRuntime().halt();                          | drools",
            "outcomes.add(String.class);                             | .class",
            "new java . io . File(\"/tmp\");                          | java.io.File",
    })
    void aConsequenceReachingOutsideTheAllowlistIsAFindingOnItsLine(String consequence, String construct) {
        DrlInspection.Report report = inspect(ruleWithConsequence(consequence));

        assertThat(report.parseErrors()).isEmpty();
        assertThat(report.findings()).anySatisfy(finding -> {
            assertThat(finding.path()).isEqualTo(PATH);
            assertThat(finding.line()).isEqualTo(12);
            assertThat(finding.message()).contains(construct);
        });
    }

    @Test
    void aConstraintCallingSystemIsAFinding() {
        DrlInspection.Report report = inspect(HEADER + String.join("\n",
                "rule \"sneaky\"",
                "when",
                "    $spot : Spot( lengthMs > System.currentTimeMillis() )",
                "then",
                "end",
                ""));

        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.line()).isEqualTo(10);
            assertThat(finding.message()).contains("constraint").contains("System");
        });
    }

    @Test
    void anImportOutsideTheAllowlistIsAFinding() {
        DrlInspection.Report report = inspect(HEADER.replace("import com.trafficrules.rotation.facts.Fault;",
                "import java.io.File;\nimport com.trafficrules.rotation.facts.Fault;") + "rule \"x\"\nwhen\n    Spot( )\nthen\nend\n");

        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.line()).isEqualTo(3);
            assertThat(finding.message()).contains("import java.io.File");
        });
    }

    @Test
    void evalFunctionsAndFunctionImportsAreFindings() {
        DrlInspection.Report report = inspect(HEADER + String.join("\n",
                "import function java.lang.System.exit;",
                "function int twice(int x) { return 2 * x; }",
                "rule \"evaluating\"",
                "when",
                "    $spot : Spot( )",
                "    eval( $spot.lengthMs() > 0 )",
                "then",
                "end",
                ""));

        assertThat(report.findings()).extracting(LintFinding::message)
                .anySatisfy(message -> assertThat(message).startsWith("import function"))
                .anySatisfy(message -> assertThat(message).startsWith("function twice"))
                .anySatisfy(message -> assertThat(message).contains("eval("));
    }

    @Test
    void aGlobalOtherThanTheOutcomeCollectorIsAFinding() {
        DrlInspection.Report report = inspect(HEADER + "global java.util.List sink;\nrule \"x\"\nwhen\n    Spot( )\nthen\nend\n");

        assertThat(report.findings()).singleElement()
                .satisfies(finding -> assertThat(finding.message()).contains("global java.util.List sink"));
    }

    @Test
    void aRuleNameUsedInTwoFilesOfOneJobIsAFindingOnTheSecond() {
        Map<String, String> files = new HashMap<>();
        files.put("rules/rotation/a.drl", HEADER + "rule \"twin\"\nwhen\n    Spot( )\nthen\nend\n");
        files.put("rules/rotation/b.drl", HEADER + "\nrule \"twin\"\nwhen\n    Spot( )\nthen\nend\n");

        List<LintFinding> findings = DrlInspection.inspect(RulesetFiles.of(files)).findings();

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.path()).isEqualTo("rules/rotation/b.drl");
            assertThat(finding.line()).isEqualTo(9);
            assertThat(finding.message()).contains("\"twin\"").contains("rules/rotation/a.drl");
        });
    }

    @Test
    void oneRuleNameMayServeTwoJobs() {
        Map<String, String> files = new HashMap<>();
        files.put("rules/rotation/a.drl", HEADER + "rule \"twin\"\nwhen\n    Spot( )\nthen\nend\n");
        files.put("rules/fill/b.drl", HEADER.replace("package rules.rotation;", "package rules.fill;")
                + "rule \"twin\"\nwhen\n    Spot( )\nthen\nend\n");

        assertThat(DrlInspection.inspect(RulesetFiles.of(files)).findings()).isEmpty();
    }

    @Test
    void aQualifiedNameSplitOverLinesIsStillFoundOnTheLineItStarts() {
        DrlInspection.Report report = inspect(ruleWithConsequence("Object file = new java\n        .io\n        .File(\"/tmp\");"));

        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.line()).isEqualTo(12);
            assertThat(finding.message()).contains("java.io.File");
        });
    }

    @Test
    void aUnicodeEscapeIsAFindingEvenInAComment() {
        // \\u000a ends the comment for Java, so the call after it would run.
        DrlInspection.Report report = inspect(ruleWithConsequence("// harmless \\u000a System.exit(1);"));

        assertThat(report.findings()).anySatisfy(finding -> {
            assertThat(finding.line()).isEqualTo(12);
            assertThat(finding.message()).contains("unicode escape");
        });
    }

    @Test
    void aCustomAccumulateFunctionIsAFinding() {
        DrlInspection.Report report = inspect(HEADER.replace("global", "import accumulate com.example.Sneaky sneaky;\nglobal")
                + "rule \"x\"\nwhen\n    Spot( )\nthen\nend\n");

        assertThat(report.findings()).anySatisfy(finding -> assertThat(finding.message()).startsWith("import accumulate"));
    }

    @Test
    void stringsAndCommentsMayMentionAnything() {
        DrlInspection.Report report = inspect(ruleWithConsequence(
                "outcomes.add(Fault.ofSpot(\"proposed\", Severity.INFO, $spot, \"System.exit(1) is not called\")); // nor Runtime"));

        assertThat(report.findings()).isEmpty();
    }

    @Test
    void bracketsNestedDeeperThanTheParserCanFollowAreAParseErrorWhereTheLimitIsCrossed() {
        String constraint = "(".repeat(10_000) + "lengthMs > 0" + ")".repeat(10_000);
        DrlInspection.Report report = inspect(HEADER + "rule \"deep\"\nwhen\n    Spot( " + constraint + " )\nthen\nend\n");

        // Spot( opens the first bracket at column 9, the constraint's own from column 11.
        assertThat(report.parseErrors()).singleElement().isEqualTo(new CompileMessage(PATH, 10, 10 + DrlInspection.MAX_NESTING,
                "brackets nest more than " + DrlInspection.MAX_NESTING + " deep here"));
    }

    @Test
    void aChainTooLongForTheParserIsAParseErrorNotAStackOverflow() {
        DrlInspection.Report report = inspect(HEADER + "rule \"chain\"\nwhen\n    Spot( " + "!".repeat(10_000) + "(lengthMs > 0) )\nthen\nend\n");

        assertThat(report.parseErrors()).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo(PATH);
            assertThat(error.message()).contains("ran out of stack");
        });
    }
}
