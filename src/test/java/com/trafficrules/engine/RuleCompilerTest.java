package com.trafficrules.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.trafficrules.rotation.facts.Break;
import com.trafficrules.rotation.facts.Fault;
import com.trafficrules.rotation.facts.Spot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Compiling a ruleset's DRL: errors located by file and line, one KieBase per job, content-addressed versions. */
class RuleCompilerTest {

    /** A DRL file for {@code job} that imports the rotation facts and declares the outcomes global. */
    private static String drl(String job, String... rules) {
        return String.join("\n",
                "package rules." + job + ";",
                "",
                "import com.trafficrules.rotation.facts.Break;",
                "import com.trafficrules.rotation.facts.Fault;",
                "import com.trafficrules.rotation.facts.Severity;",
                "import com.trafficrules.rotation.facts.Spot;",
                "",
                "global com.trafficrules.engine.Outcomes outcomes;",
                "",
                String.join("\n\n", rules)) + "\n";
    }

    /** A rule that reports an INFO fault named after itself for every spot matching {@code constraint}. */
    private static String faultOnEverySpot(String name, String constraint) {
        return String.join("\n",
                "rule \"" + name + "\"",
                "when",
                "    $spot : Spot( " + constraint + " )",
                "then",
                "    outcomes.add(Fault.ofSpot(\"" + name + "\", Severity.INFO, $spot, \"seen\"));",
                "end");
    }

    private static Spot spot(String id) {
        return new Spot(id, "B1", 0, 30_000, "ACME", List.of(), null, "commercial", null, null, List.of(), 0, "1970-01-01T00:00Z", "1970-01-01");
    }

