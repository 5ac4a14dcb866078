package com.trafficrules.console;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A unified diff (as the API answers it) laid out in two columns, the old file left and the new one right: a run
 * of removed lines sits beside the run of added lines that replaced it, row by row.
 */
final class SideBySide {

    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@.*");

    enum Kind { SAME, REMOVED, ADDED, EMPTY, HUNK }

    /** One side of a row; {@code line} is null where that side has no line. */
    record Cell(Integer line, String text, Kind kind) {

        static final Cell NONE = new Cell(null, "", Kind.EMPTY);
    }

    record Row(Cell left, Cell right) {

        public boolean hunk() {
            return left.kind() == Kind.HUNK;
        }
    }

    private SideBySide() {
    }

    static List<Row> of(String unifiedDiff) {
        List<Row> rows = new ArrayList<>();
        List<Cell> removed = new ArrayList<>();
        List<Cell> added = new ArrayList<>();
        int left = 0;
        int right = 0;
        for (String line : unifiedDiff.split("\n", -1)) {
            Matcher hunk = HUNK.matcher(line);
            if (line.startsWith("---") || line.startsWith("+++")) {
                continue;
            }
            if (hunk.matches()) {
                flush(rows, removed, added);
                left = Integer.parseInt(hunk.group(1));
                right = Integer.parseInt(hunk.group(2));
                Cell header = new Cell(null, line, Kind.HUNK);
                rows.add(new Row(header, header));
            } else if (line.startsWith("-")) {
                removed.add(new Cell(left++, line.substring(1), Kind.REMOVED));
            } else if (line.startsWith("+")) {
                added.add(new Cell(right++, line.substring(1), Kind.ADDED));
            } else if (line.startsWith(" ")) {
                flush(rows, removed, added);
                rows.add(new Row(new Cell(left++, line.substring(1), Kind.SAME), new Cell(right++, line.substring(1), Kind.SAME)));
            }
        }
        flush(rows, removed, added);
        return rows;
    }

    /** Pairs the pending removals with the pending additions, the shorter run padded with empty cells. */
    private static void flush(List<Row> rows, List<Cell> removed, List<Cell> added) {
        for (int i = 0; i < Math.max(removed.size(), added.size()); i++) {
            rows.add(new Row(i < removed.size() ? removed.get(i) : Cell.NONE, i < added.size() ? added.get(i) : Cell.NONE));
        }
        removed.clear();
        added.clear();
    }
}
