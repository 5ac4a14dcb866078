package com.trafficrules.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import liquibase.integration.spring.SpringLiquibase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * What the service's role may do: read and write the rows of the schema's tables and use its sequences —
 * those that exist and, through default privileges, those later changesets create — and nothing else. It
 * owns nothing, so it cannot create, alter, drop or truncate a table, nor switch a trigger off; it is no
 * superuser, so it cannot set {@code session_replication_role} to skip the triggers either. Liquibase's
 * own tables stay the owner's alone. The history's triggers refuse its updates and deletes like anyone's.
 */
final class ServiceRole {

    private static final Logger log = LoggerFactory.getLogger(ServiceRole.class);

    private ServiceRole() {
    }

    /** Grants the service's role its rows, as the owner; every start, after the migration, so it is never behind. */
    static void grant(TrafficDatabase database, List<String> liquibaseTables) throws SQLException {
        String service = identifier(database.service().user());
        try (Connection owner = connect(database.jdbcUrl(), database.owner())) {
            owner.setAutoCommit(false);
            try (Statement sql = owner.createStatement()) {
                // Two replicas starting at once would otherwise trip over each other's grants ("tuple concurrently updated").
                sql.execute("select pg_advisory_xact_lock(hashtextextended('traffic-rules:service-role-grants', 0))");
                String schema = identifier(currentSchema(owner));
                sql.execute("grant usage on schema " + schema + " to " + service);
                sql.execute("grant select, insert, update, delete on all tables in schema " + schema + " to " + service);
                sql.execute("grant usage, select on all sequences in schema " + schema + " to " + service);
                sql.execute("alter default privileges in schema " + schema + " grant select, insert, update, delete on tables to " + service);
                sql.execute("alter default privileges in schema " + schema + " grant usage, select on sequences to " + service);
                for (String table : existing(owner, liquibaseTables)) {
                    sql.execute("revoke all on table " + table + " from " + service);
                }
            }
            owner.commit();
        }
    }

    /** Warns when the role the service connects as could get around the history's triggers. */
    static void warnIfItCanBypassTheHistory(TrafficDatabase database) throws SQLException {
        try (Connection service = connect(database.jdbcUrl(), database.service());
             Statement sql = service.createStatement();
             ResultSet row = sql.executeQuery("""
                     select r.rolsuper, exists (select 1 from pg_class c
                                                 where c.relowner = r.oid and c.relnamespace = current_schema()::regnamespace)
                       from pg_roles r where r.rolname = current_user""")) {
            row.next();
            if (row.getBoolean(1) || row.getBoolean(2)) {
                log.warn("The service connects to PostgreSQL as {}, {}: it could switch the history's append-only triggers off. "
                                + "Connect as a role of its own and migrate as the owner (README, \"Database roles\")",
                        database.service().user(), row.getBoolean(1) ? "a superuser" : "the owner of the schema's tables");
            }
        }
    }

    private static String currentSchema(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement(); ResultSet row = sql.executeQuery("select current_schema()")) {
            row.next();
            return row.getString(1);
        }
    }

    /** The tables of {@code names} (SQL names, unquoted ones folded to lower case as Liquibase does) that exist. */
    private static List<String> existing(Connection connection, List<String> names) throws SQLException {
        List<String> found = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("select to_regclass(?)::text")) {
            for (String name : names) {
                query.setString(1, name);
                try (ResultSet row = query.executeQuery()) {
                    if (row.next() && row.getString(1) != null) {
                        found.add(row.getString(1));
                    }
                }
            }
        }
        return found;
    }

    private static Connection connect(String jdbcUrl, DatabaseLogin login) throws SQLException {
        Properties credentials = new Properties();
        if (login.user() != null) {
            credentials.setProperty("user", login.user());
        }
        if (login.password() != null) {
            credentials.setProperty("password", login.password());
        }
        return DriverManager.getConnection(jdbcUrl, credentials);
    }

    /** A role or schema name as a quoted SQL identifier. */
    static String identifier(String name) {
        return '"' + Objects.requireNonNull(name, "a role name").replace("\"", "\"\"") + '"';
    }

    /**
     * Runs {@link #grant} right after the Liquibase bean has migrated: whatever uses the database waits for that
     * bean, so nothing reaches the service's pool before its role has been granted its rows.
     */
    static final class GrantsAfterMigration implements BeanPostProcessor {

        private final ObjectProvider<TrafficDatabase> database;

        GrantsAfterMigration(ObjectProvider<TrafficDatabase> database) {
            this.database = database;
        }

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (bean instanceof SpringLiquibase liquibase) {
                TrafficDatabase migrated = database.getObject();
                try {
                    if (!migrated.ownerIsService()) {
                        grant(migrated, List.of(
                                Objects.requireNonNullElse(liquibase.getDatabaseChangeLogTable(), "databasechangelog"),
                                Objects.requireNonNullElse(liquibase.getDatabaseChangeLogLockTable(), "databasechangeloglock")));
                    }
                    warnIfItCanBypassTheHistory(migrated);
                } catch (SQLException e) {
                    throw new IllegalStateException("Cannot grant " + migrated.service().user() + " the schema's rows", e);
                }
            }
            return bean;
        }
    }
}
