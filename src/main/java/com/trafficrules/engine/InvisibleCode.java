package com.trafficrules.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Code that Java reads but a reviewer, and a lint that reads the fragments one by one, would not see: unicode
 * escapes, which Java turns into characters before it reads anything (even in comments and strings), and
 * characters Java ignores inside names. Looked for in the whole file's text, before any parser reads it.
 */
final class InvisibleCode {

    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u+[0-9A-Fa-f]{4}");

    private InvisibleCode() {
    }

    /** Reports the first unicode escape and the first ignorable character of {@code source}, each on its line. */
    static void check(String source, Findings findings) {
        Matcher escape = UNICODE_ESCAPE.matcher(source);
        if (escape.find()) {
            findings.report(SourceLines.lineOf(source, escape.start()), "a unicode escape (" + escape.group()
                    + "): Java reads it as code even inside comments and strings; write the character itself");
        }
        for (int i = 0; i < source.length(); i++) {
            if (Character.isIdentifierIgnorable(source.charAt(i))) {
                findings.report(SourceLines.lineOf(source, i), String.format("an invisible character (U+%04X): Java ignores it "
                        + "inside names (getClass with one inside is still getClass); remove it", (int) source.charAt(i)));
                return;
            }
        }
    }
}
