package com.trafficrules.ruleset;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.trafficrules.web.NotFoundException;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ruleset versions as every reader sees them (versions, files, checks, events, diffs) and the workflow as
 * its roles run it. The HTTP API and the console both go through here, so they show the same history.
 */
@Service
public class Rulesets {

    private final RulesetVersionRepository versions;
    private final RulesetGovernance governance;
    private final ImpactPreview impact;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    Rulesets(RulesetVersionRepository versions, RulesetGovernance governance, ImpactPreview impact, JdbcTemplate jdbc,
             JsonMapper json) {
        this.versions = versions;
        this.governance = governance;
        this.impact = impact;
        this.jdbc = jdbc;
        this.json = json;
    }

    public record VersionView(long id, String label, String hash, RulesetStatus status, Instant createdAt, String createdBy,
                              String note, String approvedBy, Instant approvedAt, Instant activatedAt, String activatedBy) {

        static VersionView of(RulesetVersion v) {
            return new VersionView(v.getId(), v.getLabel(), v.getHash(), v.getStatus(), v.getCreatedAt(),
                    v.getCreatedBy(), v.getNote(), v.getApprovedBy(), v.getApprovedAt(), v.getActivatedAt(),
                    v.getActivatedBy());
        }
    }

    public record VersionWithFiles(long id, String label, String hash, RulesetStatus status, Instant createdAt,
                                   String createdBy, String note, String approvedBy, Instant approvedAt, Instant activatedAt,
                                   String activatedBy, List<RulesetFileEntry> files, @JsonRawValue String checks) {

        static VersionWithFiles of(RulesetVersion v) {
            return new VersionWithFiles(v.getId(), v.getLabel(), v.getHash(), v.getStatus(), v.getCreatedAt(),
                    v.getCreatedBy(), v.getNote(), v.getApprovedBy(), v.getApprovedAt(), v.getActivatedAt(),
                    v.getActivatedBy(), List.copyOf(v.getFiles()), v.getChecks());
        }
    }

    /** One status the version took: who moved it, when, from what to what ({@code from} null when it was stored). */
    public record Event(String from, String to, Instant at, String by) {
    }

    public record DiffView(long id, long against, List<RulesetDiff.FileDiff> files) {
    }

    /** A stored proposal and whether its checks rejected it (stored as REJECTED). */
    public record Proposed(VersionWithFiles version, boolean rejected) {
    }

    /** Every version, newest first. */
    public List<VersionView> list() {
        return versions.findAllByOrderByIdDesc().stream().map(VersionView::of).toList();
    }

    public VersionView active() {
        return versions.findByStatus(RulesetStatus.ACTIVE).map(VersionView::of)
                .orElseThrow(() -> new NotFoundException("No ruleset version is active"));
    }

    public VersionWithFiles version(long id) {
        return VersionWithFiles.of(find(id));
    }

    /** What the version's checks found; null for a version stored before checks existed. */
    public RulesetChecks checks(VersionWithFiles version) {
        return version.checks() == null ? null : json.readValue(version.checks(), RulesetChecks.class);
    }

    /** Every status the version took, oldest first. */
    public List<Event> events(long id) {
        find(id);
        return jdbc.query("select from_status, to_status, at, by from ruleset_event where ruleset_id = ? order by id",
                (row, n) -> new Event(row.getString(1), row.getString(2), row.getTimestamp(3).toInstant(), row.getString(4)),
                id);
    }

    /**
     * The version that served before {@code id} first did — or, for one never active, the one serving now (or
     * last): what a reader compares it with to see what it changed. Else the version stored just before it; null
     * for the first version.
     */
    public Long predecessor(long id) {
        find(id);
        List<Long> served = jdbc.queryForList("""
                select ruleset_id from ruleset_event
                where to_status = 'ACTIVE' and ruleset_id <> ?
                  and id < coalesce((select min(id) from ruleset_event where ruleset_id = ? and to_status = 'ACTIVE'),
                                    9223372036854775807)
                order by id desc limit 1""", Long.class, id, id);
        if (!served.isEmpty()) {
            return served.get(0);
        }
        List<Long> stored = jdbc.queryForList("select max(id) from ruleset_version where id < ?", Long.class, id);
        return stored.get(0);
    }

    /** The change from {@code against} to {@code id}. */
    public DiffView diff(long id, long against) {
        RulesetVersion to = find(id);
        RulesetVersion from = find(against);
        return new DiffView(id, against, RulesetDiff.between(from.rulesetFiles().all(), to.rulesetFiles().all()));
    }

    public Proposed propose(RulesetGovernance.Proposal proposal, String caller) {
        RulesetGovernance.Proposed proposed = governance.propose(proposal, caller);
        return new Proposed(version(proposed.version().getId()), proposed.rejected());
    }

    public VersionWithFiles approve(long id, String caller) {
        governance.approve(id, caller);
        return version(id);
    }

    public VersionWithFiles activate(long id, String caller) {
        governance.activate(id, caller);
        return version(id);
    }

    public ImpactPreview.Impact impact(long id, ImpactPreview.Request request) {
        return impact.preview(id, request);
    }

    /** The version with its files loaded, so views can be built after the repository's transaction. */
    private RulesetVersion find(long id) {
        return versions.findWithFilesById(id).orElseThrow(() -> new NotFoundException("No ruleset version " + id));
    }
}
