package com.trafficrules.engine;

import static com.trafficrules.engine.SourceLines.lineOf;
import static com.trafficrules.engine.SourceLines.lineWhere;

import com.trafficrules.engine.JavaFragmentChecker.Fragment;
import com.trafficrules.engine.JavaFragmentChecker.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AbstractClassTypeDeclarationDescr;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AccumulateImportDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalBranchDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EntryPointDescr;
import org.drools.drl.ast.descr.EnumDeclarationDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.FunctionImportDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.GroupByDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NamedConsequenceDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;
import org.drools.drl.ast.descr.WindowDeclarationDescr;

/**
 * Drools 10 has no sandbox: a consequence or constraint can run any Java the JVM can. So a proposed DRL may
 * use only what {@link DrlAllowlist} lists: the project's fact classes, a table of {@code java.time},
 * {@code java.util} and {@code java.lang} types and their pure methods, reporting only through the global
 * {@code outcomes}. It may not declare functions, import them, use {@code eval}, reach the engine runtime
 * ({@code drools}, {@code kcontext}) or touch reflection.
 *
 * <p>This class walks the parsed DRL and checks its structure (imports, globals, functions, eval, pattern
 * types, attributes) on the descriptors; the rest it hands on: the file's text to {@link InvisibleCode}, every
 * piece of Java the descriptors carry (consequences, constraints, {@code from} and accumulate expressions,
 * attribute expressions, initial values, enum arguments) to {@link JavaFragmentChecker}, which parses it with
 * JavaParser, each consequence's syntax tree to {@link ReportedIds}, and where each sits in the file to
 * {@link SourceLines}. A construct it cannot vouch for is a finding.
 */
final class DrlLint {

    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*");
    /** Attributes that need a running session's clock or calendars; these rules run in stateless sessions. */
    private static final Set<String> SESSION_ATTRIBUTES = Set.of("timer", "duration", "calendars");
    private static final String JAVA_DIALECT = "java";

    private final String path;
    private final String source;
    private final Set<String> queryNames;
    private final DrlAllowlist allowlist;
    private final JavaFragmentChecker checker;
    private final List<LintFinding> findings = new ArrayList<>();

    private DrlLint(String path, String source, Set<String> declaredTypes, Set<String> queryNames) {
        this.path = path;
        this.source = source;
        this.queryNames = queryNames;
        this.allowlist = new DrlAllowlist(declaredTypes);
        this.checker = new JavaFragmentChecker(allowlist);
    }

    static List<LintFinding> check(Map<String, PackageDescr> parsedByPath, Map<String, String> sources) {
        // Declared types and queries are visible by their simple names in the files of their own package.
        Map<String, Set<String>> declaredByPackage = new HashMap<>();
        Map<String, Set<String>> queriesByPackage = new HashMap<>();
        parsedByPath.values().forEach(pkg -> {
            Set<String> declared = declaredByPackage.computeIfAbsent(pkg.getName(), name -> new HashSet<>());
            pkg.getTypeDeclarations().forEach(type -> declared.add(type.getTypeName()));
            pkg.getEnumDeclarations().forEach(type -> declared.add(type.getTypeName()));
            pkg.getRules().stream().filter(QueryDescr.class::isInstance).forEach(query ->
                    queriesByPackage.computeIfAbsent(pkg.getName(), name -> new HashSet<>()).add(query.getName()));
        });
        List<LintFinding> findings = new ArrayList<>();
        parsedByPath.forEach((path, pkg) -> {
            DrlLint lint = new DrlLint(path, sources.get(path), declaredByPackage.get(pkg.getName()),
                    queriesByPackage.getOrDefault(pkg.getName(), Set.of()));
            try {
                lint.checkPackage(pkg);
            } catch (StackOverflowError e) {
                lint.reportOn(1, "the file " + DrlInspection.OUT_OF_STACK);
            }
            findings.addAll(lint.findings);
        });
        return findings;
    }

