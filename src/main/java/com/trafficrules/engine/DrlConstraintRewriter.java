package com.trafficrules.engine;

import static com.github.javaparser.GeneratedJavaParserConstants.ASSIGN;
import static com.github.javaparser.GeneratedJavaParserConstants.BANG;
import static com.github.javaparser.GeneratedJavaParserConstants.CHARACTER_LITERAL;
import static com.github.javaparser.GeneratedJavaParserConstants.COLON;
import static com.github.javaparser.GeneratedJavaParserConstants.COMMA;
import static com.github.javaparser.GeneratedJavaParserConstants.DOT;
import static com.github.javaparser.GeneratedJavaParserConstants.EOF;
import static com.github.javaparser.GeneratedJavaParserConstants.EQ;
import static com.github.javaparser.GeneratedJavaParserConstants.FALSE;
import static com.github.javaparser.GeneratedJavaParserConstants.FLOATING_POINT_LITERAL;
import static com.github.javaparser.GeneratedJavaParserConstants.GE;
import static com.github.javaparser.GeneratedJavaParserConstants.GT;
import static com.github.javaparser.GeneratedJavaParserConstants.INTEGER_LITERAL;
import static com.github.javaparser.GeneratedJavaParserConstants.LBRACKET;
import static com.github.javaparser.GeneratedJavaParserConstants.LE;
import static com.github.javaparser.GeneratedJavaParserConstants.LONG_LITERAL;
import static com.github.javaparser.GeneratedJavaParserConstants.LPAREN;
import static com.github.javaparser.GeneratedJavaParserConstants.LT;
import static com.github.javaparser.GeneratedJavaParserConstants.MINUS;
import static com.github.javaparser.GeneratedJavaParserConstants.NE;
import static com.github.javaparser.GeneratedJavaParserConstants.NULL;
import static com.github.javaparser.GeneratedJavaParserConstants.PLUS;
import static com.github.javaparser.GeneratedJavaParserConstants.RBRACKET;
import static com.github.javaparser.GeneratedJavaParserConstants.RPAREN;
import static com.github.javaparser.GeneratedJavaParserConstants.SC_AND;
import static com.github.javaparser.GeneratedJavaParserConstants.SC_OR;
import static com.github.javaparser.GeneratedJavaParserConstants.STRING_LITERAL;
import static com.github.javaparser.GeneratedJavaParserConstants.TEXT_BLOCK_LITERAL;
import static com.github.javaparser.GeneratedJavaParserConstants.THIS;
import static com.github.javaparser.GeneratedJavaParserConstants.TRUE;

import com.github.javaparser.GeneratedJavaParserTokenManager;
import com.github.javaparser.SimpleCharStream;
import com.github.javaparser.StringProvider;
import com.github.javaparser.Token;
import com.github.javaparser.TokenMgrException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns one DRL constraint (what the DRL parser hands over as one {@code ExprConstraintDescr}) into a Java
 * expression JavaParser can read, working on the tokens of JavaParser's own lexer so strings, characters and
 * comments are never mistaken for code. The DRL-only parts are rewritten, never dropped unseen:
 * <ul>
 *   <li>a binding {@code $x : field} or {@code $x := field} keeps the field and records {@code $x};</li>
 *   <li>an operator {@code memberOf}, {@code contains}, {@code matches}, {@code after[1s]}, ... (optionally
 *       {@code not}) becomes {@code ==}, after its parameters are checked to be durations or {@code str}'s
 *       {@code startsWith}/{@code endsWith}/{@code length};</li>
 *   <li>{@code x in (a, b)} becomes {@code x == drl$in(a, b)}, so the listed values are checked as code;</li>
 *   <li>null-safe {@code a!.b} becomes {@code a.b}.</li>
 * </ul>
 * Line breaks are kept where they were, so lines in the rewritten text are lines of the constraint. What
 * cannot be rewritten (a half constraint such as {@code && < 5}, a character the Java lexer does not know,
 * an operator parameter that is not a duration) is a problem, never accepted.
 */
final class DrlConstraintRewriter {

    /** The synthetic method the values of {@code in (...)} are passed to. */
    static final String IN_MARKER = "drl$in";

