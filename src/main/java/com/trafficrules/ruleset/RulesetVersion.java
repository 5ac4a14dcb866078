package com.trafficrules.ruleset;

import com.trafficrules.engine.RulesetFiles;
import com.trafficrules.kernel.RulesetRef;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.ColumnTransformer;

/** A stored ruleset version: its files never change once written; only the workflow moves its status. */
@Entity
@Table(name = "ruleset_version")
public class RulesetVersion {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String label;
    private String hash;
    @Enumerated(EnumType.STRING)
    private RulesetStatus status;
    private Instant createdAt;
    private String createdBy;
    private String note;
    private String approvedBy;
    private Instant approvedAt;
    private Instant activatedAt;
    private String activatedBy;
    /** The checks' findings as JSON ({@link RulesetChecks}); null only for versions stored before checks existed. */
    @Column(name = "checks")
    @ColumnTransformer(write = "?::jsonb")
    private String checks;

    @ElementCollection
    @CollectionTable(name = "ruleset_file", joinColumns = @JoinColumn(name = "ruleset_id"))
    @OrderBy("path")
    private List<RulesetFileEntry> files = new ArrayList<>();

    protected RulesetVersion() {
    }

    /** A new version as its checks left it: PROPOSED when compile and lint passed, else REJECTED. */
    public RulesetVersion(String label, RulesetFiles rulesetFiles, Instant createdAt, String createdBy, String note,
                          RulesetStatus status, String checksJson) {
        this.label = label;
        this.hash = rulesetFiles.hash();
        this.status = status;
        this.checks = checksJson;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
        this.note = note;
        rulesetFiles.all().forEach((path, content) -> files.add(new RulesetFileEntry(path, RulesetFiles.sha256(content), content)));
    }

    public void activate(Instant at, String by) {
        status = RulesetStatus.ACTIVE;
        activatedAt = at;
        activatedBy = by;
    }

    public void retire() {
        status = RulesetStatus.RETIRED;
    }

    public RulesetRef ref() {
        return new RulesetRef(id, label, hash);
    }

    public RulesetFiles rulesetFiles() {
        Map<String, String> contents = new LinkedHashMap<>();
        files.forEach(file -> contents.put(file.path(), file.content()));
        return RulesetFiles.of(contents);
    }

    public Long getId() {
        return id;
    }

    public String getLabel() {
        return label;
    }

    public String getHash() {
        return hash;
    }

    public RulesetStatus getStatus() {
        return status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public String getNote() {
        return note;
    }

    public String getApprovedBy() {
        return approvedBy;
    }

    public Instant getApprovedAt() {
        return approvedAt;
    }

    public Instant getActivatedAt() {
        return activatedAt;
    }

    public String getActivatedBy() {
        return activatedBy;
    }

    public String getChecks() {
        return checks;
    }

    public List<RulesetFileEntry> getFiles() {
        return files;
    }
}