    private void checkPackage(PackageDescr pkg) {
        InvisibleCode.check(source, this::reportOn);
        for (ImportDescr anImport : pkg.getImports()) {
            checkImport(anImport);
        }
        for (FunctionImportDescr functionImport : pkg.getFunctionImports()) {
            report(functionImport, "import function " + functionImport.getTarget()
                    + ": rules may not call functions; put the logic in a fact class");
        }
        for (AccumulateImportDescr accumulateImport : pkg.getAccumulateImports()) {
            report(accumulateImport, "import accumulate " + accumulateImport.getTarget()
                    + ": custom accumulate functions run code of their own; use the built-in ones");
        }
        for (WindowDeclarationDescr window : pkg.getWindowDeclarations()) {
            report(window, "declare window " + window.getName() + ": windows are not used by these rules");
        }
        for (FunctionDescr function : pkg.getFunctions()) {
            report(function, "function " + function.getName() + ": DRL functions are not allowed; put the logic in a fact class");
        }
        if (pkg.getUnit() != null) {
            report(pkg.getUnit(), "unit " + pkg.getUnit().getTarget() + ": rule units are not used by these rules");
        }
        for (GlobalDescr global : pkg.getGlobals()) {
            if (!global.getIdentifier().equals(Outcomes.GLOBAL) || !global.getType().equals(DrlAllowlist.OUTCOMES_TYPE)) {
                report(global, "global " + global.getType() + " " + global.getIdentifier() + ": the only global is "
                        + DrlAllowlist.OUTCOMES_TYPE + " " + Outcomes.GLOBAL);
            }
        }
        for (AbstractClassTypeDeclarationDescr type : pkg.getClassAndEnumDeclarationDescrs()) {
            if (DrlAllowlist.isJavaLangName(type.getTypeName())) {
                report(type, "declared type " + type.getTypeName() + ": a declared type may not take the name of a java.lang "
                        + "type, which the code of other packages would still mean");
            }
        }
        for (TypeDeclarationDescr type : pkg.getTypeDeclarations()) {
            type.getSuperTypes().forEach(superType -> checkType(type, superType.getFullName(),
                    "declared type " + type.getTypeName() + " extends"));
            checkFields(type, type.getTypeName());
        }
        for (EnumDeclarationDescr type : pkg.getEnumDeclarations()) {
            checkFields(type, type.getTypeName());
            type.getLiterals().forEach(literal -> literal.getConstructorArgs().forEach(argument ->
                    checkCode(Kind.EXPRESSION, argument, lineOf(literal, type),
                            "declared enum " + type.getTypeName() + "." + literal.getName() + " argument", Set.of())));
        }
        for (AttributeDescr attribute : pkg.getAttributes()) {
            checkAttribute(attribute, "package attribute " + attribute.getName(), lineOf(attribute), Set.of());
        }
        for (RuleDescr rule : pkg.getRules()) {
            checkRule(rule);
        }
    }

    private void checkImport(ImportDescr anImport) {
        String target = anImport.getTarget();
        if (DrlAllowlist.allowsImport(target)) {
            allowlist.addImport(target);
        } else {
            report(anImport, "import " + target + ": rules may import only the fact classes (com.trafficrules.<feature>.facts) "
                    + "and the allowed java.time, java.util and java.lang types");
        }
    }

    private void checkFields(AbstractClassTypeDeclarationDescr type, String typeName) {
        type.getFields().values().forEach(field -> {
            String construct = "declared field " + typeName + "." + field.getFieldName();
            checkType(field, field.getPattern().getObjectType(), construct);
            checkCode(Kind.EXPRESSION, field.getInitExpr(), lineWhere(source, field.getInitExpr(), lineOf(field, type)),
                    construct + " initial value", Set.of());
        });
    }

    /**
     * Attributes are data (strings, numbers, dates, booleans), but for expressions (salience, enabled), which
     * are code; the dialect must be Java because the lint reads code as Java.
     */
    private void checkAttribute(AttributeDescr attribute, String construct, int line, Set<String> bindings) {
        String name = attribute.getName();
        if (name.equals("dialect") && !JAVA_DIALECT.equals(attribute.getValue())) {
            reportOn(line, construct + " \"" + attribute.getValue() + "\": the lint reads rules as Java; only dialect \"java\" is allowed");
        } else if (SESSION_ATTRIBUTES.contains(name)) {
            reportOn(line, construct + ": timers and calendars need a running session; these rules run in stateless sessions");
        } else if (attribute.getType() == AttributeDescr.Type.EXPRESSION) {
            checkCode(Kind.EXPRESSION, attribute.getValue(), line, construct, bindings);
        }
    }

