package com.trafficrules.ruleset;

import com.trafficrules.web.Callers;
import com.trafficrules.web.UnprocessableException;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.http.HttpStatus;
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

    private final Rulesets rulesets;

    RulesetController(Rulesets rulesets) {
        this.rulesets = rulesets;
    }

    record VersionList(List<Rulesets.VersionView> rulesets) {
    }

    record EventList(List<Rulesets.Event> events) {
    }

    @GetMapping
    VersionList list() {
        return new VersionList(rulesets.list());
    }

    @GetMapping("/active")
    Rulesets.VersionView active() {
        return rulesets.active();
    }

    @GetMapping("/{id}")
    Rulesets.VersionWithFiles get(@PathVariable long id) {
        return rulesets.version(id);
    }

    /** Every status the version took, oldest first: who moved it, when, from what to what. */
    @GetMapping("/{id}/events")
    EventList events(@PathVariable long id) {
        return new EventList(rulesets.events(id));
    }

    /** The change from {@code against} to {@code id}. */
    @GetMapping("/{id}/diff")
    Rulesets.DiffView diff(@PathVariable long id,
                           @RequestParam(required = false) @NotNull(message = "is required: the version to compare with") Long against) {
        return rulesets.diff(id, against);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Rulesets.VersionWithFiles propose(@RequestBody RulesetGovernance.Proposal proposal) {
        Rulesets.Proposed proposed = rulesets.propose(proposal, Callers.current());
        if (proposed.rejected()) {
            throw new UnprocessableException("Ruleset version " + proposed.version().id()
                    + " failed its checks and is stored as REJECTED", "ruleset", proposed.version());
        }
        return proposed.version();
    }

    @PostMapping("/{id}/approve")
    Rulesets.VersionWithFiles approve(@PathVariable long id) {
        return rulesets.approve(id, Callers.current());
    }

    @PostMapping("/{id}/activate")
    Rulesets.VersionWithFiles activate(@PathVariable long id) {
        return rulesets.activate(id, Callers.current());
    }

    @PostMapping("/{id}/impact")
    ImpactPreview.Impact impact(@PathVariable long id, @RequestBody(required = false) ImpactPreview.Request request) {
        return rulesets.impact(id, request == null ? new ImpactPreview.Request(null, null, null) : request);
    }
}