    private static final Set<String> TEMPORAL = Set.of("after", "before", "coincides", "during", "finishes",
            "finishedby", "includes", "meets", "metby", "overlaps", "overlappedby", "starts", "startedby");
    private static final Set<String> PLAIN = Set.of("memberOf", "contains", "excludes", "matches", "soundslike", "in");
    private static final String STR = "str";
    private static final Pattern DURATIONS = Pattern.compile("[\\s\\d,+\\-dhms]*");
    private static final Pattern STR_PARAMETER = Pattern.compile("\\s*(startsWith|endsWith|length)\\s*");
    private static final Set<Integer> RELATIONAL = Set.of(EQ, NE, LT, GT, LE, GE);
    private static final Set<Integer> OPERAND_ENDS = Set.of(RPAREN, RBRACKET, THIS, NULL, TRUE, FALSE, INTEGER_LITERAL,
            LONG_LITERAL, FLOATING_POINT_LITERAL, CHARACTER_LITERAL, STRING_LITERAL, TEXT_BLOCK_LITERAL);

    /** The Java expression, the variables the constraint binds, and what could not be rewritten (line, message). */
    record Rewritten(String java, Set<String> bindings, List<Problem> problems) {
    }

    /** Something that stops the constraint being read, on the constraint's {@code line} (1-based). */
    record Problem(int line, String message) {
    }

    private final String text;
    private final int[] lineStarts;
    private final List<Token> tokens = new ArrayList<>();
    private final List<Edit> edits = new ArrayList<>();
    private final Set<String> bindings = new LinkedHashSet<>();
    private final List<Problem> problems = new ArrayList<>();

    private record Edit(int start, int end, String replacement) {
    }

    private DrlConstraintRewriter(String text) {
        this.text = text;
        this.lineStarts = lineStartsOf(text);
    }

    static Rewritten rewrite(String constraint) {
        DrlConstraintRewriter rewriter = new DrlConstraintRewriter(constraint);
        if (rewriter.lex()) {
            rewriter.rewriteTokens();
        }
        return new Rewritten(rewriter.apply(), Set.copyOf(rewriter.bindings), List.copyOf(rewriter.problems));
    }

    private boolean lex() {
        GeneratedJavaParserTokenManager lexer = new GeneratedJavaParserTokenManager(
                new SimpleCharStream(new StringProvider(text), 1, 1, Math.max(text.length(), 16)));
        try {
            for (Token token = lexer.getNextToken(); token.kind != EOF; token = lexer.getNextToken()) {
                if (!text.startsWith(token.image, start(token))) {
                    problems.add(new Problem(token.beginLine, "could not be lined up with its tokens"));
                    return false;
                }
                tokens.add(token);
            }
            return true;
        } catch (TokenMgrException e) {
            problems.add(new Problem(lineOfLexicalError(e.getMessage()), "could not be read as Java: "
                    + e.getMessage().lines().findFirst().orElse("lexical error").strip()));
            return false;
        }
    }

