package com.trafficrules.ruleset;

import com.trafficrules.engine.CompileMessage;
import com.trafficrules.engine.CompiledRules;
import com.trafficrules.engine.DrlInspection;
import com.trafficrules.engine.RuleCompiler;
import com.trafficrules.engine.RulesetCompileException;
import com.trafficrules.engine.RulesetFiles;
import com.trafficrules.kernel.JobCatalog;
import com.trafficrules.kernel.Ruleset;
import com.trafficrules.kernel.RulesetConfig;
import com.trafficrules.kernel.RulesetRef;
import com.trafficrules.kernel.Scenario;
import com.trafficrules.ruletest.ScenarioResult;
import com.trafficrules.ruletest.ScenarioRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the three checks on a ruleset's files: compile (DRL parser, then the classic build; YAML loading),
 * lint (the DRL allowlist) and tests (the scenarios it is given). Rules are only built when they parse and lint
 * clean, and only run when they also build. Building and running rules runs their code: a proposal's files
 * are checked in the check worker ({@link IsolatedChecks}); only the files on disk at start are checked here.
 */
public class RulesetChecker {

    /** The checked files: the checks, and the compiled ruleset when compile and lint passed. */
    public record Checked(RulesetChecks checks, Ruleset ruleset) {
    }

    private final List<RulesetConfig<?>> configs;
    private final ScenarioRunner scenarios;

    public RulesetChecker(JobCatalog jobs, JsonMapper json) {
        this.configs = jobs.configs();
        this.scenarios = new ScenarioRunner(jobs.scenarioKinds(json));
    }

    public Checked check(RulesetFiles files, List<Scenario> scenarios) {
        return check(files, scenarios, checks -> { });
    }

    /**
     * Checks {@code files} against {@code scenarios}; {@code beforeTests} hears compile and lint before any rule
     * runs, so a check stopped while the rules run still reports them.
     */
    public Checked check(RulesetFiles files, List<Scenario> scenarios, Consumer<RulesetChecks> beforeTests) {
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
        Map<Class<?>, Object> read = Map.of();
        try {
            read = RulesetConfig.readAll(configs, files);
        } catch (RulesetCompileException e) {
            compileMessages.addAll(e.messages());
        }
        RulesetChecks.Compile compile = new RulesetChecks.Compile(compileMessages.isEmpty(), rules != null,
                List.copyOf(compileMessages));
        RulesetChecks.Lint lint = new RulesetChecks.Lint(inspection.lintClean(), inspection.findings());
        RulesetChecks compiledAndLinted = new RulesetChecks(compile, lint, RulesetChecks.NOT_RUN, null);
        if (!compiledAndLinted.buildable()) {
            return new Checked(compiledAndLinted, null);
        }
        beforeTests.accept(compiledAndLinted);
        Ruleset ruleset = new Ruleset(new RulesetRef(0, "checking", files.hash()), files, rules, read);
        return new Checked(new RulesetChecks(compile, lint, test(ruleset, scenarios), null), ruleset);
    }

    private RulesetChecks.Tests test(Ruleset ruleset, List<Scenario> scenarios) {
        List<ScenarioResult> results = this.scenarios.runAll(ruleset, scenarios);
        List<RulesetChecks.Failure> failures = results.stream().filter(result -> !result.passed())
                .map(result -> new RulesetChecks.Failure(result.scenario().path(), String.join("\n", result.differences())))
                .toList();
        return new RulesetChecks.Tests(true, results.size() - failures.size(), failures.size(),
                scenarios.stream().map(Scenario::path).toList(), failures);
    }
}
