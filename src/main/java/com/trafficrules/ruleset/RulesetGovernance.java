package com.trafficrules.ruleset;

import com.trafficrules.engine.RulesetCompileException;
import com.trafficrules.engine.RulesetFiles;
import com.trafficrules.kernel.JobCatalog;
import com.trafficrules.kernel.Scenario;
import com.trafficrules.ruletest.ScenarioRunner;
import com.trafficrules.ruletest.Scenarios;
import com.trafficrules.web.ConflictException;
import com.trafficrules.web.ForbiddenException;
import com.trafficrules.web.NotFoundException;
import com.trafficrules.web.RequestChecks;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ruleset workflow: propose (with checks), approve (by someone else), activate (and roll back). Every
 * status change runs under the transition lock with its actor named, so the schema records it as an
 * event and tells every replica about an activation.
 */
@Service
public class RulesetGovernance {

    private static final Logger log = LoggerFactory.getLogger(RulesetGovernance.class);
    /** A .drl file under rules/<job>/ or a file under config/, a plain relative path. */
    private static final String RULESET_PATH = "rules/[a-z][a-z0-9_]*/([A-Za-z0-9_][A-Za-z0-9_.-]*/)*[A-Za-z0-9_][A-Za-z0-9_.-]*\\.drl"
            + "|config(/[A-Za-z0-9_][A-Za-z0-9_.-]*)+";
    private static final String SCENARIO_PATH = "rule-tests/[a-z][a-z0-9_]*/[A-Za-z0-9_][A-Za-z0-9_.-]*\\.ya?ml";
    private static final int MAX_LABEL = 200;
    private static final int MAX_NOTE = 4000;
    private static final String LABEL = "must be 1 to " + MAX_LABEL + " characters";

    /** One file of a proposal; a null content removes the file the base has at that path. */
    public record FileChange(@NotBlank @Pattern(regexp = RULESET_PATH, message = "must be a .drl file under rules/<job>/ or a file "
            + "under config/, a plain relative path") String path, String content) {
    }

    /** A scenario submitted with a proposal, run beside rule-tests/ (same path replaces the one on disk). */
    public record SubmittedScenario(@NotBlank @Pattern(regexp = SCENARIO_PATH, message = "must be rule-tests/<job>/<name>.yaml") String path,
                             @NotBlank String content) {
    }

    /** A label, when sent, is not blank (what String.isBlank calls blank) and at most {@link #MAX_LABEL} long. */
    public record Proposal(@Size(max = MAX_LABEL, message = LABEL)
                    @Pattern(regexp = "(?s)\\p{javaWhitespace}*+\\P{javaWhitespace}.*+", message = LABEL) String label,
                    @Size(max = MAX_NOTE, message = "must be at most {max} characters") String note, Long base,
                    List<@NotNull @Valid FileChange> files, List<@NotNull @Valid SubmittedScenario> scenarios) {

        public Proposal {
            files = files == null ? List.of() : files;
            scenarios = scenarios == null ? List.of() : scenarios;
        }
    }

    /** The stored version and whether its checks let it through. */
    record Proposed(RulesetVersion version, boolean rejected) {
    }

    private final RulesetVersionRepository versions;
    private final IsolatedChecks checker;
    private final Path root;
    private final CompiledVersions compiled;
    private final RulesetSync sync;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final SortedSet<String> scenarioKinds;

    RulesetGovernance(RulesetVersionRepository versions, IsolatedChecks checker, @Value("${traffic.rules.root}") String root,
                      CompiledVersions compiled, RulesetSync sync, TransactionTemplate transactions, JdbcTemplate jdbc,
                      JsonMapper json, Clock clock, JobCatalog jobs) {
        this.versions = versions;
        this.checker = checker;
        this.root = Path.of(root);
        this.compiled = compiled;
        this.sync = sync;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.scenarioKinds = new ScenarioRunner(jobs.scenarioKinds(json)).kinds();
    }

    Proposed propose(Proposal proposal, String caller) {
        RequestChecks checks = RequestChecks.of(proposal);
        RulesetVersion base = base(proposal.base(), checks);
        Map<String, String> merged = base == null ? new TreeMap<>() : new TreeMap<>(base.rulesetFiles().all());
        applyChanges(proposal.files(), merged, base != null, checks);
        List<Scenario> scenarios = scenarios(proposal.scenarios(), checks);
        if (base != null && merged.isEmpty()) {
            checks.reject("files", "leave the proposed ruleset without any file");
        } else if (base != null && merged.equals(base.rulesetFiles().all()) && proposal.scenarios().isEmpty()) {
            checks.reject("files", "change nothing: the files are version " + base.getId() + "'s and no scenario is submitted");
        }
        checks.throwIfAny();

        RulesetFiles files = RulesetFiles.of(merged);
        RulesetChecks found = checker.check(files, withSubmitted(Scenarios.load(root), scenarios));
        boolean rejected = !found.buildable();
        String label = proposal.label() != null ? proposal.label().strip() : "proposal-" + files.hash().substring(0, 12);
        String note = proposal.note() != null ? proposal.note() : "based on version " + base.getId();
        RulesetVersion stored = transactions.execute(status -> {
            RulesetVersion version = versions.saveAndFlush(new RulesetVersion(label, files, clock.instant(), caller, note,
                    rejected ? RulesetStatus.REJECTED : RulesetStatus.PROPOSED, json.writeValueAsString(found)));
            proposal.scenarios().forEach(scenario -> jdbc.update(
                    "insert into ruleset_scenario (ruleset_id, path, content) values (?, ?, ?)",
                    version.getId(), scenario.path(), scenario.content()));
            return version;
        });
        log.info("{} proposed ruleset {} '{}' ({}): {}", caller, stored.getId(), label, files.hash(), stored.getStatus());
        return new Proposed(stored, rejected);
    }

