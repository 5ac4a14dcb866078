package com.trafficrules.policy;

import com.trafficrules.engine.CompileMessage;
import com.trafficrules.engine.RulesetCompileException;
import com.trafficrules.engine.RulesetFiles;
import com.trafficrules.kernel.Ruleset;
import com.trafficrules.kernel.RulesetConfig;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
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
 * A channel without a file gets the defaults. Only the {@code traffic:} and {@code rotation:} sections
 * are checked for unknown keys; other top-level keys belong to whoever else shares the file.
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
    private static final Pattern DAYPART_NAME = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final Set<String> TRAFFIC_KEYS = Set.of("allowed_types", "default_cooldown_seconds", "type_cooldowns",
            "max_plays_per_day", "static_filler");
    private static final Set<String> STATIC_FILLER_KEYS = Set.of("uri", "duration_ms");
    private static final Set<String> ROTATION_KEYS = Set.of("advertiser_separation_minutes",
            "advertiser_separation_severity", "product_separation_minutes", "max_creative_plays_per_hour",
            "max_creative_plays_per_day", "dayparts");
    private static final Set<String> SEVERITIES = Set.of("INFO", "WARNING", "CRITICAL");

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

        Map<String, Object> defaults = builtInDefaults();
        if (config.containsKey(DEFAULTS)) {
            collect(problems, () -> {
                Map<String, Object> document = yaml.readMap(DEFAULTS);
                checkKeys(yaml, DEFAULTS, document);
                merge(defaults, document);
                toPolicy("_defaults", defaults, DEFAULTS);
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
                channels.put(slug, toPolicy(slug, merged, path));
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
        return configured != null ? configured : toPolicy(slug, defaults, DEFAULTS);
    }

    public Set<String> configuredChannels() {
        return channels.keySet();
    }

    private static Map<String, Object> builtInDefaults() {
        Map<String, Object> traffic = new LinkedHashMap<>();
        traffic.put("allowed_types", InterstitialType.ALL);
        traffic.put("default_cooldown_seconds", 3600);
        traffic.put("type_cooldowns", new LinkedHashMap<>(Map.of("commercial", 3600, "promo", 1800)));
        traffic.put("max_plays_per_day", 0);
        traffic.put("static_filler", null);
        Map<String, Object> rotation = new LinkedHashMap<>();
        rotation.put("advertiser_separation_minutes", 15);
        rotation.put("advertiser_separation_severity", "WARNING");
        rotation.put("product_separation_minutes", 30);
        rotation.put("max_creative_plays_per_hour", 0);
        rotation.put("max_creative_plays_per_day", 0);
        rotation.put("dayparts", new LinkedHashMap<>());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("timezone", "UTC");
        root.put("traffic", traffic);
        root.put("rotation", rotation);
        return root;
    }

    private static void checkKeys(PolicyYaml yaml, String path, Map<String, Object> document) {
        List<CompileMessage> problems = new ArrayList<>();
        checkSection(yaml, path, document, "traffic", TRAFFIC_KEYS, problems);
        checkSection(yaml, path, document, "rotation", ROTATION_KEYS, problems);
        if (document.get("traffic") instanceof Map<?, ?> traffic && traffic.get("static_filler") instanceof Map<?, ?>) {
            checkSection(yaml, path, traffic, "static_filler", STATIC_FILLER_KEYS, problems);
        }
        if (!problems.isEmpty()) {
            throw new RulesetCompileException(problems);
        }
    }

    /** Unknown keys of {@code parent.section}, located in the file that holds them (an included one, if so). */
    private static void checkSection(PolicyYaml yaml, String path, Map<?, ?> parent, String section,
                                     Set<String> known, List<CompileMessage> problems) {
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
                        "unknown key '" + key + "' in " + section + " (known: " + String.join(", ", known.stream().sorted().toList()) + ")")));
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

    private static ChannelPolicy toPolicy(String slug, Map<String, Object> merged, String path) {
        PolicyValues values = new PolicyValues(path);
        String timezone = values.timezone(merged.get("timezone"));
        Map<String, Object> traffic = values.section(merged, "traffic");
        Map<String, Object> rotation = values.section(merged, "rotation");
        ChannelPolicy policy = new ChannelPolicy(slug, timezone,
                new ChannelPolicy.Traffic(
                        values.types("traffic.allowed_types", traffic.get("allowed_types")),
                        values.nonNegative("traffic.default_cooldown_seconds", traffic.get("default_cooldown_seconds")),
                        values.typeCooldowns(traffic.get("type_cooldowns")),
                        (int) values.nonNegative("traffic.max_plays_per_day", traffic.get("max_plays_per_day")),
                        values.staticFiller(traffic.get("static_filler"))),
                new ChannelPolicy.Rotation(
                        (int) values.nonNegative("rotation.advertiser_separation_minutes", rotation.get("advertiser_separation_minutes")),
                        values.severity(rotation.get("advertiser_separation_severity")),
                        (int) values.nonNegative("rotation.product_separation_minutes", rotation.get("product_separation_minutes")),
                        (int) values.nonNegative("rotation.max_creative_plays_per_hour", rotation.get("max_creative_plays_per_hour")),
                        (int) values.nonNegative("rotation.max_creative_plays_per_day", rotation.get("max_creative_plays_per_day")),
                        values.dayparts(rotation.get("dayparts"))));
        values.throwIfAny();
        return policy;
    }

    /** Typed reads of merged values; every problem names the file and the key. */
    private static final class PolicyValues {

        private final String path;
        private final List<CompileMessage> problems = new ArrayList<>();

        PolicyValues(String path) {
            this.path = path;
        }

        void problem(String key, String message) {
            problems.add(new CompileMessage(path, 1, 1, key + ": " + message));
        }

        void throwIfAny() {
            if (!problems.isEmpty()) {
                throw new RulesetCompileException(problems);
            }
        }

        Map<String, Object> section(Map<String, Object> merged, String name) {
            return merged.get(name) instanceof Map<?, ?> map ? PolicyYaml.stringKeys(path, map) : Map.of();
        }

        String timezone(Object value) {
            try {
                return ZoneId.of(String.valueOf(value)).getId();
            } catch (DateTimeException e) {
                problem("timezone", "not a time zone: " + value);
                return "UTC";
            }
        }

        long nonNegative(String key, Object value) {
            if (value instanceof Integer || value instanceof Long) {
                long number = ((Number) value).longValue();
                if (number >= 0 && number <= Integer.MAX_VALUE) {
                    return number;
                }
            }
            problem(key, "must be a whole number from 0, found " + value);
            return 0;
        }

        List<String> types(String key, Object value) {
            if (!(value instanceof List<?> list)) {
                problem(key, "must be a list of types");
                return List.of();
            }
            List<String> types = list.stream().map(String::valueOf).distinct().toList();
            types.stream().filter(type -> InterstitialType.of(type).isEmpty())
                    .forEach(type -> problem(key, "unknown type '" + type + "' (types: " + String.join(", ", InterstitialType.ALL) + ")"));
            return types;
        }

        Map<String, Long> typeCooldowns(Object value) {
            Map<String, Long> cooldowns = new TreeMap<>();
            if (value == null) {
                return cooldowns;
            }
            if (!(value instanceof Map<?, ?> map)) {
                problem("traffic.type_cooldowns", "must map a type to seconds");
                return cooldowns;
            }
            map.forEach((type, seconds) -> {
                String key = "traffic.type_cooldowns." + type;
                if (InterstitialType.of(String.valueOf(type)).isEmpty()) {
                    problem(key, "unknown type");
                }
                cooldowns.put(String.valueOf(type), nonNegative(key, seconds));
            });
            return cooldowns;
        }

        ChannelPolicy.StaticFiller staticFiller(Object value) {
            if (value == null) {
                return null;
            }
            if (!(value instanceof Map<?, ?> map) || !(map.get("uri") instanceof String uri) || uri.isBlank()) {
                problem("traffic.static_filler", "needs a uri and a duration_ms");
                return null;
            }
            long duration = nonNegative("traffic.static_filler.duration_ms", map.get("duration_ms"));
            if (duration == 0) {
                problem("traffic.static_filler.duration_ms", "must be positive");
            }
            return new ChannelPolicy.StaticFiller(uri, duration);
        }

        String severity(Object value) {
            String severity = String.valueOf(value);
            if (!SEVERITIES.contains(severity)) {
                problem("rotation.advertiser_separation_severity", "must be one of INFO, WARNING, CRITICAL, found " + value);
            }
            return severity;
        }

        Map<String, List<String>> dayparts(Object value) {
            Map<String, List<String>> dayparts = new TreeMap<>();
            if (value == null) {
                return dayparts;
            }
            if (!(value instanceof Map<?, ?> map)) {
                problem("rotation.dayparts", "must map a daypart name to [from, to]");
                return dayparts;
            }
            map.forEach((name, window) -> {
                String key = "rotation.dayparts." + name;
                if (!DAYPART_NAME.matcher(String.valueOf(name)).matches()) {
                    problem(key, "a daypart name is letters, digits, '_' or '-'");
                }
                if (window instanceof List<?> bounds && bounds.size() == 2 && isClockTime(bounds.get(0)) && isClockTime(bounds.get(1))) {
                    dayparts.put(String.valueOf(name), List.of(String.valueOf(bounds.get(0)), String.valueOf(bounds.get(1))));
                } else {
                    problem(key, "must be [\"HH:mm\", \"HH:mm\"], found " + window);
                }
            });
            return dayparts;
        }

        private static boolean isClockTime(Object value) {
            try {
                return value instanceof String text && text.length() == 5 && LocalTime.parse(text) != null;
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    }
}
