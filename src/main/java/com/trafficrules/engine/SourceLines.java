package com.trafficrules.engine;

import org.drools.drl.ast.descr.BaseDescr;

/**
 * Line arithmetic on a source file: which line an offset is on, where a line starts, on which line the DRL
 * parser placed a construct, and on which line a piece of code it handed back (without its position) starts
 * in the file.
 */
final class SourceLines {

    private SourceLines() {
    }

    /** The 1-based line the character at {@code offset} is on. */
    static int lineOf(String text, int offset) {
        return breaksBefore(text, offset) + 1;
    }

    /** How many line breaks come before {@code offset}. */
    static int breaksBefore(String text, int offset) {
        int breaks = 0;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                breaks++;
            }
        }
        return breaks;
    }

    /** The offset of the first character of the 1-based {@code line}; the text's length past its last line. */
    static int offsetOfLine(String text, int line) {
        int offset = 0;
        for (int current = 1; current < line; current++) {
            int next = text.indexOf('\n', offset);
            if (next < 0) {
                return text.length();
            }
            offset = next + 1;
        }
        return offset;
    }

    /**
     * The line the DRL parser placed {@code descr} on; else the line of the first of {@code fallbacks} (the
     * constructs around it) it placed, else the first line. Some descriptors come without a line.
     */
    static int lineOf(BaseDescr descr, BaseDescr... fallbacks) {
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

    /**
     * The line {@code code}'s first character is on in {@code source}, looking from {@code fromLine} on; the
     * parser gives a fragment's text but not always its place (a consequence's line is the line of
     * {@code then}, and the code may start on it or below it). {@code fromLine} when there is no code or its
     * text is not found.
     */
    static int lineWhere(String source, String code, int fromLine) {
        String stripped = code == null ? "" : code.strip();
        if (stripped.isEmpty()) {
            return fromLine;
        }
        int at = source.indexOf(stripped, offsetOfLine(source, Math.max(fromLine, 1)));
        if (at < 0) {
            return fromLine;
        }
        return lineOf(source, at) - leadingBreaks(code);
    }

    private static int leadingBreaks(String code) {
        int breaks = 0;
        for (int i = 0; i < code.length() && Character.isWhitespace(code.charAt(i)); i++) {
            if (code.charAt(i) == '\n') {
                breaks++;
            }
        }
        return breaks;
    }
}
