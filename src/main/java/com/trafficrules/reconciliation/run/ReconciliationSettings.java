package com.trafficrules.reconciliation.run;

import com.trafficrules.engine.CompileMessage;
import com.trafficrules.engine.RulesetCompileException;
import com.trafficrules.engine.RulesetFiles;
import com.trafficrules.kernel.Ruleset;
import com.trafficrules.kernel.RulesetConfig;
import com.trafficrules.policy.PolicyYaml;
import com.trafficrules.reconciliation.facts.ReconPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code config/reconciliation.yaml} and {@code config/billing-codes.yaml} of one ruleset version: the tolerances,
 * the match window and the billing dictionary. Every key is required; unknown keys are errors.
 *
 * @param prefixes the canonical billing-code prefixes
 * @param aliases  prefixes other systems write, each mapped to its canonical one
 */
public record ReconciliationSettings(ReconPolicy policy, long matchWindowMs, List<String> prefixes, Map<String, String> aliases) {

    static final String TOLERANCES = "config/reconciliation.yaml";
    static final String BILLING = "config/billing-codes.yaml";

    public static final RulesetConfig<ReconciliationSettings> CONFIG = new RulesetConfig<>() {
        @Override
        public Class<ReconciliationSettings> type() {
            return ReconciliationSettings.class;
        }

        @Override
        public ReconciliationSettings read(RulesetFiles files) {
            return ReconciliationSettings.read(files);
        }
    };

    public static ReconciliationSettings of(Ruleset ruleset) {
        return ruleset.config(ReconciliationSettings.class);
    }

    /** A billing code as compared: trimmed, an alias prefix replaced by its canonical one; null stays null. */
    public String canonical(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String trimmed = code.trim();
        for (Map.Entry<String, String> alias : aliases.entrySet()) {
            if (trimmed.startsWith(alias.getKey())) {
                return alias.getValue() + trimmed.substring(alias.getKey().length());
            }
        }
        return trimmed;
    }

    /** Whether a canonical code belongs to the dictionary. */
    public boolean known(String canonicalCode) {
        return canonicalCode != null && prefixes.stream().anyMatch(canonicalCode::startsWith);
    }

    static ReconciliationSettings read(RulesetFiles files) {
        Map<String, String> config = files.under("config/");
        List<CompileMessage> problems = new ArrayList<>();
        for (String path : List.of(TOLERANCES, BILLING)) {
            if (!config.containsKey(path)) {
                problems.add(new CompileMessage(path, 1, 1, "the reconciliation rules need this file"));
            }
        }
        if (!problems.isEmpty()) {
            throw new RulesetCompileException(problems);
        }
        PolicyYaml yaml = new PolicyYaml(config);
        Map<String, Object> tolerances = yaml.readMap(TOLERANCES);
        Map<String, Object> billing = yaml.readMap(BILLING);
        only(yaml, TOLERANCES, tolerances, Set.of("drift_tolerance_ms", "length_tolerance_ms", "match_window_ms"), problems);
        only(yaml, BILLING, billing, Set.of("prefixes", "aliases"), problems);
        long drift = millis(yaml, TOLERANCES, tolerances, "drift_tolerance_ms", problems);
        long length = millis(yaml, TOLERANCES, tolerances, "length_tolerance_ms", problems);
        long window = millis(yaml, TOLERANCES, tolerances, "match_window_ms", problems);
        List<String> prefixes = new ArrayList<>();
        if (billing.get("prefixes") instanceof List<?> listed && !listed.isEmpty()) {
            listed.forEach(prefix -> {
                if (prefix instanceof String text && !text.isBlank()) {
                    prefixes.add(text.trim());
                } else {
                    problem(yaml, BILLING, billing, "prefixes", "a prefix is text, e.g. NAT-; found " + prefix, problems);
                }
            });
        } else {
            problem(yaml, BILLING, billing, "prefixes", "prefixes is a list of the canonical prefixes, e.g. [NAT-, LOC-]", problems);
        }
        Map<String, String> aliases = new LinkedHashMap<>();
        Object aliasMap = billing.getOrDefault("aliases", Map.of());
        if (aliasMap instanceof Map<?, ?> map) {
            map.forEach((alias, canonical) -> {
                if (!(canonical instanceof String target) || !prefixes.contains(target.trim())) {
                    problem(yaml, BILLING, billing, "aliases", "alias " + alias + " maps to " + canonical
                            + ", which is not one of the prefixes " + prefixes, problems);
                } else {
                    aliases.put(String.valueOf(alias).trim(), target.trim());
                }
            });
        } else {
            problem(yaml, BILLING, billing, "aliases", "aliases maps an alias prefix to its canonical one, e.g. {NATL-: NAT-}", problems);
        }
        if (!problems.isEmpty()) {
            throw new RulesetCompileException(problems);
        }
        return new ReconciliationSettings(new ReconPolicy(drift, length), window, List.copyOf(prefixes), aliases);
    }

    private static void only(PolicyYaml yaml, String path, Map<String, Object> document, Set<String> keys, List<CompileMessage> problems) {
        document.keySet().stream().filter(key -> !keys.contains(key)).sorted().forEach(key ->
                problem(yaml, path, document, key, "unknown key '" + key + "'; known keys are " + new TreeSet<>(keys), problems));
    }

    private static long millis(PolicyYaml yaml, String path, Map<String, Object> document, String key, List<CompileMessage> problems) {
        Object value = document.get(key);
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 0) {
            problem(yaml, path, document, key, "'" + key + "' is a whole number of milliseconds, 0 or more; found " + value, problems);
            return 0;
        }
        return ((Number) value).longValue();
    }

    private static void problem(PolicyYaml yaml, String path, Map<?, ?> map, String key, String message, List<CompileMessage> problems) {
        PolicyYaml.Origin origin = yaml.origin(map, path);
        problems.add(new CompileMessage(origin.path(), origin.lineOf(key), origin.columnOf(key), message));
    }
}
