package com.trafficrules.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AccumulateImportDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalBranchDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.FunctionImportDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;
import org.drools.drl.ast.descr.WindowDeclarationDescr;

/**
 * Drools 10 has no sandbox: a consequence or constraint can run any Java the JVM can. So a proposed DRL may
 * use only an allowlist: the project's fact classes, {@code java.time}, {@code java.util} (less the few
 * classes that load code, start threads or open files) and a handful of {@code java.lang} value types,
 * reporting only through the global {@code outcomes}. It may not declare functions, import them, use
 * {@code eval}, reach the engine runtime ({@code drools}, {@code kcontext}) or touch reflection.
 *
 * <p>The check works on the parsed DRL: structure (imports, globals, functions, eval, pattern types) from the
 * descriptors, and every piece of code the descriptors carry (constraints, consequences, {@code from} and
 * accumulate expressions, attribute expressions) scanned for the types and members it names, with string
 * literals and comments blanked first. A name it cannot vouch for is a finding: the list is an allowlist.
 */
final class DrlLint {

    private static final Pattern FACT_IMPORT = Pattern.compile("com\\.trafficrules\\.[a-z][a-z0-9_]*\\.facts\\.(\\*|[A-Z]\\w*(\\.[A-Z]\\w*)*)");
    private static final Pattern TIME_IMPORT = Pattern.compile("java\\.time(\\.[a-z]+)*\\.(\\*|[A-Z]\\w*)");
    private static final Pattern UTIL_IMPORT = Pattern.compile("java\\.util\\.(\\*|[A-Z]\\w*)");
    private static final String MATH = "java.lang.Math";
    /** java.util classes that load classes, start threads or open files. */
    private static final Set<String> UTIL_DENIED = Set.of("ServiceLoader", "Timer", "TimerTask", "Scanner", "Formatter",
            "ResourceBundle", "PropertyResourceBundle", "ListResourceBundle");
    /** java.lang types usable without an import that can neither reflect nor reach the system. */
    private static final Set<String> LANG_ALLOWED = Set.of("String", "Math", "Integer", "Long", "Double", "Float", "Short",
            "Byte", "Boolean", "Character", "Number", "Object", "CharSequence", "StringBuilder", "Comparable", "Iterable");
    /** Members that open reflection, class loading, threads or the process, on whatever receiver. */
    private static final Set<String> DENIED_MEMBERS = Set.of("getClass", "forName", "getClassLoader", "getContextClassLoader",
            "loadClass", "getDeclaredMethod", "getDeclaredMethods", "getDeclaredField", "getDeclaredFields",
            "getDeclaredConstructor", "getDeclaredConstructors", "getMethod", "getMethods", "getField", "getFields",
            "getConstructor", "getConstructors", "invoke", "newInstance", "setAccessible", "getRuntime", "exec", "exit",
            "halt", "wait", "notify", "notifyAll", "classLoader", "contextClassLoader", "declaredMethods", "declaredFields");
    private static final String OUTCOMES_TYPE = Outcomes.class.getName();

