package com.trafficrules.policy;

import com.trafficrules.engine.CompileMessage;
import com.trafficrules.engine.RulesetCompileException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
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
    /** The file and key positions of every mapping read, so a problem can point at the file that holds the key. */
    private final Map<Map<?, ?>, Origin> origins = new IdentityHashMap<>();

    PolicyYaml(Map<String, String> files) {
        this.files = files;
    }

    /** Where a mapping was written: its file (an included one, if it came from there) and its keys' lines and columns. */
    record Origin(String path, int line, Map<String, Position> keys) {

        int lineOf(String key) {
            Position at = keys.get(key);
            return at == null ? line : at.line();
        }

        int columnOf(String key) {
            Position at = keys.get(key);
            return at == null ? 1 : at.column();
        }
    }

    record Position(int line, int column) {
    }

    /** Where {@code map} (as read by this reader) was written; unknown maps are placed at line 1 of {@code fallbackPath}. */
    Origin origin(Map<?, ?> map, String fallbackPath) {
        Origin origin = origins.get(map);
        return origin != null ? origin : new Origin(fallbackPath, 1, Map.of());
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
        Map<String, Object> result = stringKeys(path, map);
        Origin origin = origins.get(map);
        if (origin != null) {
            origins.put(result, origin);
        }
        return result;
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

        private final String currentPath;

        IncludingConstructor(LoaderOptions options, String currentPath) {
            super(options);
            this.currentPath = currentPath;
            yamlConstructors.put(INCLUDE, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String target = constructScalar((ScalarNode) node);
                    return read(resolve(currentPath, target), node.getStartMark());
                }
            });
        }

        @Override
        protected void constructMapping2ndStep(MappingNode node, Map<Object, Object> mapping) {
            super.constructMapping2ndStep(node, mapping);
            Map<String, Position> keys = new HashMap<>();
            for (NodeTuple tuple : node.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    keys.putIfAbsent(key.getValue(), new Position(line(key.getStartMark()), column(key.getStartMark())));
                }
            }
            origins.put(mapping, new Origin(currentPath, line(node.getStartMark()), keys));
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
