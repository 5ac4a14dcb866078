package com.trafficrules.kernel;

import com.trafficrules.engine.CompileMessage;
import com.trafficrules.engine.RulesetCompileException;
import com.trafficrules.engine.RulesetFiles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One kind of {@code config/} file a job's rules are given (channel policies, ...): read and checked when a
 * version is compiled, so a version whose config does not read is refused like one whose DRL does not build.
 */
public interface RulesetConfig<T> {

    /** What {@link Ruleset#config(Class)} is asked for. */
    Class<T> type();

    /** Reads and checks the config from a version's files; every problem at once in the exception. */
    T read(RulesetFiles files) throws RulesetCompileException;

    /** Every config read from {@code files}, each once however many jobs read it, with all their problems together. */
    static Map<Class<?>, Object> readAll(List<RulesetConfig<?>> configs, RulesetFiles files) {
        List<CompileMessage> problems = new ArrayList<>();
        Map<Class<?>, Object> read = new HashMap<>();
        Set<Class<?>> types = new HashSet<>();
        for (RulesetConfig<?> config : configs) {
            if (!types.add(config.type())) {
                continue;
            }
            try {
                read.put(config.type(), config.read(files));
            } catch (RulesetCompileException e) {
                problems.addAll(e.messages());
            }
        }
        if (!problems.isEmpty()) {
            throw new RulesetCompileException(problems);
        }
        return read;
    }
}
