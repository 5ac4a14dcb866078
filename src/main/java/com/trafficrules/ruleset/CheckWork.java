package com.trafficrules.ruleset;

import com.trafficrules.kernel.Job;
import com.trafficrules.kernel.Scenario;
import com.trafficrules.kernel.StoredDecision;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What the check worker (a separate JVM, see {@link IsolatedChecks}) is given and what it answers, one JSON line
 * each way. A job carries everything the worker may know: files, scenarios and stored requests, never a
 * connection or a secret.
 */
public final class CheckWork {

    /** The worker's argument saying its first input line is a (trusted) job to warm up on, not to answer. */
    public static final String WARM_UP_ARG = "--warm-up";
    /** The worker's output lines: started (and warmed up), what it found before running any rule, its answer. */
    public static final String READY = "READY";
    public static final String CHECKED = "CHECKED ";
    public static final String ANSWER = "ANSWER ";

    private CheckWork() {
    }

    /** A line the worker may write: anything else means it is not the worker's own code writing. */
    static boolean isProtocolLine(CharSequence line) {
        String text = line.toString();
        return text.equals(READY) || text.startsWith(CHECKED) || text.startsWith(ANSWER);
    }

    /** Check {@code files} (compile, lint, then every scenario when they pass). */
    public record CheckJob(Map<String, String> files, List<Scenario> scenarios) {
    }

    /** Decide each stored request again under {@code candidate} and under {@code current}, and compare. */
    public record ImpactJob(Map<String, String> candidate, Map<String, String> current, List<StoredDecision> decisions,
                            Map<String, JsonNode> contexts) {
    }

    /** Exactly one of the two is set. */
    public record Job(CheckJob check, ImpactJob impact) {
    }

    /** The answer to a check job ({@code checks}) or an impact job ({@code changes}). */
    public record Answer(RulesetChecks checks, List<ImpactComparison.Change> changes) {
    }
}
