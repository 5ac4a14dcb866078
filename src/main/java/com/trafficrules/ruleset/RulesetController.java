package com.trafficrules.ruleset;

import com.trafficrules.web.NotFoundException;
import java.time.Instant;
import java.util.List;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Ruleset history for everyone who may read: every version, newest first, with its files. */
@RestController
@RequestMapping("/api/v1/rulesets")
class RulesetController {

    private final RulesetVersionRepository versions;

    RulesetController(RulesetVersionRepository versions) {
        this.versions = versions;
    }

    record VersionView(long id, String label, String hash, RulesetStatus status, Instant createdAt, String createdBy,
                       String note, String approvedBy, Instant activatedAt, String activatedBy) {

        static VersionView of(RulesetVersion v) {
            return new VersionView(v.getId(), v.getLabel(), v.getHash(), v.getStatus(), v.getCreatedAt(),
                    v.getCreatedBy(), v.getNote(), v.getApprovedBy(), v.getActivatedAt(), v.getActivatedBy());
        }
    }

    record VersionWithFiles(long id, String label, String hash, RulesetStatus status, Instant createdAt,
                            String createdBy, String note, String approvedBy, Instant activatedAt, String activatedBy,
                            List<RulesetFileEntry> files) {
    }

    record VersionList(List<VersionView> rulesets) {
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
    @Transactional(readOnly = true)
    VersionWithFiles get(@PathVariable long id) {
        RulesetVersion v = versions.findById(id).orElseThrow(() -> new NotFoundException("No ruleset version " + id));
        return new VersionWithFiles(v.getId(), v.getLabel(), v.getHash(), v.getStatus(), v.getCreatedAt(),
                v.getCreatedBy(), v.getNote(), v.getApprovedBy(), v.getActivatedAt(), v.getActivatedBy(),
                List.copyOf(v.getFiles()));
    }
}