    /** The scenarios of rule-tests/ with the submitted ones added, a submitted one replacing one at its path. */
    private static List<Scenario> withSubmitted(List<Scenario> onDisk, List<Scenario> submitted) {
        Map<String, Scenario> byPath = new LinkedHashMap<>();
        onDisk.forEach(scenario -> byPath.put(scenario.path(), scenario));
        submitted.forEach(scenario -> byPath.put(scenario.path(), scenario));
        return List.copyOf(byPath.values());
    }

    private RulesetVersion base(Long baseId, RequestChecks checks) {
        if (baseId == null) {
            return versions.findByStatus(RulesetStatus.ACTIVE).flatMap(active -> versions.findWithFilesById(active.getId()))
                    .orElseThrow(() -> new ConflictException("No ruleset version is active to base the proposal on; name one in 'base'"));
        }
        RulesetVersion base = versions.findWithFilesById(baseId).orElse(null);
        if (base == null) {
            checks.reject("base", "names no ruleset version: " + baseId);
        }
        return base;
    }

    private static void applyChanges(List<FileChange> changes, Map<String, String> merged, boolean knowBase,
                                     RequestChecks checks) {
        Set<String> seen = new HashSet<>();
        checks.each("files", changes, (field, change) -> {
            if (!checks.ok(field + ".path")) {
                return;
            }
            String path = change.path();
            if (!seen.add(path)) {
                checks.reject(field + ".path", "names " + path + " a second time");
            } else if (change.content() != null) {
                merged.put(path, change.content());
            } else if (merged.remove(path) == null && knowBase) {
                checks.reject(field + ".content", "is null, which removes a file, but the base has no " + path);
            }
        });
    }

    private List<Scenario> scenarios(List<SubmittedScenario> submitted, RequestChecks checks) {
        List<Scenario> scenarios = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        checks.each("scenarios", submitted, (field, scenario) -> {
            if (!checks.ok(field)) {
                return;
            }
            if (!seen.add(scenario.path())) {
                checks.reject(field + ".path", "names " + scenario.path() + " a second time");
                return;
            }
            try {
                Scenario parsed = Scenarios.parse(scenario.path(), scenario.content());
                if (scenarioKinds.contains(parsed.kind())) {
                    scenarios.add(parsed);
                } else {
                    checks.reject(field + ".content", "has kind '" + parsed.kind() + "', which no scenario can have (kinds: "
                            + String.join(", ", scenarioKinds) + ")");
                }
            } catch (IllegalArgumentException e) {
                checks.reject(field + ".content", e.getMessage());
            }
        });
        return scenarios;
    }

    RulesetVersion approve(long id, String caller) {
        transactions.executeWithoutResult(status -> {
            Transitions.begin(jdbc, caller);
            RulesetVersion version = find(id);
            if (version.getCreatedBy().equals(caller)) {
                throw new ForbiddenException("Ruleset version " + id + " was proposed by " + caller
                        + "; someone else must approve it");
            }
            if (version.getStatus() != RulesetStatus.PROPOSED) {
                throw new ConflictException("Ruleset version " + id + " is " + version.getStatus()
                        + "; only a PROPOSED version can be approved");
            }
            RulesetChecks checks = version.getChecks() == null ? null : json.readValue(version.getChecks(), RulesetChecks.class);
            if (checks == null || !checks.approvable()) {
                throw new ConflictException("Ruleset version " + id + " cannot be approved: "
                        + (checks == null ? "it has no stored checks" : checks.tests().failed()
                        + " of its rule tests fail"));
            }
            jdbc.update("update ruleset_version set status = 'APPROVED', approved_by = ?, approved_at = ? where id = ?",
                    caller, Timestamp.from(clock.instant()), id);
        });
        log.info("{} approved ruleset {}", caller, id);
        return find(id);
    }

    /**
     * Makes the version the one every replica serves. It is compiled (or taken from the cache) before the
     * switch, so a replica never learns of a version it cannot serve; this replica swaps as soon as the
     * switch commits, the others on the notification the switch sends.
     */
    RulesetVersion activate(long id, String caller) {
        RulesetVersion version = find(id);
        requireActivatable(version);
        try {
            compiled.of(id);
        } catch (RulesetCompileException e) {
            throw new ConflictException("Ruleset version " + id + " does not compile here: " + e.getMessage());
        }
        transactions.executeWithoutResult(status -> {
            Transitions.begin(jdbc, caller);
            requireActivatable(find(id));
            jdbc.update("update ruleset_version set status = 'RETIRED' where status = 'ACTIVE'");
            jdbc.update("update ruleset_version set status = 'ACTIVE', activated_at = ?, activated_by = ? where id = ?",
                    Timestamp.from(clock.instant()), caller, id);
        });
        log.info("{} activated ruleset {}", caller, id);
        sync.syncNow();
        return find(id);
    }

    private static void requireActivatable(RulesetVersion version) {
        if (version.getStatus() != RulesetStatus.APPROVED && version.getStatus() != RulesetStatus.RETIRED) {
            throw new ConflictException("Ruleset version " + version.getId() + " is " + version.getStatus()
                    + "; only an APPROVED or a formerly active (RETIRED) version can be activated");
        }
    }

    private RulesetVersion find(long id) {
        return versions.findById(id).orElseThrow(() -> new NotFoundException("No ruleset version " + id));
    }
}
