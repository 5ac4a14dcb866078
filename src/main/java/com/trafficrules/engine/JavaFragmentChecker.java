package com.trafficrules.engine;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.PatternExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.AssertStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.UnparsableStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses one piece of Java a DRL file carries with JavaParser and checks its syntax tree against the
 * {@link DrlAllowlist}. A consequence is read as a block of statements; constraints (after
 * {@link DrlConstraintRewriter}), {@code from} and accumulate expressions, attribute expressions and initial
 * values are read as expressions. What does not parse is a finding.
 *
 * <p>Refused: loops, labels, try/catch/throw, synchronized, assert, local and anonymous classes, lambdas and
 * method references (a lambda hands code to other code: {@code Stream.iterate(0, i -> i + 1)} loops without
 * a loop statement and a {@code Runnable} is a thread's body, and the lint cannot follow code into the
 * library), text blocks, class literals, {@code this} and {@code super} outside constraints, assignment to
 * anything but a local variable of the same fragment, calls without a receiver outside constraints (DRL
 * functions and the engine's {@code insert}/{@code update}/{@code delete}), static methods not on the
 * allowlist, and instance members that reach reflection, threads or the process.
 */
final class JavaFragmentChecker {

    /** How a fragment is read, and what its bare names mean. */
    enum Kind {
        /** A rule's consequence: a block; names are locals, bindings or {@code outcomes}. */
        CONSEQUENCE,
        /** A pattern's constraint: an expression on a fact; bare names and calls are the fact's properties and methods. */
        CONSTRAINT,
        /** Any other expression ({@code from}, accumulate, attributes, initial values): names are bindings. */
        EXPRESSION,
        /** A type the DRL structure names: a pattern's, a declared field's, a supertype, a query parameter's. */
        TYPE
    }

    /** A fragment: how to read it, its text, the file line its text starts on, its name in findings, the rule's bindings. */
    record Fragment(Kind kind, String code, int firstLine, String construct, Set<String> bindings) {

        Fragment withBindings(Set<String> ruleBindings) {
            return new Fragment(kind, code, firstLine, construct, ruleBindings);
        }
    }

    private static final Map<Class<? extends Node>, String> REFUSED_NODES = new LinkedHashMap<>();

    static {
        String loop = "rules may not loop; a rule fires once for each match";
        REFUSED_NODES.put(ForStmt.class, "a for loop: " + loop);
        REFUSED_NODES.put(ForEachStmt.class, "a for-each loop: " + loop);
        REFUSED_NODES.put(WhileStmt.class, "a while loop: " + loop);
        REFUSED_NODES.put(DoStmt.class, "a do-while loop: " + loop);
        REFUSED_NODES.put(ContinueStmt.class, "continue: " + loop);
        REFUSED_NODES.put(LabeledStmt.class, "a labeled statement: labels only serve loops, which rules may not have");
        REFUSED_NODES.put(TryStmt.class, "try: rules may not catch exceptions");
        REFUSED_NODES.put(CatchClause.class, "catch: rules may not catch exceptions");
        REFUSED_NODES.put(ThrowStmt.class, "throw: rules report through outcomes, not by throwing");
        REFUSED_NODES.put(SynchronizedStmt.class, "synchronized: rules may not take locks");
        REFUSED_NODES.put(AssertStmt.class, "assert: rules report through outcomes");
        REFUSED_NODES.put(LocalClassDeclarationStmt.class, "a local class: rules may not declare classes; use declare or a fact class");
        REFUSED_NODES.put(LocalRecordDeclarationStmt.class, "a local record: rules may not declare classes; use declare or a fact class");
        REFUSED_NODES.put(ExplicitConstructorInvocationStmt.class, "a constructor call: rules are not constructors");
        REFUSED_NODES.put(UnparsableStmt.class, "a statement that cannot be parsed");
        String code = "the lint cannot follow code handed to the library (Stream.iterate never ends, a Runnable is a thread's body); "
                + "write the steps out or put them in a fact class";
        REFUSED_NODES.put(LambdaExpr.class, "a lambda: " + code);
        REFUSED_NODES.put(MethodReferenceExpr.class, "a method reference: " + code);
        REFUSED_NODES.put(TextBlockLiteralExpr.class, "a text block (\"\"\"): write a string literal");
        REFUSED_NODES.put(ClassExpr.class, "a .class literal (reflection)");
        REFUSED_NODES.put(SuperExpr.class, "super: rules have no superclass to call");
        REFUSED_NODES.put(AnnotationExpr.class, "an annotation: rules need none");
        REFUSED_NODES.put(PatternExpr.class, "a pattern (instanceof Type name): cast instead");
    }

    private static final ParserConfiguration CONFIGURATION = new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
            .setAttributeComments(false)
            // Unicode escapes are refused in the whole file before any fragment is read.
            .setPreprocessUnicodeEscapes(false);

    private final DrlAllowlist allowlist;

    JavaFragmentChecker(DrlAllowlist allowlist) {
        this.allowlist = allowlist;
    }

    /** Checks {@code fragment}; its syntax tree, for checks of their own, when it could be read. */
    Optional<Node> check(Fragment fragment, Findings findings) {
        if (fragment.code() == null || fragment.code().isBlank()) {
            return Optional.empty();
        }
        Findings once = deduplicated(findings);
        String java = fragment.code();
        if (fragment.kind() == Kind.CONSTRAINT) {
            DrlConstraintRewriter.Rewritten rewritten = DrlConstraintRewriter.rewrite(java);
            rewritten.problems().forEach(problem ->
                    once.report(fragment.firstLine() + problem.line() - 1, fragment.construct() + " " + problem.message()));
            if (!rewritten.problems().isEmpty()) {
                return Optional.empty();
            }
            java = rewritten.java();
        }
        try {
            return parseAndWalk(fragment, java, once);
        } catch (StackOverflowError e) {
            once.report(fragment.firstLine(), fragment.construct() + " is nested too deeply for the lint to read");
            return Optional.empty();
        }
    }

    private Optional<Node> parseAndWalk(Fragment fragment, String java, Findings findings) {
        JavaParser parser = new JavaParser(CONFIGURATION);
        ParseResult<? extends Node> parsed = switch (fragment.kind()) {
            case CONSEQUENCE -> parser.parseBlock("{" + java + "\n}");
            case TYPE -> parser.parseType(java);
            case CONSTRAINT, EXPRESSION -> parser.parseExpression(java);
        };
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            Problem problem = parsed.getProblems().isEmpty() ? null : parsed.getProblems().get(0);
            int line = problem == null ? 1 : problem.getLocation().flatMap(range -> range.getBegin().getRange())
                    .map(range -> range.begin.line).orElse(1);
            findings.report(fragment.firstLine() + line - 1, fragment.construct() + " cannot be parsed as Java ("
                    + summary(problem) + "); the lint refuses code it cannot read");
            return Optional.empty();
        }
        Node tree = parsed.getResult().get();
        new Walk(fragment, findings, tree).run();
        return Optional.of(tree);
    }

    private static Findings deduplicated(Findings findings) {
        Set<String> seen = new HashSet<>();
        return (line, message) -> {
            if (seen.add(line + "\n" + message)) {
                findings.report(line, message);
            }
        };
    }

    private static String summary(Problem problem) {
        if (problem == null) {
            return "no result";
        }
        String message = problem.getMessage().lines().findFirst().orElse("").strip();
        int expected = message.indexOf(", expected");
        return expected > 0 ? message.substring(0, expected) : message;
    }

    /** One pass over one fragment's syntax tree. */
    private final class Walk {

        private final Fragment fragment;
        private final Findings findings;
        private final Node root;
        private final JavaNames names;

        Walk(Fragment fragment, Findings findings, Node root) {
            this.fragment = fragment;
            this.findings = findings;
            this.root = root;
            this.names = new JavaNames(allowlist, fragment.kind(), fragment.bindings(), LocalVariables.of(root), this::report);
        }

        void run() {
            root.walk(Node.TreeTraversal.PREORDER, this::visit);
        }

        private void visit(Node node) {
            for (Map.Entry<Class<? extends Node>, String> refused : REFUSED_NODES.entrySet()) {
                if (refused.getKey().isInstance(node)) {
                    report(node, " has " + refused.getValue());
                    return;
                }
            }
            if (node instanceof BreakStmt brk && brk.getLabel().isPresent()) {
                report(node, " has a labeled break: labels only serve loops, which rules may not have");
            } else if (node instanceof ThisExpr self) {
                visitThis(self);
            } else if (node instanceof MethodCallExpr call) {
                visitCall(call);
            } else if (node instanceof ObjectCreationExpr creation) {
                visitCreation(creation);
            } else if (node instanceof AssignExpr assign) {
                checkTarget(assign.getTarget());
            } else if (node instanceof UnaryExpr unary && isIncrementOrDecrement(unary.getOperator())) {
                checkTarget(unary.getExpression());
            } else if (node instanceof ClassOrInterfaceType type && isStandaloneType(type)) {
                names.resolveType(type);
            } else if (node instanceof NameExpr || node instanceof FieldAccessExpr) {
                visitName((Expression) node);
            }
        }

        private void visitThis(ThisExpr self) {
            if (fragment.kind() != Kind.CONSTRAINT || self.getTypeName().isPresent()) {
                report(self, " uses this: outside a constraint it is the engine's generated class");
            }
        }

        private void visitCall(MethodCallExpr call) {
            String method = call.getNameAsString();
            Optional<Expression> scope = call.getScope();
            if (scope.isEmpty()) {
                if (fragment.kind() != Kind.CONSTRAINT) {
                    report(call, " calls " + method + "(...) without a receiver: rules have no functions, and the engine's "
                            + "helpers (insert, update, delete, ...) are not allowed; report through outcomes");
                } else {
                    names.checkMember(call, method, " calls ");
                }
                return;
            }
            Optional<List<String>> dotted = JavaNames.dottedName(scope.get());
            if (dotted.isEmpty()) {
                names.checkMember(call, method, " calls ");
                return;
            }
            JavaNames.Resolution receiver = names.resolve(dotted.get(), scope.get());
            switch (receiver.meaning()) {
                case REFUSED -> { }
                case OUTCOMES -> {
                    if (!DrlAllowlist.isOutcomesMethod(method)) {
                        report(call, " calls outcomes." + method + ", which is not a method of " + DrlAllowlist.OUTCOMES_TYPE);
                    }
                }
                case TYPE -> {
                    if (!DrlAllowlist.allowsStatic(receiver.type(), method)) {
                        report(call, " calls " + receiver.type().name() + "." + method + ", which is not on the allowlist of "
                                + "methods of " + receiver.type().name() + " (no static mutators, clocks or JVM-wide state)");
                    }
                }
                case VALUE, STATIC_FIELD -> names.checkMember(call, method, " calls ");
            }
        }

        private void visitCreation(ObjectCreationExpr creation) {
            if (creation.getAnonymousClassBody().isPresent()) {
                report(creation, " declares an anonymous class: rules may not declare classes");
            }
            if (creation.getScope().isPresent()) {
                report(creation, " creates an inner class instance (outer.new ...)");
            }
            names.resolveType(creation.getType()).filter(type -> !DrlAllowlist.allowsNew(type)).ifPresent(type ->
                    report(creation, " creates " + type.name() + ", which rules may not construct"));
        }

        private void checkTarget(Expression target) {
            boolean local = target instanceof NameExpr name && names.isLocalAt(name.getNameAsString(), name)
                    || target instanceof ArrayAccessExpr element && element.getName() instanceof NameExpr array
                    && names.isLocalAt(array.getNameAsString(), array);
            if (!local) {
                report(target, " assigns to " + target + ": only local variables declared in the same fragment may be assigned");
            }
        }

        /** A dotted name is looked at once, where it is whole, and not where a call looks at it as its receiver. */
        private void visitName(Expression name) {
            Node parent = name.getParentNode().orElse(null);
            Optional<List<String>> dotted = JavaNames.dottedName(name);
            if (dotted.isEmpty()) {
                // A field read on a value that is not a name: foo().bar
                names.checkMember(name, ((FieldAccessExpr) name).getNameAsString(), " reads ");
                return;
            }
            boolean partOfLonger = parent instanceof FieldAccessExpr access && access.getScope() == name;
            boolean receiver = parent instanceof MethodCallExpr call && call.getScope().orElse(null) == name;
            boolean caseLabel = parent instanceof SwitchEntry entry && entry.getLabels().contains(name);
            if (!partOfLonger && !receiver && !caseLabel) {
                names.resolve(dotted.get(), name);
            }
        }

        private boolean isStandaloneType(ClassOrInterfaceType type) {
            Node parent = type.getParentNode().orElse(null);
            boolean scopeOfLonger = parent instanceof ClassOrInterfaceType outer && outer.getScope().orElse(null) == type;
            boolean created = parent instanceof ObjectCreationExpr creation && creation.getType() == type;
            return !scopeOfLonger && !created;
        }

        private void report(Node at, String what) {
            int line = at.getBegin().map(position -> position.line).orElse(1);
            findings.report(fragment.firstLine() + line - 1, fragment.construct() + what);
        }
    }

    private static boolean isIncrementOrDecrement(UnaryExpr.Operator operator) {
        return operator == UnaryExpr.Operator.PREFIX_INCREMENT || operator == UnaryExpr.Operator.PREFIX_DECREMENT
                || operator == UnaryExpr.Operator.POSTFIX_INCREMENT || operator == UnaryExpr.Operator.POSTFIX_DECREMENT;
    }
}
