package com.trafficrules.ruleset;

import com.trafficrules.database.TrafficDbProperties;
import com.trafficrules.engine.CompileMessage;
import com.trafficrules.engine.RulesetCompileException;
import com.trafficrules.engine.RulesetFiles;
import com.trafficrules.kernel.ActiveRuleset;
import com.trafficrules.kernel.JobCatalog;
import com.trafficrules.kernel.Ruleset;
import com.trafficrules.ruletest.Scenarios;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * At start: checks {@code rules/} and {@code config/} from disk (compile, lint, tests), registers them as a
 * version with those checks and decides which version serves. A ruleset that does not compile or fails
 * lint stops the start; failing scenarios are logged and stored with the version.
 */
@Component
class RulesetBootstrap implements InitializingBean {

    static final String SYSTEM = "system:bootstrap";
    private static final Logger log = LoggerFactory.getLogger(RulesetBootstrap.class);

    private final RulesetVersionRepository versions;
    private final ActiveRuleset active;
    private final CompiledVersions compiled;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final Path root;
    private final boolean activateOnStart;
    private final JobCatalog jobs;

    RulesetBootstrap(RulesetVersionRepository versions, ActiveRuleset active, CompiledVersions compiled,
                     TransactionTemplate transactions, JdbcTemplate jdbc, JsonMapper json,
                     Clock clock, TrafficDbProperties db,
                     @Value("${traffic.rules.root}") String root,
                     @Value("${traffic.rules.activate-on-start:#{null}}") Boolean activateOnStart, JobCatalog jobs) {
        this.versions = versions;
        this.active = active;
        this.compiled = compiled;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.root = Path.of(root);
        this.activateOnStart = activateOnStart != null ? activateOnStart : db.embedded();
        this.jobs = jobs;
    }

    @Override
    public void afterPropertiesSet() {
        RulesetFiles disk = RulesetFiles.fromDirectory(root);
        if (disk.isEmpty()) {
            throw new IllegalStateException("No ruleset files under " + root.toAbsolutePath() + " (expected rules/ and config/)");
        }
        RulesetChecker.Checked checkedDisk = checkOrFail(disk);
        Ruleset serving = transactions.execute(status -> {
            Transitions.begin(jdbc, SYSTEM);
            RulesetVersion diskVersion = versions.findFirstByHashAndStatusNotOrderByIdDesc(disk.hash(), RulesetStatus.REJECTED)
                    .orElseGet(() -> versions.saveAndFlush(new RulesetVersion("disk-" + disk.hash().substring(0, 12), disk,
                            clock.instant(), SYSTEM, "rules/ and config/ found on disk at start", RulesetStatus.PROPOSED,
                            json.writeValueAsString(checkedDisk.checks()))));
            RulesetVersion current = versions.findByStatus(RulesetStatus.ACTIVE).orElse(null);
            if (current == null || (activateOnStart && !current.getId().equals(diskVersion.getId()))) {
                if (current != null) {
                    current.retire();
                    versions.saveAndFlush(current);
                }
                diskVersion.activate(clock.instant(), SYSTEM);
                versions.saveAndFlush(diskVersion);
                log.info("Activated ruleset {} ({}) from disk", diskVersion.getLabel(), diskVersion.getHash());
                return checkedDisk.ruleset().withRef(diskVersion.ref());
            }
            if (current.getId().equals(diskVersion.getId())) {
                return checkedDisk.ruleset().withRef(current.ref());
            }
            log.warn("rules/ and config/ on disk ({}) differ from the active ruleset; they are stored as PROPOSED "
                    + "version {} and the active one keeps serving (traffic.rules.activate-on-start=false)",
                    disk.hash(), diskVersion.getId());
            return compiled.of(current.getId());
        });
        compiled.remember(serving);
        active.serve(serving);
        log.info("Serving ruleset {} '{}' ({})", serving.ref().id(), serving.ref().label(), serving.ref().hash());
    }

    private RulesetChecker.Checked checkOrFail(RulesetFiles files) {
        // The deployment's own files, trusted as the service's code is: checked here, not in the check worker.
        RulesetChecker checker = new RulesetChecker(jobs, json);
        RulesetChecker.Checked checked = checker.check(files, Scenarios.load(root));
        RulesetChecks checks = checked.checks();
        if (!checks.buildable()) {
            List<CompileMessage> problems = new ArrayList<>(checks.compile().messages());
            checks.lint().findings().forEach(finding ->
                    problems.add(new CompileMessage(finding.path(), finding.line(), 1, "lint: " + finding.message())));
            problems.forEach(problem -> log.error("{}", problem));
            throw new RulesetCompileException(problems);
        }
        checks.tests().failures().forEach(failure ->
                log.warn("Rule test {} fails on the files on disk:\n{}", failure.scenario(), failure.diff()));
        return checked;
    }
}
