package com.trafficrules.ruleset;

import com.trafficrules.engine.CompileMessage;
import com.trafficrules.engine.LintFinding;
import java.util.List;

/**
 * What the three checks found when a version was stored; kept with the version forever.
 *
 * @param compile parse errors, then build errors of the classic DRL path, and YAML that does not load.
 *                {@code built} is false when the DRL was not built because it did not parse or failed lint
 *                (building would compile untrusted code into this JVM).
 * @param lint    constructs outside the allowlist, and rule names used twice
 * @param tests   the scenarios of rule-tests/ plus those submitted with the proposal; {@code ran} is false
 *                when compile or lint failed, because rules that failed them are never executed
 * @param stopped null when the checks ran to their end; else why the check worker was stopped before it
 *                answered (past its wall-clock or CPU limit, out of memory): a version whose checks were
 *                stopped is rejected
 */
public record RulesetChecks(Compile compile, Lint lint, Tests tests, String stopped) {

    static final Tests NOT_RUN = new Tests(false, 0, 0, List.of(), List.of());

    /** What was found before the worker was stopped (compile and lint when they had finished), and why. */
    static RulesetChecks stoppedAfter(RulesetChecks found, String reason) {
        if (found == null) {
            return new RulesetChecks(new Compile(false, false, List.of()), new Lint(false, List.of()), NOT_RUN, reason);
        }
        return new RulesetChecks(found.compile(), found.lint(), NOT_RUN, reason);
    }

    public record Compile(boolean ok, boolean built, List<CompileMessage> messages) {
    }

    public record Lint(boolean ok, List<LintFinding> findings) {
    }

    public record Tests(boolean ran, int passed, int failed, List<String> scenarios, List<Failure> failures) {
    }

    public record Failure(String scenario, String diff) {
    }

    /** Compile and lint are clean: the version may be stored as PROPOSED and its rules may run. */
    public boolean buildable() {
        return stopped == null && compile.ok() && lint.ok();
    }

    /** Buildable and every scenario passed: the only kind of version an approver may approve. */
    public boolean approvable() {
        return buildable() && tests.ran() && tests.failed() == 0;
    }
}
