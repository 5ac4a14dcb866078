package com.trafficrules.engine;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import java.util.Optional;

/**
 * A rule is named after the fault or status id it reports, and the id is written twice: in {@code rule "x"} and
 * in the outcome its consequence reports. This checks that the two agree, so that a typo in either does not
 * give a fault an id no rule has.
 *
 * <p>When several rules report one id (one policy, several cases), each rule's name is the id, a colon and a
 * space, and what its case is: {@code rule "break-position: sold first"} reports {@code break-position}. The id
 * is the name up to the first {@code ": "}.
 *
 * <p>The id an outcome reports is the first string-literal argument of the call that builds it inside
 * {@code outcomes.add(...)}: a fact's factory ({@code Fault.ofSpot("break-position", ...)}) or constructor
 * ({@code new Ineligible($asset.uri(), "cooldown", ...)}). An outcome the lint cannot read an id from is not
 * judged: one built before the call (a local, a binding) or one whose arguments hold no string literal, which
 * reports its id through a variable or has none. Refusing those would refuse working rules on a guess, and the
 * rule's scenarios still check what it reports. Ids are meant to be literals, though: an id passed through a
 * variable beside a literal message is read as that message, and refused.
 */
final class ReportedIds {

    private static final String QUALIFIER = ": ";
    private static final String REPORTING_METHOD = "add";

    private ReportedIds() {
    }

    /** The fault or status id the rule named {@code ruleName} reports. */
    private static String idOf(String ruleName) {
        int qualifier = ruleName.indexOf(QUALIFIER);
        return qualifier < 0 ? ruleName : ruleName.substring(0, qualifier);
    }

    /** Reports every outcome of {@code consequence} (starting on {@code firstLine}) whose id is not its rule's. */
    static void check(String ruleName, Node consequence, int firstLine, Findings findings) {
        String id = idOf(ruleName);
        for (MethodCallExpr report : consequence.findAll(MethodCallExpr.class, ReportedIds::reportsAnOutcome)) {
            reportedId(report.getArgument(0)).filter(reported -> !reported.asString().equals(id)).ifPresent(reported -> {
                int line = firstLine + reported.getBegin().map(position -> position.line).orElse(1) - 1;
                findings.report(line, "rule \"" + ruleName + "\" reports \"" + reported.asString() + "\": a rule reports "
                        + "the id it is named after, \"" + id + "\" (rules sharing an id are named \"<id>" + QUALIFIER + "<case>\")");
            });
        }
    }

    /** {@code outcomes.add(x)}: a consequence cannot declare a local named like the global, so this is the collector. */
    private static boolean reportsAnOutcome(MethodCallExpr call) {
        return call.getNameAsString().equals(REPORTING_METHOD) && call.getArguments().size() == 1
                && call.getScope().filter(scope -> scope instanceof NameExpr name
                        && name.getNameAsString().equals(Outcomes.GLOBAL)).isPresent();
    }

    private static Optional<StringLiteralExpr> reportedId(Expression outcome) {
        NodeList<Expression> arguments;
        if (outcome instanceof MethodCallExpr factory) {
            arguments = factory.getArguments();
        } else if (outcome instanceof ObjectCreationExpr constructor) {
            arguments = constructor.getArguments();
        } else {
            return Optional.empty();
        }
        return arguments.stream().filter(Expression::isStringLiteralExpr).map(Expression::asStringLiteralExpr).findFirst();
    }
}
