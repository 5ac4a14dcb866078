package com.trafficrules.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.ParserError;

/**
 * Reads every DRL file of a ruleset with the Drools DRL parser, without building anything: syntax errors
 * with line and column, and the lint findings of {@link DrlLint} on each file that parses. Nothing here
 * compiles or runs the rules, so it is safe on untrusted files.
 */
public final class DrlInspection {

    /**
     * How deep brackets may nest. The DRL parser, and later the Java compiler on a consequence, recurse on nesting
     * and run out of stack a few hundred levels down; rules need a handful.
     */
    static final int MAX_NESTING = 50;
    /** For whatever else makes Drools run out of stack (a chain of thousands of operators, say). */
    static final String OUT_OF_STACK = "is too deeply nested or too long to be read (the parser ran out of stack)";

    /** What the parser and the lint found; both empty for a ruleset that may be built. */
    public record Report(List<CompileMessage> parseErrors, List<LintFinding> findings) {

        public boolean parsed() {
            return parseErrors.isEmpty();
        }

        public boolean lintClean() {
            return findings.isEmpty();
        }
    }

    private DrlInspection() {
    }

    public static Report inspect(RulesetFiles files) {
        List<CompileMessage> parseErrors = new ArrayList<>();
        Map<String, PackageDescr> parsed = new HashMap<>();
        files.under("rules/").forEach((path, content) -> {
            CompileMessage tooDeep = tooDeeplyNested(path, content);
            if (tooDeep != null) {
                parseErrors.add(tooDeep);
                return;
            }
            DrlParser parser = new DrlParser();
            try {
                PackageDescr descr = parser.parse(false, content);
                if (parser.hasErrors() || descr == null) {
                    parser.getErrors().forEach(error -> parseErrors.add(located(path, error)));
                    if (parser.getErrors().isEmpty()) {
                        parseErrors.add(new CompileMessage(path, 1, 1, "the parser could not read this file"));
                    }
                } else {
                    parsed.put(path, descr);
                }
            } catch (DroolsParserException e) {
                parseErrors.add(new CompileMessage(path, Math.max(e.getLineNumber(), 1), Math.max(e.getColumn(), 1),
                        e.getMessage()));
            } catch (StackOverflowError e) {
                parseErrors.add(new CompileMessage(path, 1, 1, "the file " + OUT_OF_STACK));
            }
        });
        List<LintFinding> findings = new ArrayList<>(DrlLint.check(parsed, files.all()));
        findings.addAll(duplicateRuleNames(parsed));
        findings.sort(java.util.Comparator.comparing(LintFinding::path).thenComparingInt(LintFinding::line));
        return new Report(List.copyOf(parseErrors), List.copyOf(findings));
    }

    /** Where brackets ( [ { first nest deeper than {@link #MAX_NESTING}, or null; those in comments and strings count too. */
    private static CompileMessage tooDeeplyNested(String path, String content) {
        int depth = 0;
        int line = 1;
        int column = 0;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            column++;
            if (c == '\n') {
                line++;
                column = 0;
            } else if (c == '(' || c == '[' || c == '{') {
                if (++depth > MAX_NESTING) {
                    return new CompileMessage(path, line, column, "brackets nest more than " + MAX_NESTING + " deep here");
                }
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            }
        }
        return null;
    }

    private static CompileMessage located(String path, DroolsError error) {
        if (error instanceof ParserError parserError) {
            return new CompileMessage(path, Math.max(parserError.getRow(), 1), Math.max(parserError.getCol(), 1),
                    error.getMessage().strip());
        }
        int[] lines = error.getLines();
        return new CompileMessage(path, lines != null && lines.length > 0 ? Math.max(lines[0], 1) : 1, 1,
                error.getMessage().strip());
    }

    /**
     * Two rules of one name in one job (one package, one KieBase) clash: the later silently replaces the
     * earlier or the build fails, depending on the order Drools reads them. Jobs have KieBases of their own,
     * so a name such as "allowed-type" may serve rotation and fill alike.
     */
    private static List<LintFinding> duplicateRuleNames(Map<String, PackageDescr> parsed) {
        Map<String, String> firstFileByJobAndRule = new HashMap<>();
        List<LintFinding> findings = new ArrayList<>();
        parsed.keySet().stream().sorted().forEach(path -> {
            String job = path.substring(0, path.lastIndexOf('/'));
            for (RuleDescr rule : parsed.get(path).getRules()) {
                String first = firstFileByJobAndRule.putIfAbsent(job + "\n" + rule.getName(), path);
                if (first != null) {
                    findings.add(new LintFinding(path, Math.max(rule.getLine(), 1), "rule \"" + rule.getName()
                            + "\" is already defined in " + first + "; rule names must be unique within a job"));
                }
            }
        });
        return findings;
    }
}
