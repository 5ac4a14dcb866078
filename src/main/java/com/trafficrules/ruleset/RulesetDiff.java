package com.trafficrules.ruleset;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The change from one version's files to another's, file by file, as unified diffs. */
public final class RulesetDiff {

    private static final int CONTEXT_LINES = 3;

    public enum Change { ADDED, REMOVED, MODIFIED }

    public record FileDiff(String path, Change change, String diff) {
    }

    private RulesetDiff() {
    }

    /** Changed files only, in path order; {@code diff} is what {@code git diff} would print for the file. */
    static List<FileDiff> between(Map<String, String> from, Map<String, String> to) {
        TreeSet<String> paths = new TreeSet<>(from.keySet());
        paths.addAll(to.keySet());
        List<FileDiff> diffs = new ArrayList<>();
        for (String path : paths) {
            String before = from.get(path);
            String after = to.get(path);
            if (before != null && before.equals(after)) {
                continue;
            }
            Change change = before == null ? Change.ADDED : after == null ? Change.REMOVED : Change.MODIFIED;
            diffs.add(new FileDiff(path, change, unified(path, before, after)));
        }
        return diffs;
    }

    private static String unified(String path, String before, String after) {
        List<String> original = lines(before);
        List<String> revised = lines(after);
        Patch<String> patch = DiffUtils.diff(original, revised);
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff(before == null ? "/dev/null" : "a/" + path,
                after == null ? "/dev/null" : "b/" + path, original, patch, CONTEXT_LINES);
        String unified = String.join("\n", diff) + "\n";
        // The library numbers the empty side of an added or removed file from 1; diff and git say 0,0.
        if (before == null) {
            unified = unified.replaceFirst("(?m)^@@ -1,0 ", "@@ -0,0 ");
        }
        if (after == null) {
            unified = unified.replaceFirst("(?m)^(@@ -\\d+,\\d+) \\+1,0 @@", "$1 +0,0 @@");
        }
        return unified;
    }

    /** The file's lines; a final line break ends the last line rather than starting an empty one. */
    private static List<String> lines(String content) {
        if (content == null || content.isEmpty()) {
            return List.of();
        }
        List<String> lines = List.of(content.split("\n", -1));
        return content.endsWith("\n") ? lines.subList(0, lines.size() - 1) : lines;
    }
}
