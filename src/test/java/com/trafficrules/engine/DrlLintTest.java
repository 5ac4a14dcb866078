package com.trafficrules.engine;

import static com.trafficrules.engine.DrlFixtures.ATTRIBUTE_LINE;
import static com.trafficrules.engine.DrlFixtures.CONDITION_LINE;
import static com.trafficrules.engine.DrlFixtures.CONSEQUENCE_LINE;
import static com.trafficrules.engine.DrlFixtures.CONSTRAINT_LINE;
import static com.trafficrules.engine.DrlFixtures.DECLARATIONS_LINE;
import static com.trafficrules.engine.DrlFixtures.PATH;
import static com.trafficrules.engine.DrlFixtures.declaring;
import static com.trafficrules.engine.DrlFixtures.inspect;
import static com.trafficrules.engine.DrlFixtures.ruleWithAttribute;
import static com.trafficrules.engine.DrlFixtures.ruleWithCondition;
import static com.trafficrules.engine.DrlFixtures.ruleWithConsequence;
import static com.trafficrules.engine.DrlFixtures.ruleWithConstraint;
import static com.trafficrules.engine.DrlFixtures.rulesNamed;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lint reads every piece of Java in a proposed DRL with a Java parser and checks the syntax tree against
 * an allowlist of types and methods: what it refuses, what it still allows, and where it says so.
 */
class DrlLintTest {

    private static List<LintFinding> findingsOf(String drl) {
        DrlInspection.Report report = inspect(drl);
        assertThat(report.parseErrors()).as("the fixture should be valid DRL").isEmpty();
        return report.findings();
    }

    /** Asserts a finding on {@code line} whose message contains every one of {@code words}. */
    private static void assertRefusedOn(String drl, int line, String... words) {
        assertThat(findingsOf(drl)).anySatisfy(finding -> {
            assertThat(finding.path()).isEqualTo(PATH);
            assertThat(finding.line()).isEqualTo(line);
            assertThat(finding.message()).contains(words);
        });
    }

    private static void assertClean(String drl) {
        assertThat(findingsOf(drl)).isEmpty();
    }

    // --- regressions: each passed the lint that blanked literals with a regex ------------------------------

    @Test
    void refusesTextBlocksHidingCode() {
        // The regex read the lone quotes as the ends of strings, so the line between the text blocks was "a string".
        String consequence = String.join("\n",
                "String p = $spot.id();",
                "    String a = \"\"\"",
                "        \" \"\"\";",
                "    new java.io.File(p).createNewFile();",
                "    String b = \"\"\"",
                "        \" \"\"\";");

        assertRefusedOn(ruleWithConsequence(consequence), CONSEQUENCE_LINE + 3, "consequence", "java.io.File");
    }

    @Test
    void refusesTextBlocks() {
        assertRefusedOn(ruleWithConsequence("String a = \"\"\"\n        harmless\"\"\";"), CONSEQUENCE_LINE,
                "consequence", "text block");
    }

    @Test
    void refusesTimeZoneSetDefault() {
        assertRefusedOn(ruleWithConsequence("java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone(\"UTC\"));"),
                CONSEQUENCE_LINE, "consequence", "java.util.TimeZone.setDefault");
    }

    @Test
    void refusesLocaleSetDefault() {
        assertRefusedOn(ruleWithConsequence("java.util.Locale.setDefault(java.util.Locale.ROOT);"), CONSEQUENCE_LINE,
                "consequence", "java.util.Locale.setDefault");
    }

    @Test
    void refusesSystemSetProperty() {
        assertRefusedOn(ruleWithConsequence("System.setProperty(\"user.timezone\", \"UTC\");"), CONSEQUENCE_LINE,
                "consequence", "System");
    }

    @Test
    void refusesAWhileTrueLoop() {
        assertRefusedOn(ruleWithConsequence("while (true) {}"), CONSEQUENCE_LINE, "consequence", "while loop");
    }

    @Test
    void refusesAForLoop() {
        assertRefusedOn(ruleWithConsequence("for (int i = 0; i < 3; i++) { outcomes.add($spot); }"), CONSEQUENCE_LINE,
                "consequence", "for loop");
    }

    @Test
    void refusesAssigningAFieldOfAFact() {
        assertRefusedOn(ruleWithConsequence("$spot.lengthMs = 0;"), CONSEQUENCE_LINE, "consequence", "assigns to $spot.lengthMs");
    }

