package com.trafficrules.ruleset;

import com.trafficrules.engine.CompileMessage;
import com.trafficrules.engine.CompiledRules;
import com.trafficrules.engine.RuleCompiler;
import com.trafficrules.engine.RulesetCompileException;
import com.trafficrules.engine.RulesetFiles;
import com.trafficrules.policy.ChannelPolicies;
import java.util.ArrayList;
import java.util.List;

/**
 * A ruleset version ready to decide: its compiled DRL and its channel policies, always used together so
 * that one request never mixes versions.
 */
public record Ruleset(RulesetRef ref, RulesetFiles files, CompiledRules rules, ChannelPolicies policies) {

    /** The same compiled rules and policies under the name of a stored version. */
    public Ruleset withRef(RulesetRef stored) {
        return new Ruleset(stored, files, rules, policies);
    }

    /** Compiles the DRL and loads the policy YAML, reporting the problems of both at once. */
    public static Ruleset compile(RulesetRef ref, RulesetFiles files) {
        List<CompileMessage> problems = new ArrayList<>();
        CompiledRules rules = null;
        ChannelPolicies policies = null;
        try {
            rules = new RuleCompiler().compile(files);
        } catch (RulesetCompileException e) {
            problems.addAll(e.messages());
        }
        try {
            policies = ChannelPolicies.load(files);
        } catch (RulesetCompileException e) {
            problems.addAll(e.messages());
        }
        if (!problems.isEmpty()) {
            throw new RulesetCompileException(problems);
        }
        return new Ruleset(ref, files, rules, policies);
    }
}