    private void rewriteTokens() {
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (atBoundary(i) && isWord(token) && kindAt(i + 1) == COLON) {
                bindings.add(token.image);
                int last = kindAt(i + 2) == ASSIGN ? i + 2 : i + 1;
                blank(i, last);
                i = last;
            } else if ((token.kind == SC_AND || token.kind == SC_OR) && RELATIONAL.contains(kindAt(i + 1))) {
                problems.add(new Problem(tokens.get(i + 1).beginLine, "has a half constraint ('" + token.image + " "
                        + tokens.get(i + 1).image + " ...'): write the left operand again"));
            } else if (token.kind == BANG && kindAt(i + 1) == DOT && i > 0 && endsOperand(i - 1)) {
                blank(i, i);
            } else if (i > 0 && endsOperand(i - 1) && isOperatorAt(i)) {
                i = rewriteOperator(i);
            }
        }
    }

    /** Rewrites the DRL operator starting at token {@code i} ({@code not} included); the last token it took. */
    private int rewriteOperator(int i) {
        int at = i;
        if (tokens.get(at).image.equals("not")) {
            blank(at, at);
            at++;
        }
        String operator = tokens.get(at).image;
        int last = at;
        if (kindAt(at + 1) == LBRACKET) {
            int close = closingBracket(at + 1);
            if (close < 0) {
                problems.add(new Problem(tokens.get(at).beginLine, "leaves the parameters of " + operator + " unclosed"));
                return tokens.size();
            }
            String parameters = text.substring(end(tokens.get(at + 1)), start(tokens.get(close)));
            boolean valid = TEMPORAL.contains(operator) ? DURATIONS.matcher(parameters).matches()
                    : operator.equals(STR) && STR_PARAMETER.matcher(parameters).matches();
            if (!valid) {
                problems.add(new Problem(tokens.get(at).beginLine, "gives " + operator + " the parameters [" + parameters.strip()
                        + "]; only durations (1s, 2m30s) and str[startsWith|endsWith|length] are allowed"));
            }
            blank(at + 1, close);
            last = close;
        }
        boolean in = operator.equals("in") && kindAt(last + 1) == LPAREN;
        edits.add(new Edit(start(tokens.get(at)), end(tokens.get(at)), in ? "== " + IN_MARKER : "=="));
        return last;
    }

    private boolean isOperatorAt(int i) {
        Token token = tokens.get(i);
        if (token.image.equals("not") && i + 1 < tokens.size()) {
            return isOperatorName(tokens.get(i + 1).image);
        }
        return isOperatorName(token.image) && startsOperand(i + 1, token.image);
    }

    private static boolean isOperatorName(String word) {
        return TEMPORAL.contains(word) || PLAIN.contains(word) || word.equals(STR);
    }

    /** After an operator comes its right operand, or its parameters. */
    private boolean startsOperand(int i, String operator) {
        if (i >= tokens.size()) {
            return false;
        }
        int kind = tokens.get(i).kind;
        return isWord(tokens.get(i)) || OPERAND_ENDS.contains(kind) && kind != RPAREN && kind != RBRACKET
                || kind == LPAREN || kind == LBRACKET && (TEMPORAL.contains(operator) || operator.equals(STR))
                || kind == BANG || kind == MINUS || kind == PLUS;
    }

    private boolean atBoundary(int i) {
        int previous = kindAt(i - 1);
        return i == 0 || previous == LPAREN || previous == SC_AND || previous == SC_OR || previous == COMMA;
    }

    private boolean endsOperand(int i) {
        return isWord(tokens.get(i)) || OPERAND_ENDS.contains(tokens.get(i).kind);
    }

    private static boolean isWord(Token token) {
        String image = token.image;
        if (image.isEmpty() || !Character.isJavaIdentifierStart(image.charAt(0))) {
            return false;
        }
        return image.chars().allMatch(Character::isJavaIdentifierPart) && !JAVA_KEYWORDS.contains(image);
    }

    /** Java's reserved words: none of them is an operand or a binding's name. */
    private static final Set<String> JAVA_KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface",
            "long", "native", "new", "package", "private", "protected", "public", "return", "short", "static",
            "strictfp", "super", "switch", "synchronized", "throw", "throws", "transient", "try", "void", "volatile",
            "while", "true", "false", "null", "this");

    private int closingBracket(int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).kind == LBRACKET) {
                depth++;
            } else if (tokens.get(i).kind == RBRACKET && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private int kindAt(int i) {
        return i >= 0 && i < tokens.size() ? tokens.get(i).kind : EOF;
    }

    /** Blanks tokens {@code first..last} and what lies between them, keeping the line breaks. */
    private void blank(int first, int last) {
        int from = start(tokens.get(first));
        int to = end(tokens.get(last));
        edits.add(new Edit(from, to, text.substring(from, to).replaceAll("[^\\n]", " ")));
    }

    private String apply() {
        StringBuilder java = new StringBuilder(text);
        edits.stream().sorted((a, b) -> Integer.compare(b.start(), a.start()))
                .forEach(edit -> java.replace(edit.start(), edit.end(), edit.replacement()));
        return java.toString();
    }

    private int start(Token token) {
        return lineStarts[Math.min(token.beginLine, lineStarts.length) - 1] + token.beginColumn - 1;
    }

    private int end(Token token) {
        return start(token) + token.image.length();
    }

    private static int[] lineStartsOf(String text) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int lineOfLexicalError(String message) {
        var line = Pattern.compile("at line (\\d+)").matcher(message);
        return line.find() ? Integer.parseInt(line.group(1)) : 1;
    }
}
