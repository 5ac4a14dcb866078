package com.trafficrules.readme;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One example of the README: a {@code bash} block, and the fenced block right after it (only blank lines
 * between), which is its answer. That is the whole convention, so a reader can tell an example from the page
 * alone, and a writer adds one without touching the test.
 *
 * @param name           the heading it stands under and its place there, e.g. {@code Governance, example 3}
 * @param line           the line of its opening fence in the README, 1-based
 * @param script         the commands, as the README shows them
 * @param answerLanguage the answer block's language ({@code json} answers are compared as JSON), or null
 * @param answer         the answer the README shows, or null when the block has none
 */
record ReadmeExample(String name, int line, String script, String answerLanguage, String answer) {

    private static final Pattern FENCE = Pattern.compile("^(\\s*)```(\\S*)\\s*$");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*$");

    /** A fenced block: where it opens, its language and its lines less the fence's indentation. */
    private record Block(int line, int closingLine, String language, String text) {
    }

    /** Every example of {@code readme}, in the order a reader meets them. */
    static List<ReadmeExample> in(String readme) {
        List<String> lines = readme.lines().toList();
        List<ReadmeExample> examples = new ArrayList<>();
        Map<String, Integer> examplesUnder = new HashMap<>();
        String heading = "README";
        for (int i = 0; i < lines.size(); i++) {
            Matcher title = HEADING.matcher(lines.get(i));
            if (title.matches()) {
                heading = title.group(1);
                continue;
            }
            Block block = blockAt(lines, i);
            if (block == null) {
                continue;
            }
            i = block.closingLine();
            if (!block.language().equals("bash")) {
                continue;
            }
            String name = heading + ", example " + examplesUnder.merge(heading, 1, Integer::sum);
            Block answer = blockAt(lines, nextNonBlank(lines, block.closingLine() + 1));
            if (answer != null && !answer.language().equals("bash")) {
                i = answer.closingLine();
                examples.add(new ReadmeExample(name, block.line(), block.text(), answer.language(), answer.text()));
            } else {
                examples.add(new ReadmeExample(name, block.line(), block.text(), null, null));
            }
        }
        return examples;
    }

    /** The fenced block opening at {@code index} (0-based), or null if none opens there. */
    private static Block blockAt(List<String> lines, int index) {
        if (index >= lines.size()) {
            return null;
        }
        Matcher fence = FENCE.matcher(lines.get(index));
        if (!fence.matches()) {
            return null;
        }
        int indent = fence.group(1).length();
        StringBuilder text = new StringBuilder();
        for (int i = index + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().equals("```")) {
                return new Block(index + 1, i, fence.group(2), text.toString());
            }
            // Blocks inside a list item are indented with it; their content is not.
            text.append(line, Math.min(indent, line.length() - line.stripLeading().length()), line.length()).append('\n');
        }
        throw new IllegalArgumentException("README line " + (index + 1) + ": a fenced block that never closes");
    }

    private static int nextNonBlank(List<String> lines, int from) {
        int i = from;
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        return i;
    }
}
