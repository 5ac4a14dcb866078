package com.trafficrules.policy;

import com.trafficrules.engine.CompileMessage;
import com.trafficrules.engine.RulesetCompileException;
import com.trafficrules.engine.RulesetFiles;
import com.trafficrules.kernel.Ruleset;
import com.trafficrules.kernel.RulesetConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Every channel's effective policy in one ruleset version: built-in defaults, then
 * {@code config/channels/_defaults.yaml}, then {@code <slug>.yaml}, merged key by key (maps per key).
 * A channel without a file gets the defaults. The keys, their defaults and their reading are declared once, in
 * {@link PolicySchema}. Only its sections ({@code traffic:}, {@code rotation:}, ...) are checked for unknown
 * keys; other top-level keys belong to whoever else shares the file.
 */
public final class ChannelPolicies {

    static final String CHANNELS = "config/channels/";
    static final String DEFAULTS = CHANNELS + "_defaults.yaml";

    /** How a version's channel files are read, for the jobs whose rules follow channel policy. */
    public static final RulesetConfig<ChannelPolicies> CONFIG = new RulesetConfig<>() {
        @Override
        public Class<ChannelPolicies> type() {
            return ChannelPolicies.class;
        }

        @Override
        public ChannelPolicies read(RulesetFiles files) {
            return load(files);
        }
    };

    private static final Pattern CHANNEL_FILE = Pattern.compile(Pattern.quote(CHANNELS) + "([^/_][^/]*)\\.ya?ml");

    private final Map<String, Object> defaults;
    private final SortedMap<String, ChannelPolicy> channels;

    private ChannelPolicies(Map<String, Object> defaults, SortedMap<String, ChannelPolicy> channels) {
        this.defaults = defaults;
        this.channels = channels;
    }

    /** The channel policies of a compiled version. */
    public static ChannelPolicies of(Ruleset ruleset) {
        return ruleset.config(ChannelPolicies.class);
    }

    /** Parses and checks every channel file; all problems are reported together. */
    public static ChannelPolicies load(RulesetFiles files) {
        Map<String, String> config = files.under("config/");
        PolicyYaml yaml = new PolicyYaml(config);
        List<CompileMessage> problems = new ArrayList<>();

        Map<String, Object> defaults = PolicySchema.builtInDefaults();
        if (config.containsKey(DEFAULTS)) {
            collect(problems, () -> {
                Map<String, Object> document = yaml.readMap(DEFAULTS);
                checkKeys(yaml, DEFAULTS, document);
                merge(defaults, document);
                PolicySchema.read("_defaults", defaults, DEFAULTS);
            });
        }
        SortedMap<String, ChannelPolicy> channels = new TreeMap<>();
        config.keySet().forEach(path -> {
            var channelFile = CHANNEL_FILE.matcher(path);
            if (!channelFile.matches()) {
                return;
            }
            String slug = channelFile.group(1);
            collect(problems, () -> {
                if (!ChannelSlug.isValid(slug)) {
                    throw PolicyYaml.problem(path, 1, 1, "a channel file is named by its slug: lower-case letters, digits and '-'");
                }
                Map<String, Object> document = yaml.readMap(path);
                checkKeys(yaml, path, document);
                Map<String, Object> merged = deepCopy(defaults);
                merge(merged, document);
                channels.put(slug, PolicySchema.read(slug, merged, path));
            });
        });
        if (!problems.isEmpty()) {
            throw new RulesetCompileException(problems);
        }
        return new ChannelPolicies(defaults, channels);
    }

    private static void collect(List<CompileMessage> problems, Runnable step) {
        try {
            step.run();
        } catch (RulesetCompileException e) {
            problems.addAll(e.messages());
        }
    }

    /** The effective policy of {@code slug}: its own file merged over the defaults, else the defaults. */
    public ChannelPolicy forChannel(String slug) {
        ChannelPolicy configured = channels.get(slug);
        return configured != null ? configured : PolicySchema.read(slug, defaults, DEFAULTS);
    }

    public Set<String> configuredChannels() {
        return channels.keySet();
    }

    /** Unknown keys in the sections {@link PolicySchema} declares; every one is a problem where it is written. */
    private static void checkKeys(PolicyYaml yaml, String path, Map<String, Object> document) {
        List<CompileMessage> problems = new ArrayList<>();
        PolicySchema.sections().forEach((section, known) -> {
            List<String> parts = PolicySchema.parts(section);
            Map<?, ?> parent = document;
            for (String part : parts.subList(0, parts.size() - 1)) {
                parent = parent != null && parent.get(part) instanceof Map<?, ?> map ? map : null;
            }
            String name = parts.get(parts.size() - 1);
            // A nested section that is not a mapping is left to its key's reader (static_filler: "needs a uri ...").
            if (parent != null && (parts.size() == 1 || parent.get(name) instanceof Map<?, ?>)) {
                checkSection(yaml, path, parent, name, known, problems);
            }
        });
        if (!problems.isEmpty()) {
            throw new RulesetCompileException(problems);
        }
    }

    /** Unknown keys of {@code parent.section}, located in the file that holds them (an included one, if so). */
    private static void checkSection(PolicyYaml yaml, String path, Map<?, ?> parent, String section,
                                     List<String> known, List<CompileMessage> problems) {
        Object value = parent.get(section);
        if (value == null) {
            return;
        }
        if (!(value instanceof Map<?, ?> map)) {
            PolicyYaml.Origin at = yaml.origin(parent, path);
            problems.add(new CompileMessage(at.path(), at.lineOf(section), at.columnOf(section), section + " must be a mapping"));
            return;
        }
        PolicyYaml.Origin at = yaml.origin(map, path);
        map.keySet().stream().map(String::valueOf).filter(key -> !known.contains(key)).sorted().forEach(key ->
                problems.add(new CompileMessage(at.path(), at.lineOf(key), at.columnOf(key),
                        "unknown key '" + key + "' in " + section + " (known: " + String.join(", ", known) + ")")));
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> base, Map<String, Object> override) {
        override.forEach((key, value) -> {
            if (value instanceof Map<?, ?> overrideMap && base.get(key) instanceof Map<?, ?> baseMap) {
                Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) baseMap);
                merge(merged, (Map<String, Object>) overrideMap);
                base.put(key, merged);
            } else {
                base.put(key, value);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> source) {
        Map<String, Object> copy = new LinkedHashMap<>();
        source.forEach((key, value) -> copy.put(key, value instanceof Map<?, ?> map ? deepCopy((Map<String, Object>) map) : value));
        return copy;
    }
}
