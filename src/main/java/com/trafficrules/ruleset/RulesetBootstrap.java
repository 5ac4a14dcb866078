package com.trafficrules.ruleset;

import com.trafficrules.database.TrafficDbProperties;
import com.trafficrules.engine.RulesetCompileException;
import com.trafficrules.engine.RulesetFiles;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start: compiles {@code rules/} and {@code config/} from disk, registers them as a version and
 * decides which version serves. A ruleset that does not compile stops the start.
 */
@Component
class RulesetBootstrap implements InitializingBean {

    static final String SYSTEM = "system:bootstrap";
    private static final Logger log = LoggerFactory.getLogger(RulesetBootstrap.class);
    /** Serialises the start-up registration of several replicas on one database. */
    private static final long BOOTSTRAP_LOCK = 0x7472_6166_6669_6301L;

    private final RulesetVersionRepository versions;
    private final ActiveRuleset active;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Path root;
    private final boolean activateOnStart;

    RulesetBootstrap(RulesetVersionRepository versions, ActiveRuleset active, TransactionTemplate transactions,
                     JdbcTemplate jdbc, Clock clock, TrafficDbProperties db,
                     @Value("${traffic.rules.root}") String root,
                     @Value("${traffic.rules.activate-on-start:#{null}}") Boolean activateOnStart) {
        this.versions = versions;
        this.active = active;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.clock = clock;
        this.root = Path.of(root);
        this.activateOnStart = activateOnStart != null ? activateOnStart : db.embedded();
    }

    @Override
    public void afterPropertiesSet() {
        RulesetFiles disk = RulesetFiles.fromDirectory(root);
        if (disk.isEmpty()) {
            throw new IllegalStateException("No ruleset files under " + root.toAbsolutePath() + " (expected rules/ and config/)");
        }
        Ruleset compiledDisk = compileOrFail(disk);
        Ruleset serving = transactions.execute(status -> {
            jdbc.query("select pg_advisory_xact_lock(?)", rows -> { }, BOOTSTRAP_LOCK);
            RulesetVersion diskVersion = versions.findFirstByHashAndStatusNotOrderByIdDesc(disk.hash(), RulesetStatus.REJECTED)
                    .orElseGet(() -> versions.save(new RulesetVersion("disk-" + disk.hash().substring(0, 12), disk,
                            clock.instant(), SYSTEM, "rules/ and config/ found on disk at start")));
            RulesetVersion current = versions.findByStatus(RulesetStatus.ACTIVE).orElse(null);
            if (current == null || (activateOnStart && !current.getId().equals(diskVersion.getId()))) {
                if (current != null) {
                    current.retire();
                    versions.saveAndFlush(current);
                }
                diskVersion.activate(clock.instant(), SYSTEM);
                log.info("Activated ruleset {} ({}) from disk", diskVersion.getLabel(), diskVersion.getHash());
                return new Ruleset(diskVersion.ref(), disk, compiledDisk.rules(), compiledDisk.policies());
            }
            if (current.getId().equals(diskVersion.getId())) {
                return new Ruleset(current.ref(), disk, compiledDisk.rules(), compiledDisk.policies());
            }
            log.warn("rules/ and config/ on disk ({}) differ from the active ruleset; they are stored as PROPOSED "
                    + "version {} and the active one keeps serving (traffic.rules.activate-on-start=false)",
                    disk.hash(), diskVersion.getId());
            return compileOrFail(current.ref(), current.rulesetFiles());
        });
        active.serve(serving);
        log.info("Serving ruleset {} '{}' ({})", serving.ref().id(), serving.ref().label(), serving.ref().hash());
    }

    private static Ruleset compileOrFail(RulesetFiles files) {
        return compileOrFail(new RulesetRef(0, "disk", files.hash()), files);
    }

    private static Ruleset compileOrFail(RulesetRef ref, RulesetFiles files) {
        try {
            return Ruleset.compile(ref, files);
        } catch (RulesetCompileException e) {
            e.messages().forEach(message -> log.error("{}", message));
            throw e;
        }
    }
}