    // --- consequences --------------------------------------------------------------------------------------

    @Test
    void refusesAStaticMutatorCalledThroughAnInstance() {
        // Java lets an instance call its class's static methods.
        assertRefusedOn(ruleWithConsequence("java.util.TimeZone.getTimeZone(\"UTC\").setDefault(null);"), CONSEQUENCE_LINE,
                "consequence", "setDefault");
    }

    @Test
    void refusesReadingTheClock() {
        assertRefusedOn(ruleWithConsequence("outcomes.add(java.time.Instant.now());"), CONSEQUENCE_LINE,
                "consequence", "java.time.Instant.now");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"do { } while (false);", "for (Object o : java.util.List.of()) { }"})
    void refusesEveryKindOfLoop(String loop) {
        assertRefusedOn(ruleWithConsequence(loop), CONSEQUENCE_LINE, "consequence", "loop");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"try { } finally { }", "throw new IllegalStateException();", "synchronized (outcomes) { }",
            "stop: { break stop; }"})
    void refusesExceptionsLocksAndLabels(String statement) {
        assertThat(findingsOf(ruleWithConsequence(statement))).isNotEmpty();
    }

    @Test
    void refusesLambdas() {
        assertRefusedOn(ruleWithConsequence("outcomes.add(java.util.Optional.of($spot).map(s -> s.id()));"), CONSEQUENCE_LINE,
                "consequence", "lambda");
    }

    @Test
    void refusesAnonymousClasses() {
        assertRefusedOn(ruleWithConsequence("outcomes.add(new Object() { });"), CONSEQUENCE_LINE, "anonymous class");
    }

    @Test
    void refusesTheEngineHelpersCalledWithoutAReceiver() {
        assertRefusedOn(ruleWithConsequence("insert($spot);"), CONSEQUENCE_LINE, "consequence", "insert(...)");
    }

    @Test
    void refusesNamesThatAreNeitherLocalsNorBindings() {
        assertRefusedOn(ruleWithConsequence("outcomes.add(unknown.id());"), CONSEQUENCE_LINE, "consequence", "unknown");
    }

    @Test
    void refusesATypeNamedLikeALocalOfAnotherBlock() {
        // Outside its block the local is gone, and System is java.lang.System again.
        assertRefusedOn(ruleWithConsequence("{ Object System = null; }\n    System.load(\"/tmp/x.so\");"), CONSEQUENCE_LINE + 1,
                "consequence", "System");
    }

    @Test
    void refusesAssigningALocalOutsideItsBlock() {
        assertRefusedOn(ruleWithConsequence("{ int n = 1; } n = 2;"), CONSEQUENCE_LINE, "consequence", "assigns to n");
    }

    @Test
    void refusesInstanceofPatterns() {
        assertRefusedOn(ruleWithConsequence("if ($spot instanceof Spot s) { outcomes.add(s); }"), CONSEQUENCE_LINE,
                "consequence", "pattern");
    }

    @Test
    void refusesCodeNestedTooDeeplyBeforeAnyParserRecursesIntoIt() {
        String nested = "(".repeat(20_000) + "1" + ")".repeat(20_000);

        DrlInspection.Report report = inspect(ruleWithConsequence("outcomes.add(" + nested + ");"));

        assertThat(report.parsed()).isFalse();
        assertThat(report.parseErrors()).anySatisfy(error -> {
            assertThat(error.line()).isEqualTo(CONSEQUENCE_LINE);
            assertThat(error.message()).contains("nest more than 50 deep");
        });
    }

    @Test
    void refusesAConsequenceThatIsNotJava() {
        // It would close the generated method and open another if the lint let it through.
        assertRefusedOn(ruleWithConsequence("} public void more() {"), CONSEQUENCE_LINE, "consequence", "cannot be parsed");
    }

    @Test
    void refusesInvisibleCharactersThatJavaIgnoresInNames() {
        assertRefusedOn(ruleWithConsequence("outcomes.add($spot.get\u00adClass());"), CONSEQUENCE_LINE, "invisible character");
    }

    @Test
    void allowsLocalsFactRecordsLibraryValuesAndMethodsOfBindings() {
        assertClean(ruleWithConsequence(String.join("\n",
                "java.util.List<String> ids = new java.util.ArrayList<>();",
                "    int count = 0;",
                "    count = count + 1;",
                "    ids.add($spot.id().toLowerCase());",
                "    if (count > 0 && !ids.isEmpty()) {",
                "        outcomes.add(Fault.ofSpot(\"proposed\", Severity.INFO, $spot, ids + \" at \"",
                "                + java.time.Instant.ofEpochMilli(Math.max(0L, $spot.startMs())) + \" \" + String.valueOf(count)));",
                "    }")));
    }

    // --- constraints ---------------------------------------------------------------------------------------

    @Test
    void allowsTheDrlOperators() {
        assertClean(ruleWithConstraint(String.join(", ",
                "$id : id",
                "advertiser in (\"A\", \"B\")",
                "type not in (\"promo\")",
                "advertiser matches \"A.*\"",
                "type not memberOf $other.dayparts",
                "advertiser str[startsWith] \"A\"",
                "startMs after[1s, 2m30s] $other.startMs",
                "this != $other",
                "(advertiser == \"A\" && lengthMs < 30000) || advertiser == null")));
    }

    @Test
    void refusesBindingsWhoseNamesDoNotStartWithDollar() {
        // "java" could be read as the package by MVEL: java.lang.System.exit(1) would then run.
        assertRefusedOn(ruleWithConstraint("java : advertiser"), CONSTRAINT_LINE, "binds java", "start with $");
    }

    @Test
    void refusesCodeInsideAnInList() {
        assertRefusedOn(ruleWithConstraint("advertiser in (\"A\", System.getenv(\"ADVERTISER\"))"), CONSTRAINT_LINE,
                "constraint", "System");
    }

    @Test
    void refusesOperatorParametersThatAreNotDurations() {
        assertRefusedOn(ruleWithConstraint("startMs after[java.lang.System.exit(1)] $other.startMs"), CONSTRAINT_LINE,
                "constraint", "after", "parameters");
    }

    @Test
    void refusesHalfConstraints() {
        assertRefusedOn(ruleWithConstraint("lengthMs > 0 && < 30000"), CONSTRAINT_LINE, "constraint", "half constraint");
    }

    @Test
    void refusesAConstraintThatIsNotJava() {
        assertRefusedOn(ruleWithConstraint("advertiser ~= \"A\""), CONSTRAINT_LINE, "constraint", "cannot be parsed");
    }

    @Test
    void refusesReportingFromAConstraint() {
        assertRefusedOn(ruleWithConstraint("outcomes.add(this) == false"), CONSTRAINT_LINE, "constraint", "outcomes");
    }

    @Test
    void refusesReflectionOnTheConstrainedFact() {
        assertRefusedOn(ruleWithConstraint("getClass() != null"), CONSTRAINT_LINE, "constraint", "getClass");
    }

    @Test
    void namesTheLineInsideAConstraintSpreadOverLines() {
        assertRefusedOn(ruleWithConstraint("advertiser != null,\n                 lengthMs > System.nanoTime()"),
                CONSTRAINT_LINE + 1, "constraint", "System");
    }

    // --- from, accumulate, declarations, attributes --------------------------------------------------------

    @Test
    void refusesAFromExpressionReachingOutside() {
        assertRefusedOn(ruleWithCondition("$s : Spot( ) from java.nio.file.Files.list(null)"), CONDITION_LINE, "from", "java.nio.file.Files");
    }

    @Test
    void refusesAccumulateWithCodeOfItsOwn() {
        assertRefusedOn(ruleWithCondition("$n : Number( ) from accumulate( Spot( $l : lengthMs ), init( long t = 0; ), "
                + "action( t += $l; ), result( t ) )"), CONDITION_LINE, "accumulate", "init/action/reverse/result");
    }

    @Test
    void refusesAnAccumulateFunctionThatIsNotBuiltIn() {
        assertRefusedOn(ruleWithCondition("accumulate( Spot( $l : lengthMs ); $t : sneaky( $l ) )"), CONDITION_LINE, "accumulate sneaky");
    }

    @Test
    void refusesADeclaredFieldsInitialValueReachingOutside() {
        assertRefusedOn(declaring("declare Marker\n    at : long = System.nanoTime()\nend\n"), DECLARATIONS_LINE + 1,
                "declared field Marker.at initial value", "System");
    }

    @Test
    void refusesADeclaredFieldTypeArgumentOutsideTheAllowlist() {
        assertRefusedOn(declaring("declare Marker\n    files : java.util.List<java.io.File>\nend\n"), DECLARATIONS_LINE + 1,
                "declared field Marker.files", "java.io.File");
    }

    @Test
    void refusesADeclaredTypeNamedLikeAJavaLangType() {
        assertRefusedOn(declaring("declare System\n    at : long\nend\n"), DECLARATIONS_LINE, "declared type System", "java.lang");
    }

    @Test
    void refusesADeclaredEnumArgumentReachingOutside() {
        assertRefusedOn(declaring("declare enum Level\n    LOW(System.getProperty(\"x\"));\n    label : String\nend\n"),
                DECLARATIONS_LINE + 1, "declared enum Level.LOW argument", "System");
    }

    @Test
    void refusesASalienceExpressionReachingOutside() {
        assertRefusedOn(ruleWithAttribute("salience (Runtime.getRuntime().availableProcessors())"), ATTRIBUTE_LINE,
                "attribute salience", "Runtime");
    }

    @Test
    void refusesTheMvelDialect() {
        assertRefusedOn(ruleWithAttribute("dialect \"mvel\""), ATTRIBUTE_LINE, "dialect \"mvel\"");
    }

    @Test
    void refusesTimers() {
        assertRefusedOn(ruleWithAttribute("timer (int: 1s)"), ATTRIBUTE_LINE, "timer");
    }

    // --- the id a rule reports -----------------------------------------------------------------------------

    @Test
    void refusesFaultIdThatDiffersFromRuleName() {
        assertRefusedOn(ruleWithConsequence("outcomes.add(Fault.ofSpot(\"proposal\", Severity.INFO, $spot, \"seen\"));"),
                CONSEQUENCE_LINE, "rule \"proposed\" reports \"proposal\"", "named after, \"proposed\"");
    }

    @Test
    void acceptsQualifiedRuleNamesForSharedFaultId() {
        assertClean(rulesNamed("outcomes.add(Fault.ofSpot(\"proposed\", Severity.INFO, $spot, \"seen\"));",
                "proposed: sold first", "proposed: sold last"));
    }

    @Test
    void refusesTheQualifierInTheReportedId() {
        String reportingTheWholeName = "outcomes.add(Fault.ofSpot(\"proposed: sold first\", Severity.INFO, $spot, \"seen\"));";

        assertThat(findingsOf(rulesNamed(reportingTheWholeName, "proposed: sold first"))).singleElement().satisfies(finding ->
                assertThat(finding.message()).contains("reports \"proposed: sold first\"", "named after, \"proposed\""));
    }

    @Test
    void readsTheIdOfAnOutcomeThatNamesSomethingElseFirst() {
        // An ineligible asset is named by its uri first, then by the rule that keeps it out.
        assertRefusedOn(ruleWithConsequence(
                "outcomes.add(new com.trafficrules.fill.facts.Ineligible($spot.id(), \"cooldown\", \"seen\"));"),
                CONSEQUENCE_LINE, "rule \"proposed\" reports \"cooldown\"");
    }

    @Test
    void refusesAMismatchedIdOnTheLineOfTheId() {
        assertRefusedOn(ruleWithConsequence("outcomes.add(Fault.ofSpot(\n            \"proposal\", Severity.INFO, $spot, \"seen\"));"),
                CONSEQUENCE_LINE + 1, "reports \"proposal\"");
    }

    @Test
    void checksEveryOutcomeOfAConsequence() {
        assertThat(findingsOf(ruleWithConsequence(String.join("\n",
                "outcomes.add(Fault.ofSpot(\"proposed\", Severity.INFO, $spot, \"seen\"));",
                "    outcomes.add(Fault.ofSpot(\"proposal\", Severity.INFO, $spot, \"seen again\"));"))))
                .singleElement().satisfies(finding -> {
                    assertThat(finding.line()).isEqualTo(CONSEQUENCE_LINE + 1);
                    assertThat(finding.message()).contains("reports \"proposal\"");
                });
    }

    @Test
    void doesNotJudgeAnOutcomeWithoutAStringLiteral() {
        assertClean(ruleWithConsequence("outcomes.add(Fault.ofSpot($spot.id(), Severity.INFO, $spot, $spot.type()));"));
    }

    @Test
    void doesNotJudgeAnOutcomeBuiltBeforeItIsReported() {
        assertClean(ruleWithConsequence(
                "Fault fault = Fault.ofSpot(\"proposal\", Severity.INFO, $spot, \"seen\");\n    outcomes.add(fault);"));
    }
}
