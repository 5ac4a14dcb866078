package com.trafficrules.policy;

import com.trafficrules.engine.CompileMessage;
import com.trafficrules.engine.RulesetCompileException;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The keys of a channel policy file, each declared once: the section that holds it, its built-in default and how
 * its merged value is read. The known keys of each section, the built-in defaults and the reading of a
 * {@link ChannelPolicy} all come from {@link #KEYS}.
 */
final class PolicySchema {

    /** How a key's merged value is read; a problem is recorded in {@code values} under {@code key} (traffic.max_plays_per_day). */
    @FunctionalInterface
    interface Reader<T> {
        T read(Values values, String key, Object value);
    }

    /**
     * One key: {@code section} is "" at the top level, else the dotted path of the mapping that holds it;
     * {@code builtIn} is its value when no file sets it (null: the key is absent).
     */
    record Key<T>(String section, String name, Object builtIn, Reader<T> reader) {

        String path() {
            return section.isEmpty() ? name : section + "." + name;
        }
    }

    static final Key<String> TIMEZONE = new Key<>("", "timezone", "UTC", Values::timezone);
    static final Key<List<String>> ALLOWED_TYPES = new Key<>("traffic", "allowed_types", InterstitialType.ALL, Values::types);
    static final Key<Long> DEFAULT_COOLDOWN_SECONDS = new Key<>("traffic", "default_cooldown_seconds", 3600,
            Values::nonNegative);
    static final Key<Map<String, Long>> TYPE_COOLDOWNS = new Key<>("traffic", "type_cooldowns",
            Map.of(InterstitialType.COMMERCIAL.spelling(), 3600, InterstitialType.PROMO.spelling(), 1800), Values::typeCooldowns);
    static final Key<Integer> MAX_PLAYS_PER_DAY = new Key<>("traffic", "max_plays_per_day", 0, Values::count);
    static final Key<ChannelPolicy.StaticFiller> STATIC_FILLER = new Key<>("traffic", "static_filler", null,
            Values::staticFiller);
    static final Key<Integer> ADVERTISER_SEPARATION_MINUTES = new Key<>("rotation", "advertiser_separation_minutes", 15,
            Values::count);
    static final Key<String> ADVERTISER_SEPARATION_SEVERITY = new Key<>("rotation", "advertiser_separation_severity",
            "WARNING", Values::severity);
    static final Key<Integer> PRODUCT_SEPARATION_MINUTES = new Key<>("rotation", "product_separation_minutes", 30,
            Values::count);
    static final Key<Integer> MAX_CREATIVE_PLAYS_PER_HOUR = new Key<>("rotation", "max_creative_plays_per_hour", 0,
            Values::count);
    static final Key<Integer> MAX_CREATIVE_PLAYS_PER_DAY = new Key<>("rotation", "max_creative_plays_per_day", 0,
            Values::count);
    static final Key<Map<String, List<String>>> DAYPARTS = new Key<>("rotation", "dayparts", Map.of(), Values::dayparts);
    static final Key<String> STATIC_FILLER_URI = new Key<>("traffic.static_filler", "uri", null, Values::text);
    static final Key<Long> STATIC_FILLER_DURATION_MS = new Key<>("traffic.static_filler", "duration_ms", null,
            Values::positive);

    static final List<Key<?>> KEYS = List.of(TIMEZONE, ALLOWED_TYPES, DEFAULT_COOLDOWN_SECONDS, TYPE_COOLDOWNS,
            MAX_PLAYS_PER_DAY, STATIC_FILLER, ADVERTISER_SEPARATION_MINUTES, ADVERTISER_SEPARATION_SEVERITY,
            PRODUCT_SEPARATION_MINUTES, MAX_CREATIVE_PLAYS_PER_HOUR, MAX_CREATIVE_PLAYS_PER_DAY, DAYPARTS,
            STATIC_FILLER_URI, STATIC_FILLER_DURATION_MS);

    private static final Set<String> SEVERITIES = Set.of("INFO", "WARNING", "CRITICAL");
    private static final Pattern DAYPART_NAME = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    private PolicySchema() {
    }

    /** The sections below the top level (its other keys belong to whoever shares the file), each with its keys' names sorted. */
    static Map<String, List<String>> sections() {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        KEYS.stream().filter(key -> !key.section().isEmpty())
                .forEach(key -> sections.computeIfAbsent(key.section(), section -> new ArrayList<>()).add(key.name()));
        sections.replaceAll((section, names) -> names.stream().sorted().toList());
        return sections;
    }

    /** Every key's built-in default, in a fresh tree of mappings a file may be merged into. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> builtInDefaults() {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Key<?> key : KEYS) {
            if (key.builtIn() != null) {
                Map<String, Object> section = root;
                for (String part : parts(key.section())) {
                    section = (Map<String, Object>) section.computeIfAbsent(part, name -> new LinkedHashMap<String, Object>());
                }
                section.put(key.name(), key.builtIn() instanceof Map<?, ?> map ? new LinkedHashMap<>(map) : key.builtIn());
            }
        }
        return root;
    }

    /** The names of the mappings a section is nested in, outermost first; none for the top level. */
    static List<String> parts(String section) {
        return section.isEmpty() ? List.of() : List.of(section.split("\\."));
    }

    /** The policy of {@code slug} from merged files; every problem names {@code path} and the key. */
    static ChannelPolicy read(String slug, Map<String, Object> merged, String path) {
        Values values = new Values(path, merged);
        ChannelPolicy policy = new ChannelPolicy(slug, values.read(TIMEZONE),
                new ChannelPolicy.Traffic(values.read(ALLOWED_TYPES), values.read(DEFAULT_COOLDOWN_SECONDS),
                        values.read(TYPE_COOLDOWNS), values.read(MAX_PLAYS_PER_DAY), values.read(STATIC_FILLER)),
                new ChannelPolicy.Rotation(values.read(ADVERTISER_SEPARATION_MINUTES),
                        values.read(ADVERTISER_SEPARATION_SEVERITY), values.read(PRODUCT_SEPARATION_MINUTES),
                        values.read(MAX_CREATIVE_PLAYS_PER_HOUR), values.read(MAX_CREATIVE_PLAYS_PER_DAY),
                        values.read(DAYPARTS)));
        values.throwIfAny();
        return policy;
    }

    /** Typed reads of merged values; every problem names the file and the key. */
    static final class Values {

        private final String path;
        private final Map<String, Object> merged;
        private final List<CompileMessage> problems = new ArrayList<>();

        private Values(String path, Map<String, Object> merged) {
            this.path = path;
            this.merged = merged;
        }

        <T> T read(Key<T> key) {
            Map<?, ?> section = merged;
            for (String part : parts(key.section())) {
                section = section.get(part) instanceof Map<?, ?> map ? PolicyYaml.stringKeys(path, map) : Map.of();
            }
            return read(key, section);
        }

        /** {@code key} as it stands in {@code section}, the mapping that holds it. */
        <T> T read(Key<T> key, Map<?, ?> section) {
            return key.reader().read(this, key.path(), section.get(key.name()));
        }

        void problem(String key, String message) {
            problems.add(new CompileMessage(path, 1, 1, key + ": " + message));
        }

        void throwIfAny() {
            if (!problems.isEmpty()) {
                throw new RulesetCompileException(problems);
            }
        }

        String timezone(String key, Object value) {
            try {
                return ZoneId.of(String.valueOf(value)).getId();
            } catch (DateTimeException e) {
                problem(key, "not a time zone: " + value);
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

        int count(String key, Object value) {
            return (int) nonNegative(key, value);
        }

        long positive(String key, Object value) {
            long number = nonNegative(key, value);
            if (number == 0) {
                problem(key, "must be positive");
            }
            return number;
        }

        /** Text that is not blank, else null (the mapping that holds it says what is missing). */
        String text(String key, Object value) {
            return value instanceof String text && !text.isBlank() ? text : null;
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

        Map<String, Long> typeCooldowns(String key, Object value) {
            return mapping(key, value, "must map a type to seconds", (typeKey, type, seconds) -> {
                if (InterstitialType.of(type).isEmpty()) {
                    problem(typeKey, "unknown type");
                }
                return nonNegative(typeKey, seconds);
            });
        }

        ChannelPolicy.StaticFiller staticFiller(String key, Object value) {
            if (value == null) {
                return null;
            }
            String uri = value instanceof Map<?, ?> filler ? read(STATIC_FILLER_URI, filler) : null;
            if (uri == null) {
                problem(key, "needs a uri and a duration_ms");
                return null;
            }
            return new ChannelPolicy.StaticFiller(uri, read(STATIC_FILLER_DURATION_MS, (Map<?, ?>) value));
        }

        String severity(String key, Object value) {
            String severity = String.valueOf(value);
            if (!SEVERITIES.contains(severity)) {
                problem(key, "must be one of INFO, WARNING, CRITICAL, found " + value);
            }
            return severity;
        }

        Map<String, List<String>> dayparts(String key, Object value) {
            return mapping(key, value, "must map a daypart name to [from, to]", (daypartKey, name, window) -> {
                if (!DAYPART_NAME.matcher(name).matches()) {
                    problem(daypartKey, "a daypart name is letters, digits, '_' or '-'");
                }
                if (window instanceof List<?> bounds && bounds.size() == 2 && isClockTime(bounds.get(0)) && isClockTime(bounds.get(1))) {
                    return List.of(String.valueOf(bounds.get(0)), String.valueOf(bounds.get(1)));
                }
                problem(daypartKey, "must be [\"HH:mm\", \"HH:mm\"], found " + window);
                return null;
            });
        }

        /** How one entry of a mapping is read: its key (e.g. rotation.dayparts.PRIME), name and value; null leaves it out. */
        @FunctionalInterface
        private interface EntryReader<V> {
            V read(String key, String name, Object value);
        }

        /** A mapping of names to values, sorted by name; absent, it is an empty one. */
        private <V> Map<String, V> mapping(String key, Object value, String notAMapping, EntryReader<V> entries) {
            Map<String, V> read = new TreeMap<>();
            if (value == null) {
                return read;
            }
            if (!(value instanceof Map<?, ?> map)) {
                problem(key, notAMapping);
                return read;
            }
            map.forEach((name, entry) -> {
                V entryValue = entries.read(key + "." + name, String.valueOf(name), entry);
                if (entryValue != null) {
                    read.put(String.valueOf(name), entryValue);
                }
            });
            return read;
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
