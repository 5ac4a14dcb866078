package com.trafficrules.kernel;

import com.trafficrules.engine.CompileMessage;
import com.trafficrules.engine.CompiledRules;
import com.trafficrules.engine.RuleCompiler;
import com.trafficrules.engine.RulesetCompileException;
import com.trafficrules.engine.RulesetFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A ruleset version ready to decide: its compiled DRL and what the jobs read of its {@code config/} files,
 * always used together so that one request never mixes versions.
 *
 * @param configs each config the jobs read, by its type (see {@link RulesetConfig})
 */
public record Ruleset(RulesetRef ref, RulesetFiles files, CompiledRules rules, Map<Class<?>, Object> configs) {

    public Ruleset {
        configs = Map.copyOf(configs);
    }

    /** The same compiled rules and configs under the name of a stored version. */
    public Ruleset withRef(RulesetRef stored) {
        return new Ruleset(stored, files, rules, configs);
    }

    /** The config of this type, read when the version was compiled. */
    public <T> T config(Class<T> type) {
        Object config = configs.get(type);
        if (config == null) {
            throw new IllegalStateException("No job reads a " + type.getSimpleName() + " from config/");
        }
        return type.cast(config);
    }

    /** Compiles the DRL and reads the configs, reporting the problems of all of them at once. */
    public static Ruleset compile(RulesetRef ref, RulesetFiles files, List<RulesetConfig<?>> configs) {
        List<CompileMessage> problems = new ArrayList<>();
        CompiledRules rules = null;
        try {
            rules = new RuleCompiler().compile(files);
        } catch (RulesetCompileException e) {
            problems.addAll(e.messages());
        }
        Map<Class<?>, Object> read = Map.of();
        try {
            read = RulesetConfig.readAll(configs, files);
        } catch (RulesetCompileException e) {
            problems.addAll(e.messages());
        }
        if (!problems.isEmpty()) {
            throw new RulesetCompileException(problems);
        }
        return new Ruleset(ref, files, rules, read);
    }
}
