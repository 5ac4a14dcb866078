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
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads policy YAML from a ruleset's files (never from disk directly, so a version is self-contained),
 * resolving {@code !include other.yaml} relative to the including file. The files are untrusted: whatever
 * would exhaust the loader or what reads its result is a problem with file, line and column, never an
 * exception of another kind. Aliases of mappings and lists ({@code *name}) are refused, because a few of them
 * expand exponentially ("billion laughs") or refer to themselves once merged and copied; so is nesting deeper
 * than the loader's limit, a character YAML does not allow (NUL, other control characters), an include that is
 * not a file name, and more than {@value #MAX_INCLUDES} includes read for one file.
 */
public final class PolicyYaml {

    private static final Tag INCLUDE = new Tag("!include");
    static final int MAX_INCLUDES = 50;

    private final Map<String, String> files;
    private final Deque<String> including = new ArrayDeque<>();
    /** Includes a document may still read, counting those of the files it includes (a diamond of includes doubles per level). */
    private int includesLeft;
    /** The file and key positions of every mapping read, so a problem can point at the file that holds the key. */
    private final Map<Map<?, ?>, Origin> origins = new IdentityHashMap<>();

    public PolicyYaml(Map<String, String> files) {
        this.files = files;
    }

    /** Where a mapping was written: its file (an included one, if it came from there) and its keys' lines and columns. */
    public record Origin(String path, int line, Map<String, Position> keys) {

        public int lineOf(String key) {
            Position at = keys.get(key);
            return at == null ? line : at.line();
        }

        public int columnOf(String key) {
            Position at = keys.get(key);
            return at == null ? 1 : at.column();
        }
    }

    public record Position(int line, int column) {
    }

    /** Where {@code map} (as read by this reader) was written; unknown maps are placed at line 1 of {@code fallbackPath}. */
    public Origin origin(Map<?, ?> map, String fallbackPath) {
        Origin origin = origins.get(map);
        return origin != null ? origin : new Origin(fallbackPath, 1, Map.of());
    }

    /** The document at {@code path} as nested maps and lists; an empty file is an empty map. */
    public Map<String, Object> readMap(String path) {
        includesLeft = MAX_INCLUDES;
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
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(0);
        // Yaml.load, with the parser watched: the loader's limits throw without saying where they were crossed.
        WatchedParser parser = new WatchedParser(new ParserImpl(new StreamReader(content), options));
        IncludingConstructor constructor = new IncludingConstructor(options, path);
        constructor.setComposer(new Composer(parser, new Resolver(), options));
        including.push(path);
        try {
            return constructor.getSingleData(Object.class);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw problem(path, line(mark), column(mark), e.getProblem() == null ? e.getMessage() : e.getProblem());
        } catch (ReaderException e) {
            int at = Math.max(content.indexOf(Character.toString(e.getCodePoint())), 0);
            throw problem(path, lineAt(content, at), at - content.lastIndexOf('\n', at - 1),
                    String.format("the character U+%04X is not allowed in YAML", e.getCodePoint()));
        } catch (YAMLException e) {
            Mark mark = parser.last == null ? null : parser.last.getStartMark();
            throw problem(path, line(mark), column(mark), parser.last instanceof AliasEvent alias
                    ? "an alias (*" + alias.getAnchor() + ") of a mapping or list is not allowed in policy files"
                    : e.getMessage());
        } finally {
            including.pop();
        }
    }

    private static int lineAt(String content, int offset) {
        return (int) content.chars().limit(offset).filter(c -> c == '\n').count() + 1;
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
            setAllowDuplicateKeys(options.isAllowDuplicateKeys()); // as new Yaml(constructor) would
            this.currentPath = currentPath;
            yamlConstructors.put(INCLUDE, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    if (!(node instanceof ScalarNode scalar)) {
                        throw problem(currentPath, line(node.getStartMark()), column(node.getStartMark()),
                                "!include takes a file name, e.g. !include common.yaml");
                    }
                    if (--includesLeft < 0) {
                        throw problem(currentPath, line(node.getStartMark()), column(node.getStartMark()),
                                "more than " + MAX_INCLUDES + " includes for one file, counting those of included files");
                    }
                    return read(resolve(currentPath, constructScalar(scalar)), node.getStartMark());
                }
            });
        }

        /** A value its tag cannot make (!!int abc, !!binary @@@, !!map [1]) is a problem where it was written. */
        @Override
        protected Object constructObject(Node node) {
            try {
                return super.constructObject(node);
            } catch (RulesetCompileException | MarkedYAMLException e) {
                throw e;
            } catch (RuntimeException e) {
                throw problem(currentPath, line(node.getStartMark()), column(node.getStartMark()),
                        "cannot be read as " + node.getTag().getValue()
                                + (e instanceof IllegalArgumentException ? ": " + e.getMessage() : ""));
            }
        }

        @Override
        protected void constructMapping2ndStep(MappingNode node, Map<Object, Object> mapping) {
            super.constructMapping2ndStep(node, mapping);
            Map<String, Position> keys = new HashMap<>();
            for (NodeTuple tuple : node.getValue()) {
                Mark at = tuple.getKeyNode().getStartMark();
                // Already made: this is the key as it stands in the map.
                if (!(constructObject(tuple.getKeyNode()) instanceof String key)) {
                    throw problem(currentPath, line(at), column(at), "a key must be text (put it in quotes)");
                }
                keys.putIfAbsent(key, new Position(line(at), column(at)));
            }
            origins.put(mapping, new Origin(currentPath, line(node.getStartMark()), keys));
        }
    }

    /** The parser, remembering the last event the composer looked at: where it stopped when a limit was crossed. */
    private static final class WatchedParser implements Parser {

        private final Parser parser;
        private Event last;

        WatchedParser(Parser parser) {
            this.parser = parser;
        }

        @Override
        public boolean checkEvent(Event.ID choice) {
            return parser.checkEvent(choice);
        }

        @Override
        public Event peekEvent() {
            last = parser.peekEvent();
            return last;
        }

        @Override
        public Event getEvent() {
            last = parser.getEvent();
            return last;
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