    private static CompiledRules compile(String... pathsAndContents) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return new RuleCompiler().compile(RulesetFiles.of(files));
    }

    private static List<CompileMessage> compileProblems(String... pathsAndContents) {
        RulesetCompileException failure = catchThrowableOfType(RulesetCompileException.class, () -> compile(pathsAndContents));
        assertThat(failure).as("the ruleset should not compile").isNotNull();
        return failure.messages();
    }

    private static List<String> faultRules(Evaluation evaluation) {
        return evaluation.outcomes().of(Fault.class).stream().map(Fault::rule).toList();
    }

    // --- compile errors -------------------------------------------------------------------------

    @Test
    void locatesASyntaxErrorByFileAndLine() {
        String broken = drl("rotation", String.join("\n",
                "rule \"broken\"",
                "when",
                "    $spot : Spot( id == \"S1\" ",
                "then",
                "    outcomes.add($spot);",
                "end"));

        List<CompileMessage> problems = compileProblems("rules/rotation/broken.drl", broken);

        assertThat(problems).isNotEmpty().allSatisfy(problem -> {
            assertThat(problem.path()).isEqualTo("rules/rotation/broken.drl");
            assertThat(problem.line()).isPositive();
        });
    }

    @Test
    void locatesAnUnknownFactTypeByFileAndLine() {
        String broken = drl("rotation", faultOnEverySpot("fine", "")
                + "\n\nrule \"uses-a-missing-fact\"\nwhen\n    Commercial( )\nthen\nend");

        List<CompileMessage> problems = compileProblems(
                "rules/rotation/fine.drl", drl("rotation", faultOnEverySpot("other", "")),
                "rules/rotation/missing-fact.drl", broken);

        assertThat(problems).isNotEmpty().allSatisfy(problem -> {
            assertThat(problem.path()).isEqualTo("rules/rotation/missing-fact.drl");
            assertThat(problem.line()).isPositive();
        });
    }

    @Test
    void reportsTheErrorsOfEveryBrokenFile() {
        List<CompileMessage> problems = compileProblems(
                "rules/rotation/one.drl", drl("rotation", "rule \"one\" when Spot( then end"),
                "rules/fill/two.drl", drl("fill", "rule \"two\" when Spot( then end"));

        assertThat(problems).extracting(CompileMessage::path).contains("rules/rotation/one.drl", "rules/fill/two.drl");
    }

    @Test
    void refusesADrlOutsideAJobFolder() {
        List<CompileMessage> problems = compileProblems("rules/stray.drl", drl("rotation", faultOnEverySpot("stray", "")));

        assertThat(problems).singleElement().satisfies(problem -> assertThat(problem.path()).isEqualTo("rules/stray.drl"));
    }

    @Test
    void refusesAJobFolderThatIsNotLowerCase() {
        List<CompileMessage> problems = compileProblems("rules/Rotation/a.drl", drl("Rotation", faultOnEverySpot("a", "")));

        assertThat(problems).singleElement().satisfies(problem -> assertThat(problem.path()).isEqualTo("rules/Rotation/a.drl"));
    }

    @Test
    void compilesARulesetWithoutAnyDrl() {
        CompiledRules rules = compile("config/channels/_defaults.yaml", "timezone: UTC\n");

        assertThat(rules.jobs()).isEmpty();
        assertThat(rules.evaluate("rotation", List.of(spot("S1"))).firedRules()).isEmpty();
    }

    // --- jobs and evaluation --------------------------------------------------------------------

    @Test
    void buildsOneKieBasePerJobFolder() {
        CompiledRules rules = compile(
                "rules/rotation/a.drl", drl("rotation", faultOnEverySpot("rotation-rule", "")),
                "rules/fill/b.drl", drl("fill", faultOnEverySpot("fill-rule", "")));

        assertThat(rules.jobs()).containsExactlyInAnyOrder("rotation", "fill");
    }

    @Test
    void neverFiresAnotherJobsRules() {
        CompiledRules rules = compile(
                "rules/rotation/a.drl", drl("rotation", faultOnEverySpot("rotation-rule", "")),
                "rules/fill/b.drl", drl("fill", faultOnEverySpot("fill-rule", "")));

        Evaluation rotation = rules.evaluate("rotation", List.of(spot("S1")));
        Evaluation fill = rules.evaluate("fill", List.of(spot("S1")));

        assertThat(rotation.firedRules()).containsExactly("rotation-rule");
        assertThat(faultRules(rotation)).containsExactly("rotation-rule");
        assertThat(fill.firedRules()).containsExactly("fill-rule");
        assertThat(faultRules(fill)).containsExactly("fill-rule");
    }

    @Test
    void joinsEveryFileOfAJobFolderIntoOneKieBase() {
        CompiledRules rules = compile(
                "rules/rotation/a.drl", drl("rotation", faultOnEverySpot("from-a", "")),
                "rules/rotation/b.drl", drl("rotation", faultOnEverySpot("from-b", "")));

        assertThat(rules.evaluate("rotation", List.of(spot("S1"))).firedRules()).containsExactly("from-a", "from-b");
    }

    @Test
    void firesTheRulesOfASubfolderAsPartOfItsJob() {
        CompiledRules rules = compile(
                "rules/rotation/a.drl", drl("rotation", faultOnEverySpot("from-top", "")),
                "rules/rotation/pairs/b.drl", drl("rotation.pairs", faultOnEverySpot("from-subfolder", "")));

        assertThat(rules.jobs()).containsExactly("rotation");
        assertThat(rules.evaluate("rotation", List.of(spot("S1"))).firedRules()).containsExactly("from-subfolder", "from-top");
    }

    @Test
    void refusesADrlThatDeclaresAnotherJobsPackage() {
        // Drools files rules by declared package: allowing this would run fill's rule in the rotation job.
        List<CompileMessage> problems = compileProblems(
                "rules/rotation/a.drl", drl("rotation", faultOnEverySpot("rotation-rule", "")),
                "rules/fill/b.drl", drl("rotation", faultOnEverySpot("misdeclared-fill-rule", "")));

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("rules/fill/b.drl");
            assertThat(problem.line()).isEqualTo(1);
            assertThat(problem.message()).contains("rules.rotation").contains("rules.fill");
        });
    }

    @Test
    void listsTheRulesThatFiredByName() {
        CompiledRules rules = compile("rules/rotation/a.drl", drl("rotation",
                faultOnEverySpot("acme-seen", "advertiser == \"ACME\""),
                faultOnEverySpot("globex-seen", "advertiser == \"GLOBEX\"")));

        Evaluation evaluation = rules.evaluate("rotation", List.of(spot("S1")));

        assertThat(evaluation.firedRules()).containsExactly("acme-seen");
    }

    @Test
    void listsARuleThatFiredSeveralTimesOnce() {
        CompiledRules rules = compile("rules/rotation/a.drl", drl("rotation", faultOnEverySpot("spot-seen", "")));

        Evaluation evaluation = rules.evaluate("rotation", List.of(spot("S1"), spot("S2"), spot("S3")));

        assertThat(evaluation.firedRules()).containsExactly("spot-seen");
        assertThat(evaluation.outcomes().of(Fault.class)).extracting(Fault::spotId).containsExactlyInAnyOrder("S1", "S2", "S3");
    }

    @Test
    void reportsNothingWhenNoRuleMatches() {
        CompiledRules rules = compile("rules/rotation/a.drl", drl("rotation", faultOnEverySpot("spot-seen", "")));

        Evaluation evaluation = rules.evaluate("rotation", List.of(new Break("B1", 0, 120_000)));

        assertThat(evaluation.firedRules()).isEmpty();
        assertThat(evaluation.outcomes().of(Fault.class)).isEmpty();
    }

    @Test
    void keepsEvaluationsOfOneCompiledRulesetApart() {
        CompiledRules rules = compile("rules/rotation/a.drl", drl("rotation", faultOnEverySpot("spot-seen", "")));

        rules.evaluate("rotation", List.of(spot("S1")));
        Evaluation second = rules.evaluate("rotation", List.of(spot("S2")));

        assertThat(second.outcomes().of(Fault.class)).extracting(Fault::spotId).containsExactly("S2");
    }

    // --- ruleset files and their hash -----------------------------------------------------------

    private static String hashOf(String... pathsAndContents) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return RulesetFiles.of(files).hash();
    }

    @Test
    void hashesTheSameFilesToTheSameVersionWhateverTheirOrder() {
        assertThat(hashOf("rules/rotation/a.drl", "A", "config/channels/x.yaml", "X"))
                .isEqualTo(hashOf("config/channels/x.yaml", "X", "rules/rotation/a.drl", "A"))
                .hasSize(64);
    }

    @Test
    void changesTheHashWhenAFilesContentChanges() {
        assertThat(hashOf("rules/rotation/a.drl", "A", "config/channels/x.yaml", "X"))
                .isNotEqualTo(hashOf("rules/rotation/a.drl", "A", "config/channels/x.yaml", "X "));
    }

    @Test
    void changesTheHashWhenAFileMoves() {
        assertThat(hashOf("rules/rotation/a.drl", "A"))
                .isNotEqualTo(hashOf("rules/rotation/b.drl", "A"));
    }

    @Test
    void changesTheHashWhenAFileIsAdded() {
        assertThat(hashOf("rules/rotation/a.drl", "A"))
                .isNotEqualTo(hashOf("rules/rotation/a.drl", "A", "config/channels/x.yaml", ""));
    }

    @Test
    void doesNotLetContentBleedIntoTheNextPath() {
        assertThat(hashOf("rules/rotation/a.drl", "A", "rules/rotation/b.drl", "B"))
                .isNotEqualTo(hashOf("rules/rotation/a.drl", "Arules/rotation/b.drlB"));
    }

    @Test
    void acceptsPathsUnderRulesAndConfig() {
        assertThatNoException().isThrownBy(() -> RulesetFiles.of(Map.of(
                "rules/rotation/temporal-overlap.drl", "", "config/channels/_defaults.yaml", "", "config/billing-codes.csv", "")));
    }

    @Test
    void refusesAPathOutsideRulesAndConfig() {
        assertThatIllegalArgumentException().isThrownBy(() -> RulesetFiles.of(Map.of("src/main/java/Evil.java", "")));
        assertThatIllegalArgumentException().isThrownBy(() -> RulesetFiles.of(Map.of("rulesx/rotation/a.drl", "")));
    }

    @Test
    void refusesAPathThatClimbsOut() {
        assertThatIllegalArgumentException().isThrownBy(() -> RulesetFiles.of(Map.of("rules/../etc/passwd", "")));
        assertThatIllegalArgumentException().isThrownBy(() -> RulesetFiles.of(Map.of("config/channels/..", "")));
        assertThatIllegalArgumentException().isThrownBy(() -> RulesetFiles.of(Map.of("config/./x.yaml", "")));
    }

    @Test
    void refusesAnAbsoluteOrBackslashedPath() {
        assertThatIllegalArgumentException().isThrownBy(() -> RulesetFiles.of(Map.of("/rules/rotation/a.drl", "")));
        assertThatIllegalArgumentException().isThrownBy(() -> RulesetFiles.of(Map.of("rules\\rotation\\a.drl", "")));
        assertThatIllegalArgumentException().isThrownBy(() -> RulesetFiles.of(Map.of("rules//a.drl", "")));
    }

    @Test
    void aConsequenceTooDeepForTheJavaCompilerIsACompileErrorNotAStackOverflow() {
        String tooDeep = faultOnEverySpot("negated", "").replace("then\n", "then\n    boolean b = " + "!".repeat(10_000) + "true;\n");

        assertThat(compileProblems("rules/rotation/negated.drl", drl("rotation", tooDeep)))
                .singleElement().satisfies(problem -> assertThat(problem.message()).contains("ran out of stack"));
    }
}
