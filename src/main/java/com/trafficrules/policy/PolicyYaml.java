package com.trafficrules.policy;

import com.trafficrules.engine.CompileMessage;
import com.trafficrules.engine.RulesetCompileException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads policy YAML from a ruleset's files (never from disk directly, so a version is self-contained),
 * resolving {@code !include other.yaml} relative to the including file.
 */
final class PolicyYaml {

    private static final Tag INCLUDE = new Tag("!include");

    private final Map<String, String> files;
    private final Deque<String> including = new ArrayDeque<>();

    PolicyYaml(Map<String, String> files) {
        this.files = files;
    }

    /** The document at {@code path} as nested maps and lists; an empty file is an empty map. */
    Map<String, Object> readMap(String path) {
        Object document = read(path, null);
        if (document == null) {
            return new LinkedHashMap<>();
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw problem(path, 1, 1, "a policy file must be a mapping of keys to values");
        }
        return stringKeys(path, map);
    }

    private Object read(String path, Mark includedAt) {
        String content = files.get(path);
        if (content == null) {
            String from = including.peek();
            throw problem(from == null ? path : from, line(includedAt), column(includedAt), "no such file to include: " + path);
        }
        if (including.contains(path)) {
            throw problem(including.peek(), line(includedAt), column(includedAt), "include cycle through " + path);
        }
        including.push(path);
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            return new Yaml(new IncludingConstructor(options, path)).load(content);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw problem(path, line(mark), column(mark), e.getProblem() == null ? e.getMessage() : e.getProblem());
        } finally {
            including.pop();
        }
    }

    private static int line(Mark mark) {
        return mark == null ? 1 : mark.getLine() + 1;
    }

    private static int column(Mark mark) {
        return mark == null ? 1 : mark.getColumn() + 1;
    }

    static Map<String, Object> stringKeys(String path, Map<?, ?> map) {
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (!(key instanceof String name)) {
                throw problem(path, 1, 1, "keys must be strings, found " + key);
            }
            result.put(name, value);
        });
        return result;
    }

    static RulesetCompileException problem(String path, int line, int column, String message) {
        return new RulesetCompileException(List.of(new CompileMessage(path, line, column, message)));
    }

    private final class IncludingConstructor extends SafeConstructor {

        IncludingConstructor(LoaderOptions options, String currentPath) {
            super(options);
            yamlConstructors.put(INCLUDE, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String target = constructScalar((ScalarNode) node);
                    return read(resolve(currentPath, target), node.getStartMark());
                }
            });
        }
    }

    private static String resolve(String currentPath, String target) {
        String folder = currentPath.substring(0, currentPath.lastIndexOf('/') + 1);
        Deque<String> parts = new ArrayDeque<>();
        for (String part : (folder + target).split("/")) {
            if (part.equals("..")) {
                parts.pollLast();
            } else if (!part.isEmpty() && !part.equals(".")) {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }
}
