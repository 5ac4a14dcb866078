package com.trafficrules.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.springframework.data.domain.Persistable;

/**
 * One evaluation, kept forever: what was asked, what was answered, by which ruleset version and which
 * rules, for whom and when.
 */
@Entity
@Table(name = "decision")
public class Decision implements Persistable<UUID> {

    @Id
    private UUID id;
    private String kind;
    private String channel;
    private Instant createdAt;
    private String caller;
    @Column(name = "ruleset_id")
    private long rulesetId;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "fired_rules")
    private String[] firedRules;
    private String request;
    private String outcome;
    /** Ids are assigned here, so saving a new decision must not first look for a stored one. */
    @Transient
    private boolean stored;

    protected Decision() {
    }

    @PostLoad
    void markStored() {
        stored = true;
    }

    @Override
    public boolean isNew() {
        return !stored;
    }

    Decision(UUID id, String kind, String channel, Instant createdAt, String caller, long rulesetId,
             List<String> firedRules, String request, String outcome) {
        this.id = id;
        this.kind = kind;
        this.channel = channel;
        this.createdAt = createdAt;
        this.caller = caller;
        this.rulesetId = rulesetId;
        this.firedRules = firedRules.toArray(String[]::new);
        this.request = request;
        this.outcome = outcome;
    }

    @Override
    public UUID getId() {
        return id;
    }

    public String getKind() {
        return kind;
    }

    public String getChannel() {
        return channel;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getCaller() {
        return caller;
    }

    public long getRulesetId() {
        return rulesetId;
    }

    public List<String> getFiredRules() {
        return List.of(firedRules);
    }

    public String getRequest() {
        return request;
    }

    public String getOutcome() {
        return outcome;
    }
}
