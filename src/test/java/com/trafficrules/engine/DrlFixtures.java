package com.trafficrules.engine;

import java.util.Map;

/** Small proposed DRL files for the lint tests: one rule on rotation facts, its code on known lines. */
final class DrlFixtures {

    static final String PATH = "rules/rotation/proposed.drl";
    /** The name of the fixtures' rule, and so the fault id its outcomes report. */
    static final String RULE = "proposed";
    static final String HEADER = String.join("\n",
            "package rules.rotation;",
            "",
            "import com.trafficrules.rotation.facts.Fault;",
            "import com.trafficrules.rotation.facts.Severity;",
            "import com.trafficrules.rotation.facts.Spot;",
            "",
            "global com.trafficrules.engine.Outcomes outcomes;",
            "");
    /** The line {@link #ruleWithConsequence} puts the consequence's first line on. */
    static final int CONSEQUENCE_LINE = 12;
    /** The line {@link #ruleWithConstraint} puts the constraint's first line on. */
    static final int CONSTRAINT_LINE = 11;
    /** The line {@link #ruleWithCondition} puts the condition on. */
    static final int CONDITION_LINE = 10;
    /** The line {@link #ruleWithAttribute} puts the attribute on. */
    static final int ATTRIBUTE_LINE = 9;
    /** The line {@link #declaring} puts the declarations' first line on. */
    static final int DECLARATIONS_LINE = 8;

    private DrlFixtures() {
    }

    static DrlInspection.Report inspect(String drl) {
        return DrlInspection.inspect(RulesetFiles.of(Map.of(PATH, drl)));
    }

    /** A rule matching any spot as {@code $spot}, whose consequence is {@code consequence}. */
    static String ruleWithConsequence(String consequence) {
        return HEADER + rule(RULE, null, "$spot : Spot( )", consequence);
    }

    /** Rules named {@code names}, each matching any spot as {@code $spot}, with the consequence {@code consequence}. */
    static String rulesNamed(String consequence, String... names) {
        StringBuilder drl = new StringBuilder(HEADER);
        for (String name : names) {
            drl.append(rule(name, null, "$spot : Spot( )", consequence));
        }
        return drl.toString();
    }

    /** A rule with a spot {@code $other}, then a spot {@code $spot} constrained by {@code constraint}. */
    static String ruleWithConstraint(String constraint) {
        return HEADER + rule(RULE, null, "$other : Spot( )\n    $spot : Spot( " + constraint + " )",
                "outcomes.add(Fault.pair(\"" + RULE + "\", Severity.INFO, $spot, $other, \"seen\"));");
    }

    /** A rule whose only condition is {@code condition}, on {@link #CONDITION_LINE}. */
    static String ruleWithCondition(String condition) {
        return HEADER + rule(RULE, null, condition, "");
    }

    /** A rule with the attribute {@code attribute}, on {@link #ATTRIBUTE_LINE}. */
    static String ruleWithAttribute(String attribute) {
        return HEADER + rule(RULE, attribute, "Spot( )", "");
    }

    /** {@code declarations} (declared types) from {@link #DECLARATIONS_LINE} on, and a rule on any spot. */
    static String declaring(String declarations) {
        return HEADER + declarations + "\n" + rule(RULE, null, "Spot( )", "");
    }

    /** A rule named {@code name}: its attribute line if any, then {@code when} and {@code then}, indented. */
    private static String rule(String name, String attribute, String when, String then) {
        return String.join("\n",
                "rule \"" + name + "\"" + (attribute == null ? "" : "\n    " + attribute),
                "when",
                "    " + when,
                "then",
                "    " + then,
                "end",
                "");
    }
}
