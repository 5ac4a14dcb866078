package com.trafficrules;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.trafficrules.engine.RulesetCompileException;
import com.trafficrules.engine.RulesetFiles;
import com.trafficrules.kernel.JobCatalog;
import com.trafficrules.kernel.Ruleset;
import com.trafficrules.kernel.RulesetRef;
import com.trafficrules.kernel.Scenario;
import com.trafficrules.ruletest.ScenarioResult;
import com.trafficrules.ruletest.ScenarioRunner;
import com.trafficrules.ruletest.Scenarios;
import com.trafficrules.web.JsonConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The traffic manager's rule-test command: compiles {@code rules/} and {@code config/} from disk, runs
 * every scenario under {@code rule-tests/} and prints PASS or FAIL (with the differences) for each.
 * Arguments: {@code [project root] [filter]}, where filter keeps scenarios whose path contains it.
 * Exits 1 when the ruleset does not compile, a scenario fails or no scenario matches the filter.
 */
public final class RuleTestsCommand {

    private RuleTestsCommand() {
    }

    public static void main(String[] args) {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        String filter = args.length > 1 ? args[1] : "";
        System.exit(run(root, filter, System.out));
    }

    /** Runs the scenarios and prints their results to {@code out}; returns the exit code. */
    static int run(Path root, String filter, PrintStream out) {
        JobCatalog jobs = Composition.jobs();
        RulesetFiles files = RulesetFiles.fromDirectory(root);
        Ruleset ruleset;
        try {
            ruleset = jobs.compile(new RulesetRef(0, "disk", files.hash()), files);
        } catch (RulesetCompileException e) {
            out.println("The ruleset does not compile:");
            e.messages().forEach(message -> out.println("  " + message));
            return 1;
        }
        List<Scenario> scenarios = Scenarios.load(root).stream().filter(s -> s.path().contains(filter)).toList();
        if (scenarios.isEmpty()) {
            out.println("No scenario under rule-tests/ has a path containing '" + filter + "'.");
        }
        List<ScenarioResult> results = new ScenarioRunner(jobs.scenarioKinds(JsonConfig.standalone())).runAll(ruleset, scenarios);
        results.forEach(result -> {
            out.println((result.passed() ? "PASS " : "FAIL ") + result.scenario().path() + "  " + result.scenario().name());
            if (!result.passed()) {
                out.println(result.report());
            }
        });
        long failed = results.stream().filter(result -> !result.passed()).count();
        out.println();
        out.println("rule-tests: " + (results.size() - failed) + " passed, " + failed + " failed");
        return failed == 0 && !results.isEmpty() ? 0 : 1;
    }
}
