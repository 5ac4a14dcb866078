package com.trafficrules.engine;

import static com.trafficrules.engine.DrlFixtures.CONSEQUENCE_LINE;
import static com.trafficrules.engine.DrlFixtures.CONSTRAINT_LINE;
import static com.trafficrules.engine.DrlFixtures.inspect;
import static com.trafficrules.engine.DrlFixtures.ruleWithConsequence;
import static com.trafficrules.engine.DrlFixtures.ruleWithConstraint;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The lint reads code the way Java does, so the layout of the code does not matter: refused names stay
 * refused however they are spread over whitespace, line breaks and comments or spelled with unicode escapes,
 * and an allowed consequence stays allowed however it is laid out.
 */
class DrlLintProperties {

    /** Refused consequences, token by token: whatever goes between two tokens, Java reads the same code. */
    private static final List<List<String>> REFUSED_CONSEQUENCES = List.of(
            List.of("new", "java", ".", "io", ".", "File", "(", "$spot", ".", "id", "(", ")", ")", ".", "createNewFile", "(", ")", ";"),
            List.of("System", ".", "exit", "(", "1", ")", ";"),
            List.of("Runtime", ".", "getRuntime", "(", ")", ".", "exec", "(", "\"ls\"", ")", ";"),
            List.of("java", ".", "util", ".", "TimeZone", ".", "setDefault", "(", "null", ")", ";"),
            List.of("java", ".", "util", ".", "Locale", ".", "setDefault", "(", "java", ".", "util", ".", "Locale", ".", "ROOT", ")", ";"),
            List.of("Class", ".", "forName", "(", "\"Sys\"", "+", "\"tem\"", ")", ";"),
            List.of("$spot", ".", "getClass", "(", ")", ".", "getClassLoader", "(", ")", ";"),
            List.of("java", ".", "nio", ".", "file", ".", "Files", ".", "delete", "(", "null", ")", ";"),
            List.of("java", ".", "lang", ".", "Thread", ".", "sleep", "(", "1000", ")", ";"),
            List.of("while", "(", "true", ")", "{", "}"),
            List.of("for", "(", ";", ";", ")", "{", "}"),
            List.of("$spot", ".", "lengthMs", "=", "0", ";"));

    private static final List<List<String>> REFUSED_CONSTRAINTS = List.of(
            List.of("lengthMs", ">", "System", ".", "nanoTime", "(", ")"),
            List.of("advertiser", "==", "java", ".", "lang", ".", "Runtime", ".", "getRuntime", "(", ")", ".", "toString", "(", ")"),
            List.of("advertiser", "in", "(", "\"A\"", ",", "System", ".", "getenv", "(", "\"X\"", ")", ")"),
            List.of("lengthMs", ">", "java", ".", "time", ".", "Instant", ".", "now", "(", ")", ".", "toEpochMilli", "(", ")"),
            List.of("getClass", "(", ")", "!=", "null"));

    private static final List<String> ALLOWED_CONSEQUENCE = List.of("outcomes", ".", "add", "(", "Fault", ".", "ofSpot", "(",
            "\"proposed\"", ",", "Severity", ".", "INFO", ",", "$spot", ",", "\"seen \"", "+", "$spot", ".", "id", "(", ")", ")", ")", ";");

    private static final List<String> ALLOWED_CONSTRAINT = List.of("advertiser", "==", "\"A\"", "&&", "type", "not", "memberOf",
            "$other", ".", "dayparts", "(", ")", "||", "lengthMs", ">", "$other", ".", "lengthMs", "(", ")");

    @Property(tries = 300)
    void refusedCodeInAConsequenceIsRefusedHoweverItIsLaidOut(@ForAll("refusedConsequences") String consequence) {
        assertRefusedWithinItsLines(ruleWithConsequence(consequence), CONSEQUENCE_LINE, consequence);
    }

    @Property(tries = 200)
    void refusedCodeInAConstraintIsRefusedHoweverItIsLaidOut(@ForAll("refusedConstraints") String constraint) {
        assertRefusedWithinItsLines(ruleWithConstraint(constraint), CONSTRAINT_LINE, constraint);
    }

    @Property(tries = 200)
    void refusedNamesSpelledWithUnicodeEscapesAreRefused(@ForAll("escapedConsequences") String consequence) {
        assertThat(inspect(ruleWithConsequence(consequence)).findings())
                .anySatisfy(finding -> assertThat(finding.message()).contains("unicode escape"));
    }