    private void checkRule(RuleDescr rule) {
        boolean query = rule instanceof QueryDescr;
        String where = (query ? "query \"" : "rule \"") + rule.getName() + "\"";
        RuleScope scope = new RuleScope();
        if (rule instanceof QueryDescr queryDescr) {
            String[] parameters = queryDescr.getParameters();
            String[] types = queryDescr.getParameterTypes();
            for (int i = 0; parameters != null && i < parameters.length; i++) {
                bind(scope, parameters[i], rule, where + " parameter");
                checkType(rule, types[i], where + " parameter " + parameters[i]);
            }
        }
        rule.getAttributes().values().forEach(attribute -> scope.attributes.add(attribute));
        checkCondition(rule.getLhs(), rule, where, scope);
        if (rule.getConsequence() instanceof String consequence) {
            int then = rule.getConsequenceLine() > 0 ? rule.getConsequenceLine() : lineOf(rule);
            scope.fragments.add(new Fragment(Kind.CONSEQUENCE, consequence, lineWhere(source, consequence, then),
                    where + " consequence", Set.of()));
        }
        rule.getNamedConsequences().forEach((name, consequence) -> {
            if (consequence instanceof String code) {
                scope.fragments.add(new Fragment(Kind.CONSEQUENCE, code, lineWhere(source, code, lineOf(rule)),
                        where + " consequence " + name, Set.of()));
            }
        });
        // Every fragment sees every binding of the rule. A binding used where it is not visible (a binding of a
        // not( ... ) in the consequence) cannot mean anything else, since only bindings start with $: the
        // compiler refuses it.
        Set<String> bindings = Set.copyOf(scope.bindings);
        scope.attributes.forEach(attribute ->
                checkAttribute(attribute, where + " attribute " + attribute.getName(), lineOf(attribute, rule), bindings));
        scope.fragments.forEach(fragment -> checker.check(fragment.withBindings(bindings), this::reportOn)
                .filter(tree -> fragment.kind() == Kind.CONSEQUENCE)
                .ifPresent(consequence -> ReportedIds.check(rule.getName(), consequence, fragment.firstLine(), this::reportOn)));
    }

    /** What a rule's conditions bind, and the code they carry, gathered before any of it is checked. */
    private static final class RuleScope {
        final Set<String> bindings = new LinkedHashSet<>();
        final List<Fragment> fragments = new ArrayList<>();
        final List<AttributeDescr> attributes = new ArrayList<>();
    }

    private void checkCondition(BaseDescr descr, BaseDescr parent, String where, RuleScope scope) {
        if (descr == null) {
            return;
        }
        BaseDescr located = descr.getLine() > 0 ? descr : parent;
        if (descr instanceof EvalDescr) {
            report(located, where + ": eval(...) is not allowed; write the test as a constraint on a fact");
        } else if (descr instanceof PatternDescr pattern) {
            checkPattern(pattern, located, where, scope);
        } else if (descr instanceof ExprConstraintDescr constraint) {
            checkConstraint(constraint, located, where, scope);
        } else if (descr instanceof FromDescr from) {
            String code = from.getDataSource().getText();
            scope.fragments.add(new Fragment(Kind.EXPRESSION, code, lineWhere(source, code, lineOf(located)),
                    where + " from", Set.of()));
        } else if (descr instanceof AccumulateDescr accumulate) {
            checkAccumulate(accumulate, located, where, scope);
        } else if (descr instanceof CollectDescr collect) {
            checkCondition(collect.getInputPattern(), located, where, scope);
        } else if (descr instanceof ConditionalBranchDescr) {
            report(located, where + ": conditional branches (if ... do[...]) are not allowed; write separate rules");
        } else if (descr instanceof ConditionalElementDescr element) {
            element.getDescrs().forEach(child -> checkCondition(child, located, where, scope));
        } else if (!(descr instanceof NamedConsequenceDescr) && !(descr instanceof EntryPointDescr)) {
            report(located, where + ": " + descr.getClass().getSimpleName() + " is a condition the lint does not know");
        }
    }

