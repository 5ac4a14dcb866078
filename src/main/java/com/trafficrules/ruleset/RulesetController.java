package com.trafficrules.ruleset;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.trafficrules.web.Callers;
import com.trafficrules.web.NotFoundException;
import com.trafficrules.web.UnprocessableException;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ruleset versions: history for every reader (versions, files, checks, events, diffs) and the workflow for
 * the roles that run it (propose and preview: TRAFFIC_MANAGER; approve and activate: APPROVER).
 */
@RestController
@RequestMapping("/api/v1/rulesets")
class RulesetController {

    private final RulesetVersionRepository versions;
    private final RulesetGovernance governance;
    private final ImpactPreview impact;
    private final JdbcTemplate jdbc;

    RulesetController(RulesetVersionRepository versions, RulesetGovernance governance, ImpactPreview impact,
                      JdbcTemplate jdbc) {
        this.versions = versions;
        this.governance = governance;
        this.impact = impact;
        this.jdbc = jdbc;
    }

    record VersionView(long id, String label, String hash, RulesetStatus status, Instant createdAt, String createdBy,
                       String note, String approvedBy, Instant approvedAt, Instant activatedAt, String activatedBy) {

        static VersionView of(RulesetVersion v) {
            return new VersionView(v.getId(), v.getLabel(), v.getHash(), v.getStatus(), v.getCreatedAt(),
                    v.getCreatedBy(), v.getNote(), v.getApprovedBy(), v.getApprovedAt(), v.getActivatedAt(),
                    v.getActivatedBy());
        }
    }

    record VersionWithFiles(long id, String label, String hash, RulesetStatus status, Instant createdAt,
                            String createdBy, String note, String approvedBy, Instant approvedAt, Instant activatedAt,
                            String activatedBy, List<RulesetFileEntry> files, @JsonRawValue String checks) {

        static VersionWithFiles of(RulesetVersion v) {
            return new VersionWithFiles(v.getId(), v.getLabel(), v.getHash(), v.getStatus(), v.getCreatedAt(),
                    v.getCreatedBy(), v.getNote(), v.getApprovedBy(), v.getApprovedAt(), v.getActivatedAt(),
                    v.getActivatedBy(), List.copyOf(v.getFiles()), v.getChecks());
        }
    }

    record VersionList(List<VersionView> rulesets) {
    }

    record Event(String from, String to, Instant at, String by) {
    }

    record EventList(List<Event> events) {
    }

    record DiffView(long id, long against, List<RulesetDiff.FileDiff> files) {
    }

    @GetMapping
    VersionList list() {
        return new VersionList(versions.findAllByOrderByIdDesc().stream().map(VersionView::of).toList());
    }

    @GetMapping("/active")
    VersionView active() {
        return versions.findByStatus(RulesetStatus.ACTIVE).map(VersionView::of)
                .orElseThrow(() -> new NotFoundException("No ruleset version is active"));
    }

    @GetMapping("/{id}")
    VersionWithFiles get(@PathVariable long id) {
        return VersionWithFiles.of(find(id));
    }

    /** Every status the version took, oldest first: who moved it, when, from what to what. */
    @GetMapping("/{id}/events")
    EventList events(@PathVariable long id) {
        find(id);
        return new EventList(jdbc.query("select from_status, to_status, at, by from ruleset_event where ruleset_id = ? order by id",
                (row, n) -> new Event(row.getString(1), row.getString(2), row.getTimestamp(3).toInstant(), row.getString(4)),
                id));
    }

    /** The change from {@code against} to {@code id}. */
    @GetMapping("/{id}/diff")
    DiffView diff(@PathVariable long id,
                  @RequestParam(required = false) @NotNull(message = "is required: the version to compare with") Long against) {
        RulesetVersion to = find(id);
        RulesetVersion from = find(against);
        return new DiffView(id, against, RulesetDiff.between(from.rulesetFiles().all(), to.rulesetFiles().all()));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    VersionWithFiles propose(@RequestBody RulesetGovernance.Proposal proposal) {
        RulesetGovernance.Proposed proposed = governance.propose(proposal, Callers.current());
        VersionWithFiles view = VersionWithFiles.of(find(proposed.version().getId()));
        if (proposed.rejected()) {
            throw new UnprocessableException("Ruleset version " + view.id() + " failed its checks and is stored as REJECTED",
                    "ruleset", view);
        }
        return view;
    }

    @PostMapping("/{id}/approve")
    VersionWithFiles approve(@PathVariable long id) {
        governance.approve(id, Callers.current());
        return VersionWithFiles.of(find(id));
    }

    @PostMapping("/{id}/activate")
    VersionWithFiles activate(@PathVariable long id) {
        governance.activate(id, Callers.current());
        return VersionWithFiles.of(find(id));
    }

    @PostMapping("/{id}/impact")
    ImpactPreview.Impact impact(@PathVariable long id, @RequestBody(required = false) ImpactPreview.Request request) {
        return impact.preview(id, request == null ? new ImpactPreview.Request(null, null, null) : request);
    }

    /** The version with its files loaded, so views can be built after the repository's transaction. */
    private RulesetVersion find(long id) {
        return versions.findWithFilesById(id).orElseThrow(() -> new NotFoundException("No ruleset version " + id));
    }
}