    @Property(tries = 200)
    void anAllowedConsequenceStaysCleanHoweverItIsLaidOut(@ForAll("allowedConsequences") String consequence) {
        DrlInspection.Report report = inspect(ruleWithConsequence(consequence));

        assertThat(report.parseErrors()).isEmpty();
        assertThat(report.findings()).isEmpty();
    }

    @Property(tries = 200)
    void anAllowedConstraintStaysCleanHoweverItIsLaidOut(@ForAll("allowedConstraints") String constraint) {
        DrlInspection.Report report = inspect(ruleWithConstraint(constraint));

        assertThat(report.parseErrors()).isEmpty();
        assertThat(report.findings()).isEmpty();
    }

    private static void assertRefusedWithinItsLines(String drl, int firstLine, String code) {
        DrlInspection.Report report = inspect(drl);
        int lastLine = firstLine + (int) code.chars().filter(c -> c == '\n').count();

        assertThat(report.parseErrors()).as("the DRL parser reads it").isEmpty();
        assertThat(report.findings()).isNotEmpty()
                .allSatisfy(finding -> assertThat(finding.line()).isBetween(firstLine, lastLine));
    }

    @Provide
    Arbitrary<String> refusedConsequences() {
        return Arbitraries.of(REFUSED_CONSEQUENCES).flatMap(DrlLintProperties::laidOut);
    }

    @Provide
    Arbitrary<String> refusedConstraints() {
        return Arbitraries.of(REFUSED_CONSTRAINTS).flatMap(DrlLintProperties::laidOut);
    }

    @Provide
    Arbitrary<String> allowedConsequences() {
        return laidOut(ALLOWED_CONSEQUENCE);
    }

    @Provide
    Arbitrary<String> allowedConstraints() {
        return laidOut(ALLOWED_CONSTRAINT);
    }

    /** A refused consequence with one letter of a name written as a unicode escape (backslash-u0053ystem is System). */
    @Provide
    Arbitrary<String> escapedConsequences() {
        return Arbitraries.of(REFUSED_CONSEQUENCES).flatMap(tokens -> {
            List<Integer> names = IntStream.range(0, tokens.size())
                    .filter(i -> Character.isLetter(tokens.get(i).charAt(0))).boxed().toList();
            return Combinators.combine(Arbitraries.of(names), Arbitraries.integers().between(0, 40),
                    Arbitraries.integers().between(1, 3), Arbitraries.of(true, false)).as((index, at, us, upper) -> {
                        String name = tokens.get(index);
                        int letter = at % name.length();
                        String hex = String.format(upper ? "%04X" : "%04x", (int) name.charAt(letter));
                        String escaped = name.substring(0, letter) + "\\" + "u".repeat(us) + hex + name.substring(letter + 1);
                        List<String> changed = new ArrayList<>(tokens);
                        changed.set(index, escaped);
                        return String.join(" ", changed);
                    });
        });
    }

    /** The tokens with whitespace, line breaks or comments between them, or nothing where Java needs nothing. */
    private static Arbitrary<String> laidOut(List<String> tokens) {
        return gap().list().ofSize(tokens.size() - 1).map(gaps -> {
            StringBuilder code = new StringBuilder(tokens.get(0));
            for (int i = 1; i < tokens.size(); i++) {
                String gap = gaps.get(i - 1);
                boolean wordsMeet = isWordEnd(tokens.get(i - 1)) && isWordStart(tokens.get(i));
                code.append(gap.isEmpty() && wordsMeet ? " " : gap).append(tokens.get(i));
            }
            return code.toString();
        });
    }

    private static Arbitrary<String> gap() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just("")),
                Tuple.of(3, Arbitraries.of(" ", "  ", "\t")),
                Tuple.of(2, Arbitraries.of("\n", "\n        ", " \n\t\n ")),
                Tuple.of(2, Arbitraries.of("/*x*/", " /* System.exit(1) */ ", "/* a\n   b */")),
                Tuple.of(1, Arbitraries.of("// java.io.File\n", " // note\n    ")));
    }

    private static boolean isWordEnd(String token) {
        char last = token.charAt(token.length() - 1);
        return Character.isJavaIdentifierPart(last);
    }

    private static boolean isWordStart(String token) {
        return Character.isJavaIdentifierPart(token.charAt(0));
    }
}