    private void checkPattern(PatternDescr pattern, BaseDescr located, String where, RuleScope scope) {
        if (pattern.getIdentifier() != null) {
            bind(scope, pattern.getIdentifier(), located, where + " pattern " + pattern.getObjectType());
        }
        if (!queryNames.contains(pattern.getObjectType())) {
            checkType(located, pattern.getObjectType(), where + " pattern");
        }
        if (!pattern.getBehaviors().isEmpty()) {
            report(located, where + ": pattern " + pattern.getObjectType() + " over window: windows are not used by these rules");
        }
        pattern.getDescrs().forEach(constraint -> checkCondition(constraint, located, where, scope));
        checkCondition(pattern.getSource(), located, where, scope);
    }

    private void checkConstraint(ExprConstraintDescr constraint, BaseDescr located, String where, RuleScope scope) {
        String expression = constraint.getExpression();
        if (constraint.getType() == ExprConstraintDescr.Type.POSITIONAL && IDENTIFIER.matcher(expression.strip()).matches()) {
            // Spot( $id; ) binds $id to the first field.
            bind(scope, expression.strip(), located, where + " constraint");
            return;
        }
        DrlConstraintRewriter.rewrite(expression).bindings().forEach(name -> bind(scope, name, located, where + " constraint"));
        scope.fragments.add(new Fragment(Kind.CONSTRAINT, expression, lineOf(located), where + " constraint", Set.of()));
    }

    private void checkAccumulate(AccumulateDescr accumulate, BaseDescr located, String where, RuleScope scope) {
        if (accumulate instanceof GroupByDescr) {
            report(located, where + ": groupby is not used by these rules; accumulate with the built-in functions");
        }
        if (accumulate.getInitCode() != null || accumulate.getActionCode() != null || accumulate.getReverseCode() != null
                || accumulate.getResultCode() != null) {
            report(located, where + ": accumulate with init/action/reverse/result code runs code of its own; "
                    + "use the built-in accumulate functions (sum, count, collectList, ...)");
        }
        accumulate.getFunctions().forEach(function -> {
            if (function.getBind() != null) {
                bind(scope, function.getBind(), located, where + " accumulate " + function.getFunction());
            }
            if (!DrlAllowlist.isBuiltInAccumulateFunction(function.getFunction())) {
                report(located, where + " accumulate " + function.getFunction() + ": only the built-in accumulate functions are allowed");
            }
            for (String parameter : function.getParams()) {
                scope.fragments.add(new Fragment(Kind.EXPRESSION, parameter,
                        lineWhere(source, parameter, lineOf(located)),
                        where + " accumulate " + function.getFunction(), Set.of()));
            }
        });
        BaseDescr input = accumulate.getInput();
        if (input != null) {
            checkCondition(input, located, where, scope);
        } else {
            accumulate.getDescrs().forEach(child -> checkCondition(child, located, where, scope));
        }
    }

    /**
     * Records a binding of the rule. Its name must start with $: a binding named like a package or a type
     * ({@code java : advertiser}, {@code System : Spot()}) would make a dotted name mean one thing to the lint
     * and perhaps another to MVEL, which reads the constraints.
     */
    private void bind(RuleScope scope, String name, BaseDescr where, String construct) {
        if (!name.startsWith("$")) {
            report(where, construct + " binds " + name + ": binding names start with $, so they cannot be read as a package or a type");
        }
        scope.bindings.add(name);
    }

    /** A type named by the DRL structure: a pattern, a declared field, a supertype, a query parameter. */
    private void checkType(BaseDescr where, String typeName, String construct) {
        if (typeName != null && !typeName.isBlank()) {
            checkCode(Kind.TYPE, typeName, lineOf(where), construct, Set.of());
        }
    }

    private void checkCode(Kind kind, String code, int firstLine, String construct, Set<String> bindings) {
        checker.check(new Fragment(kind, code, firstLine, construct, bindings), this::reportOn);
    }

    private void reportOn(int line, String message) {
        findings.add(new LintFinding(path, Math.max(line, 1), message));
    }

    private void report(BaseDescr where, String message) {
        reportOn(lineOf(where), message);
    }
}
