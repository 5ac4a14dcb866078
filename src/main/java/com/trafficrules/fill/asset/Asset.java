package com.trafficrules.fill.asset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A piece of interstitial material playout can air: a commercial, promo, station id, ... */
@Entity
@Table(name = "assets")
public class Asset {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    private UUID uuid;
    private String uri;
    private String title;
    private String type;
    @Column(name = "duration_ms")
    private long durationMs;
    private String state;
    @Column(name = "cooldown_group")
    private String cooldownGroup;
    @Column(name = "billing_code")
    private String billingCode;

    protected Asset() {
    }

    Asset(String uri) {
        this.uri = uri;
    }

    void update(String title, String type, long durationMs, String state, String cooldownGroup, String billingCode) {
        this.title = title;
        this.type = type;
        this.durationMs = durationMs;
        this.state = state;
        this.cooldownGroup = cooldownGroup;
        this.billingCode = billingCode;
    }

    /** The asset as fills see it. */
    public LibraryAsset toLibraryAsset() {
        return new LibraryAsset(uuid, uri, type, durationMs, state, cooldownGroup);
    }

    public UUID getUuid() {
        return uuid;
    }

    public String getUri() {
        return uri;
    }

    public String getTitle() {
        return title;
    }

    public String getType() {
        return type;
    }

    public long getDurationMs() {
        return durationMs;
    }

    public String getState() {
        return state;
    }

    public String getCooldownGroup() {
        return cooldownGroup;
    }

    /** What the asset is sold under, for reconciliation; null when it is not billed. */
    public String getBillingCode() {
        return billingCode;
    }
}