    private static final Pattern LITERALS_AND_COMMENTS = Pattern.compile(
            "\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'|//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);
    /** a.b.Type, not part of a longer chain and not on a bound variable ($x.y). */
    private static final Pattern QUALIFIED_TYPE = Pattern.compile("(?<![\\w$.])((?:[a-z_]\\w*\\.)+)([A-Z]\\w*)");
    /** A capitalised name that does not follow a dot: a type (constants follow their type's dot). */
    private static final Pattern SIMPLE_TYPE = Pattern.compile("(?<![\\w$.])([A-Z]\\w*)");
    private static final Pattern MEMBER = Pattern.compile("(?<![\\w$])([a-zA-Z_]\\w*)\\b");
    private static final Pattern CLASS_LITERAL = Pattern.compile("\\.\\s*class\\b");
    /** Java turns backslash-u escapes into characters before it reads anything, even in comments and strings. */
    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u+[0-9A-Fa-f]{4}");
    private static final Pattern SPACE_AROUND_DOT = Pattern.compile("\\s*\\.\\s*");
    private static final Pattern ENGINE_RUNTIME = Pattern.compile("(?<![\\w$.])(drools|kcontext)\\b");

    private final String path;
    private final String source;
    private final Set<String> importedTypes = new HashSet<>();
    private final List<String> wildcardPackages = new ArrayList<>();
    private final Set<String> declaredTypes;
    private final List<LintFinding> findings = new ArrayList<>();

    private DrlLint(String path, String source, Set<String> declaredTypes) {
        this.path = path;
        this.source = source;
        this.declaredTypes = declaredTypes;
    }

    static List<LintFinding> check(Map<String, PackageDescr> parsedByPath, Map<String, String> sources) {
        Set<String> declared = new HashSet<>();
        parsedByPath.values().forEach(pkg -> pkg.getTypeDeclarations().forEach(type -> declared.add(type.getTypeName())));
        List<LintFinding> findings = new ArrayList<>();
        parsedByPath.forEach((path, pkg) -> {
            DrlLint lint = new DrlLint(path, sources.get(path), declared);
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
        checkUnicodeEscapes();
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
        for (GlobalDescr global : pkg.getGlobals()) {
            if (!global.getIdentifier().equals(Outcomes.GLOBAL) || !global.getType().equals(OUTCOMES_TYPE)) {
                report(global, "global " + global.getType() + " " + global.getIdentifier() + ": the only global is "
                        + OUTCOMES_TYPE + " " + Outcomes.GLOBAL);
            }
        }
        for (TypeDeclarationDescr type : pkg.getTypeDeclarations()) {
            type.getSuperTypes().forEach(superType -> checkTypeName(type, superType.getFullName(),
                    "declared type " + type.getTypeName() + " extends"));
            type.getFields().values().forEach(field -> {
                String construct = "declared field " + type.getTypeName() + "." + field.getFieldName();
                checkTypeName(field, field.getPattern().getObjectType(), construct);
                scanCode(field, field.getInitExpr(), lineOf(field, type), construct + " initial value");
            });
        }
        for (AttributeDescr attribute : pkg.getAttributes()) {
            scanCode(attribute, attribute.getValue(), lineOf(attribute), "attribute " + attribute.getName());
        }
        for (RuleDescr rule : pkg.getRules()) {
            checkRule(rule);
        }
    }

    private void checkUnicodeEscapes() {
        Matcher escape = UNICODE_ESCAPE.matcher(source);
        if (escape.find()) {
            reportAt(1, source, escape.start(), "a unicode escape (" + escape.group()
                    + "): Java reads it as code even inside comments and strings; write the character itself");
        }
    }

    private void checkImport(ImportDescr anImport) {
        String target = anImport.getTarget();
        boolean allowed = FACT_IMPORT.matcher(target).matches() || TIME_IMPORT.matcher(target).matches()
                || target.equals(MATH)
                || (UTIL_IMPORT.matcher(target).matches() && !UTIL_DENIED.contains(simpleName(target)));
        if (!allowed) {
            report(anImport, "import " + target + ": rules may import only the fact classes (com.trafficrules.<feature>.facts), "
                    + "java.time, java.util and java.lang.Math");
            return;
        }
        if (target.endsWith(".*")) {
            wildcardPackages.add(target.substring(0, target.length() - 2));
        } else {
            importedTypes.add(simpleName(target));
        }
    }

    private void checkRule(RuleDescr rule) {
        String where = "rule \"" + rule.getName() + "\"";
        rule.getAttributes().values().forEach(attribute ->
                scanCode(attribute, attribute.getValue(), lineOf(attribute, rule), where + " attribute " + attribute.getName()));
        checkCondition(rule.getLhs(), rule, where);
        if (rule.getConsequence() instanceof String consequence) {
            scanCode(rule, consequence, lineWhereCodeStarts(consequence, rule.getConsequenceLine(), lineOf(rule)),
                    where + " consequence");
        }
        rule.getNamedConsequences().forEach((name, consequence) -> {
            if (consequence instanceof String code) {
                scanCode(rule, code, lineOf(rule), where + " consequence " + name);
            }
        });
    }

    private void checkCondition(BaseDescr descr, BaseDescr parent, String where) {
        if (descr == null) {
            return;
        }
        BaseDescr located = descr.getLine() > 0 ? descr : parent;
        if (descr instanceof EvalDescr eval) {
            report(located, where + ": eval(...) is not allowed; write the test as a constraint on a fact");
            return;
        }
        if (descr instanceof PatternDescr pattern) {
            checkTypeName(located, pattern.getObjectType(), where + " pattern");
            pattern.getDescrs().forEach(constraint -> checkCondition(constraint, located, where));
            checkCondition(pattern.getSource(), located, where);
            return;
        }
        if (descr instanceof ExprConstraintDescr constraint) {
            scanCode(located, constraint.getExpression(), lineOf(located), where + " constraint");
            return;
        }
        if (descr instanceof FromDescr from) {
            scanCode(located, from.getDataSource().getText(), lineOf(located), where + " from");
            return;
        }
        if (descr instanceof AccumulateDescr accumulate) {
            for (String code : new String[] {accumulate.getInitCode(), accumulate.getActionCode(),
                    accumulate.getReverseCode(), accumulate.getResultCode()}) {
                scanCode(located, code, lineOf(located), where + " accumulate");
            }
            accumulate.getFunctions().forEach(function -> {
                for (String parameter : function.getParams()) {
                    scanCode(located, parameter, lineOf(located), where + " accumulate " + function.getFunction());
                }
            });
            accumulate.getDescrs().forEach(input -> checkCondition(input, located, where));
            return;
        }
        if (descr instanceof CollectDescr collect) {
            checkCondition(collect.getInputPattern(), located, where);
            return;
        }
        if (descr instanceof ConditionalBranchDescr) {
            report(located, where + ": conditional branches (if ... do[...]) are not allowed; write separate rules");
            return;
        }
        if (descr instanceof ConditionalElementDescr element) {
            element.getDescrs().forEach(child -> checkCondition(child, located, where));
        }
    }

    /** A type named by a pattern or a declaration: a fact, a declared type or an allowed library type. */
    private void checkTypeName(BaseDescr where, String typeName, String construct) {
        if (typeName == null || typeName.isBlank()) {
            return;
        }
        String name = typeName.replaceAll("<.*>", "").replace("[]", "").strip();
        if (name.contains(".")) {
            if (!isAllowedQualifiedType(name)) {
                report(where, construct + " uses " + name + ", which is not on the allowlist");
            }
        } else if (!isKnownSimpleType(name) && !Character.isLowerCase(name.charAt(0))) {
            report(where, construct + " uses " + name + ", which is neither imported from the allowlist nor declared");
        }
    }

    /** Scans a piece of Java/MVEL for the types and members it names. */
    private void scanCode(BaseDescr where, String code, int firstLine, String construct) {
        if (code == null || code.isBlank()) {
            return;
        }
        Code text = Code.of(blankLiteralsAndComments(code));
        Set<String> reported = new HashSet<>();
        Matcher qualified = QUALIFIED_TYPE.matcher(text.compact());
        while (qualified.find()) {
            String type = qualified.group(1) + qualified.group(2);
            if (!isAllowedQualifiedType(type) && reported.add(type)) {
                reportOn(firstLine + text.lineBreaksBefore(qualified.start()), construct + " uses " + type + ", which is not on the allowlist");
            }
        }
        Matcher simple = SIMPLE_TYPE.matcher(QUALIFIED_TYPE.matcher(text.compact()).replaceAll(m -> " ".repeat(m.group().length())));
        while (simple.find()) {
            String type = simple.group(1);
            if (!isKnownSimpleType(type) && reported.add(type)) {
                reportOn(firstLine + text.lineBreaksBefore(simple.start()), construct + " uses " + type
                        + ", which is neither a fact class nor an allowed java.time/java.util/java.lang type");
            }
        }
        Matcher member = MEMBER.matcher(text.compact());
        while (member.find()) {
            String name = member.group(1);
            if (DENIED_MEMBERS.contains(name) && reported.add(name)) {
                reportOn(firstLine + text.lineBreaksBefore(member.start()), construct + " calls " + name
                        + ", which reaches reflection, class loading, threads or the process");
            }
        }
        Matcher classLiteral = CLASS_LITERAL.matcher(text.compact());
        if (classLiteral.find()) {
            reportOn(firstLine + text.lineBreaksBefore(classLiteral.start()), construct + " uses a .class literal (reflection)");
        }
        Matcher runtime = ENGINE_RUNTIME.matcher(text.compact());
        if (runtime.find()) {
            reportOn(firstLine + text.lineBreaksBefore(runtime.start()), construct + " uses " + runtime.group(1)
                    + ", which reaches the engine runtime; report through outcomes");
        }
    }

    private boolean isAllowedQualifiedType(String name) {
        String pkg = name.substring(0, name.lastIndexOf('.'));
        String simple = simpleName(name);
        return FACT_IMPORT.matcher(name).matches() || TIME_IMPORT.matcher(name).matches() || name.equals(MATH)
                || (pkg.equals("java.util") && !UTIL_DENIED.contains(simple))
                || (pkg.equals("java.lang") && LANG_ALLOWED.contains(simple));
    }

    private boolean isKnownSimpleType(String name) {
        if (importedTypes.contains(name) || declaredTypes.contains(name) || LANG_ALLOWED.contains(name)) {
            return true;
        }
        if (UTIL_DENIED.contains(name)) {
            return false;
        }
        // A wildcard import from the allowlist covers the classes that package really has.
        return wildcardPackages.stream().anyMatch(pkg -> classExists(pkg + "." + name));
    }

    private static boolean classExists(String name) {
        try {
            // Not initialised: naming a class must not run its static code.
            Class.forName(name, false, DrlLint.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * The line the code's first character is on: the parser gives the line of {@code then}, and the code may
     * start on it or below it, so the code is looked up in the file from that line on.
     */
    private int lineWhereCodeStarts(String code, int fromLine, int fallback) {
        int from = 0;
        for (int line = 1; line < fromLine && from >= 0; line++) {
            from = source.indexOf('\n', from) + 1;
        }
        int at = from < 0 ? -1 : source.indexOf(code.strip(), from);
        if (at < 0) {
            return fromLine > 0 ? fromLine : fallback;
        }
        return (int) source.substring(0, at).chars().filter(c -> c == '\n').count() + 1 - leadingLineBreaks(code);
    }

    private static int leadingLineBreaks(String code) {
        int breaks = 0;
        for (int i = 0; i < code.length() && Character.isWhitespace(code.charAt(i)); i++) {
            if (code.charAt(i) == '\n') {
                breaks++;
            }
        }
        return breaks;
    }

    private static String blankLiteralsAndComments(String code) {
        // Same length and same line breaks, so offsets still map to lines.
        return LITERALS_AND_COMMENTS.matcher(code).replaceAll(m -> m.group().replaceAll("[^\\n]", " "));
    }

    private static String simpleName(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static int lineOf(BaseDescr descr, BaseDescr... fallbacks) {
        if (descr.getLine() > 0) {
            return descr.getLine();
        }
        for (BaseDescr fallback : fallbacks) {
            if (fallback.getLine() > 0) {
                return fallback.getLine();
            }
        }
        return 1;
    }

    private void reportAt(int firstLine, String text, int offset, String message) {
        int extraLines = (int) text.substring(0, offset).chars().filter(c -> c == '\n').count();
        reportOn(firstLine + extraLines, message);
    }

    private void reportOn(int line, String message) {
        findings.add(new LintFinding(path, line, message));
    }

    /**
     * Code with the whitespace around dots taken out ({@code java . io . File} is {@code java.io.File} to Java),
     * remembering for each character of the compact text how many line breaks came before it.
     */
    private record Code(String compact, int[] lineBreaks) {

        static Code of(String text) {
            StringBuilder compact = new StringBuilder(text.length());
            int[] breaks = new int[text.length() + 1];
            int seen = 0;
            Matcher dot = SPACE_AROUND_DOT.matcher(text);
            int from = 0;
            while (true) {
                boolean found = dot.find();
                int end = found ? dot.start() : text.length();
                for (int i = from; i < end; i++) {
                    breaks[compact.length()] = seen;
                    compact.append(text.charAt(i));
                    if (text.charAt(i) == '\n') {
                        seen++;
                    }
                }
                if (!found) {
                    break;
                }
                seen += (int) dot.group().chars().filter(c -> c == '\n').count();
                breaks[compact.length()] = seen;
                compact.append('.');
                from = dot.end();
            }
            breaks[compact.length()] = seen;
            return new Code(compact.toString(), breaks);
        }

        int lineBreaksBefore(int offset) {
            return lineBreaks[offset];
        }
    }

    private void report(BaseDescr where, String message) {
        findings.add(new LintFinding(path, lineOf(where), message));
    }
}
