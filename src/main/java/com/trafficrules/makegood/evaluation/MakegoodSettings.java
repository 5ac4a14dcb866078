package com.trafficrules.makegood.evaluation;

import com.trafficrules.engine.CompileMessage;
import com.trafficrules.engine.RulesetCompileException;
import com.trafficrules.engine.RulesetFiles;
import com.trafficrules.kernel.Ruleset;
import com.trafficrules.kernel.RulesetConfig;
import com.trafficrules.makegood.facts.MakegoodPolicy;
import com.trafficrules.makegood.facts.ToleranceBand;
import com.trafficrules.policy.PolicyYaml;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code config/makegood.yaml} of one ruleset version: the tolerance bands by market tier and the numbers the
 * make-good rules decide with. Every key is required, so a version says all its numbers; unknown keys are errors.
 */
public record MakegoodSettings(SortedMap<String, ToleranceBand> tiers, MakegoodPolicy policy, long defaultCureMs,
                               int maxPlacements) {

    static final String PATH = "config/makegood.yaml";
    private static final Set<String> KEYS = Set.of("tiers", "compliance_floor", "rolling_days", "priority_escalation_hours",
            "stale_after_hours", "default_cure_days", "max_placements");
    private static final Set<String> TIER_KEYS = Set.of("threshold", "buffer", "rolling");

    public static final RulesetConfig<MakegoodSettings> CONFIG = new RulesetConfig<>() {
        @Override
        public Class<MakegoodSettings> type() {
            return MakegoodSettings.class;
        }

        @Override
        public MakegoodSettings read(RulesetFiles files) {
            return MakegoodSettings.read(files);
        }
    };

    public static MakegoodSettings of(Ruleset ruleset) {
        return ruleset.config(MakegoodSettings.class);
    }

    /** The tier's band, or null for a tier the version does not know. */
    public ToleranceBand band(String tier) {
        return tiers.get(tier);
    }

    static MakegoodSettings read(RulesetFiles files) {
        Map<String, String> config = files.under("config/");
        if (!config.containsKey(PATH)) {
            throw new RulesetCompileException(List.of(new CompileMessage(PATH, 1, 1, "the make-good rules need this file")));
        }
        PolicyYaml yaml = new PolicyYaml(config);
        Map<String, Object> document = yaml.readMap(PATH);
        Reader reader = new Reader(yaml);
        reader.onlyKeys(document, KEYS);
        SortedMap<String, ToleranceBand> tiers = new TreeMap<>();
        if (reader.required(document, "tiers") instanceof Map<?, ?> tierMap) {
            tierMap.forEach((tier, band) -> {
                if (!(band instanceof Map<?, ?> bandMap)) {
                    reader.problem(tierMap, String.valueOf(tier), "a tier is a mapping of threshold, buffer and rolling");
                    return;
                }
                reader.onlyKeys(bandMap, TIER_KEYS);
                double threshold = reader.fraction(bandMap, "threshold");
                double buffer = reader.fraction(bandMap, "buffer");
                boolean rolling = Boolean.TRUE.equals(bandMap.get("rolling"));
                if (bandMap.containsKey("rolling") && !(bandMap.get("rolling") instanceof Boolean)) {
                    reader.problem(bandMap, "rolling", "rolling is true or false");
                }
                tiers.put(String.valueOf(tier), new ToleranceBand(String.valueOf(tier), threshold, buffer, rolling));
            });
        } else if (document.containsKey("tiers")) {
            reader.problem(document, "tiers", "tiers is a mapping of tier name to its band");
        }
        MakegoodPolicy policy = new MakegoodPolicy(reader.fraction(document, "compliance_floor"),
                Duration.ofDays(reader.positive(document, "rolling_days")).toMillis(),
                Duration.ofHours(reader.positive(document, "priority_escalation_hours")).toMillis(),
                Duration.ofHours(reader.positive(document, "stale_after_hours")).toMillis());
        long cureMs = Duration.ofDays(reader.positive(document, "default_cure_days")).toMillis();
        int maxPlacements = (int) reader.positive(document, "max_placements");
        if (!reader.problems.isEmpty()) {
            throw new RulesetCompileException(reader.problems);
        }
        return new MakegoodSettings(tiers, policy, cureMs, maxPlacements);
    }

    /** Reads values out of the document, collecting every problem with the line and column of its key. */
    private static final class Reader {

        private final PolicyYaml yaml;
        private final List<CompileMessage> problems = new ArrayList<>();

        Reader(PolicyYaml yaml) {
            this.yaml = yaml;
        }

        void onlyKeys(Map<?, ?> map, Set<String> allowed) {
            map.keySet().stream().map(String::valueOf).filter(key -> !allowed.contains(key)).sorted()
                    .forEach(key -> problem(map, key, "unknown key '" + key + "'; known keys are " + new TreeSet<>(allowed)));
        }

        Object required(Map<?, ?> map, String key) {
            Object value = map.get(key);
            if (value == null) {
                problem(map, key, "'" + key + "' is required");
            }
            return value;
        }

        double fraction(Map<?, ?> map, String key) {
            Object value = required(map, key);
            if (value == null) {
                return 0;
            }
            if (!(value instanceof Number number) || number.doubleValue() < 0 || number.doubleValue() > 1) {
                problem(map, key, "'" + key + "' is a fraction from 0 to 1, e.g. 0.95; found " + value);
                return 0;
            }
            return number.doubleValue();
        }

        long positive(Map<?, ?> map, String key) {
            Object value = required(map, key);
            if (value == null) {
                return 1;
            }
            if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() <= 0) {
                problem(map, key, "'" + key + "' is a whole number above 0; found " + value);
                return 1;
            }
            return ((Number) value).longValue();
        }

        void problem(Map<?, ?> map, String key, String message) {
            PolicyYaml.Origin origin = yaml.origin(map, PATH);
            problems.add(new CompileMessage(origin.path(), origin.lineOf(key), origin.columnOf(key), message));
        }
    }
}
