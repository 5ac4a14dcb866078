package com.trafficrules.ruleset;

import com.trafficrules.engine.CompileMessage;
import com.trafficrules.engine.CompiledRules;
import com.trafficrules.engine.DrlInspection;
import com.trafficrules.engine.RuleCompiler;
import com.trafficrules.engine.RulesetCompileException;
import com.trafficrules.engine.RulesetFiles;
import com.trafficrules.policy.ChannelPolicies;
import com.trafficrules.ruletest.Scenario;
import com.trafficrules.ruletest.ScenarioResult;
import com.trafficrules.ruletest.ScenarioRunner;
import com.trafficrules.ruletest.Scenarios;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the three checks on a ruleset's files: compile (DRL parser, then the classic build; YAML loading),
 * lint (the DRL allowlist) and tests (every scenario under rule-tests/ plus the submitted ones). Rules are
 * only built when they parse and lint clean, and only run when they also build.
 */
@Component
public class RulesetChecker {

    /** The checked files: the checks, and the compiled ruleset when compile and lint passed. */
    public record Checked(RulesetChecks checks, Ruleset ruleset) {
    }

    private final Path root;
    private final ScenarioRunner scenarios;

    RulesetChecker(@Value("${traffic.rules.root}") String root, JsonMapper json) {
        this.root = Path.of(root);
        this.scenarios = ScenarioRunner.standard(json);
    }

    /** Checks {@code files} against the scenarios on disk and {@code submitted} (which replace same-path ones). */
    public Checked check(RulesetFiles files, List<Scenario> submitted) {
        DrlInspection.Report inspection = DrlInspection.inspect(files);
        List<CompileMessage> compileMessages = new ArrayList<>(inspection.parseErrors());
        CompiledRules rules = null;
        boolean buildable = inspection.parsed() && inspection.lintClean();
        if (buildable) {
            try {
                rules = new RuleCompiler().compile(files);
            } catch (RulesetCompileException e) {
                compileMessages.addAll(e.messages());
            }
        }
        ChannelPolicies policies = null;
        try {
            policies = ChannelPolicies.load(files);
        } catch (RulesetCompileException e) {
            compileMessages.addAll(e.messages());
        }
        RulesetChecks.Compile compile = new RulesetChecks.Compile(compileMessages.isEmpty(), rules != null,
                List.copyOf(compileMessages));
        RulesetChecks.Lint lint = new RulesetChecks.Lint(inspection.lintClean(), inspection.findings());
        if (!compile.ok() || !lint.ok()) {
            return new Checked(new RulesetChecks(compile, lint, new RulesetChecks.Tests(false, 0, 0, List.of(), List.of())),
                    null);
        }
        Ruleset ruleset = new Ruleset(new RulesetRef(0, "checking", files.hash()), files, rules, policies);
        return new Checked(new RulesetChecks(compile, lint, test(ruleset, submitted)), ruleset);
    }

    private RulesetChecks.Tests test(Ruleset ruleset, List<Scenario> submitted) {
        Map<String, Scenario> byPath = new LinkedHashMap<>();
        Scenarios.load(root).forEach(scenario -> byPath.put(scenario.path(), scenario));
        submitted.forEach(scenario -> byPath.put(scenario.path(), scenario));
        List<ScenarioResult> results = scenarios.runAll(ruleset, List.copyOf(byPath.values()));
        List<RulesetChecks.Failure> failures = results.stream().filter(result -> !result.passed())
                .map(result -> new RulesetChecks.Failure(result.scenario().path(), String.join("\n", result.differences())))
                .toList();
        return new RulesetChecks.Tests(true, results.size() - failures.size(), failures.size(), List.copyOf(byPath.keySet()),
                failures);
    }
}
