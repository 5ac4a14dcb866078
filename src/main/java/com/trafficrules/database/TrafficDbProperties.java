package com.trafficrules.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Where the data lives: an external PostgreSQL named by {@code TRAFFIC_DB_URL}, else the embedded one.
 */
@ConfigurationProperties("traffic")
public record TrafficDbProperties(Db db, EmbeddedDb embeddedDb) {

    /**
     * @param url           the external PostgreSQL's JDBC URL
     * @param user          the role the service connects as: it should own nothing (README, "Database roles")
     * @param password      its password
     * @param ownerUser     the role that owns the schema and migrates it; unset = {@code user} does both
     * @param ownerPassword its password
     */
    public record Db(String url, String user, String password, String ownerUser, String ownerPassword) {
    }

    /**
     * @param dataDir  the embedded server's data directory, kept across restarts unless {@code clean}
     * @param database the database inside it
     * @param clean    wipe the data directory at start (tests)
     * @param isolate  give every application context a database of its own (tests)
     * @param durable  keep {@code fsync} and {@code synchronous_commit} on, so that a commit the service has
     *                 answered survives a power cut; off only where losing the data does not matter (tests)
     * @param statementStatistics load {@code pg_stat_statements}, for the schema owner to read where PostgreSQL's time
     *                 goes, statement by statement (the benchmarks)
     */
    public record EmbeddedDb(Path dataDir, String database, boolean clean, boolean isolate, @DefaultValue("true") boolean durable,
                             boolean statementStatistics) {
    }

    public boolean embedded() {
        return db == null || !StringUtils.hasText(db.url());
    }
}
