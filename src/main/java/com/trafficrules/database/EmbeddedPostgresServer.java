package com.trafficrules.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One embedded PostgreSQL server per data directory and JVM: the service and every test suite in a
 * test JVM share it, each asking for the database it needs.
 */
public final class EmbeddedPostgresServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Map<Path, EmbeddedPostgresServer> RUNNING = new ConcurrentHashMap<>();
    static final String OWNER = "traffic_owner";
    static final String SERVICE = "traffic_service";

    /** pg_hba.conf: every connection, the superuser's too, gives its password. */
    private static final String PASSWORDS_ONLY = """
            # Written by Traffic Rules (EmbeddedPostgresServer): every role signs in with its password; the passwords
            # are in traffic-roles.properties beside this file.
            # TYPE  DATABASE  USER  ADDRESS       METHOD
            local   all       all                 scram-sha-256
            host    all       all   127.0.0.1/32  scram-sha-256
            host    all       all   ::1/128       scram-sha-256
            """;

    /** The tables, views and routines of the schema that the owner role does not own yet become its own. */
    private static final String HAND_OVER_TO_OWNER = """
            do $$
            declare
                object record;
            begin
                for object in select c.oid::regclass as name from pg_class c
                               where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v')
                                 and c.relowner <> '%1$s'::regrole loop
                    execute format('alter table %%s owner to %1$s', object.name);
                end loop;
                for object in select p.oid::regprocedure as name from pg_proc p
                               where p.pronamespace = 'public'::regnamespace and p.proowner <> '%1$s'::regrole loop
                    execute format('alter routine %%s owner to %1$s', object.name);
                end loop;
            end
            $$""".formatted(OWNER);

    private final Path dataDir;
    private final boolean clean;
    private final boolean durable;
    private final boolean statementStatistics;
    private final EmbeddedPasswords passwords;
    private volatile EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(Path dataDir, boolean clean, boolean durable, boolean statementStatistics,
                                   EmbeddedPasswords passwords, EmbeddedPostgres postgres) {
        this.dataDir = dataDir;
        this.clean = clean;
        this.durable = durable;
        this.statementStatistics = statementStatistics;
        this.passwords = passwords;
        this.postgres = postgres;
    }

    /** The server of {@code settings}' data directory, started if it is not running in this JVM yet. */
    public static EmbeddedPostgresServer of(TrafficDbProperties.EmbeddedDb settings) {
        EmbeddedPostgresServer server = RUNNING.computeIfAbsent(settings.dataDir().toAbsolutePath().normalize(),
                dir -> start(dir, settings.clean(), settings.durable(), settings.statementStatistics()));
        if (server.durable != settings.durable() || server.statementStatistics != settings.statementStatistics()) {
            // One postmaster per directory: it cannot be durable, or keep statistics, for one caller and not another.
            throw new IllegalStateException("The embedded PostgreSQL in " + server.dataDir + " already runs with durable="
                    + server.durable + ", statement-statistics=" + server.statementStatistics);
        }
        return server;
    }

    private static EmbeddedPostgresServer start(Path dataDir, boolean clean, boolean durable, boolean statementStatistics) {
        try {
            // A service killed before its shutdown hook ran left its postmaster running here; neither a start nor a
            // wipe can go on beside it.
            if (Files.isDirectory(dataDir)) {
                LeftoverPostmaster.stopIfLeftBehind(dataDir);
            }
            // zonky would also delete the directory on every close; wiping it here instead keeps stop() and
            // start() on the same data, and close() wipes it at the end when asked to.
            if (clean) {
                deleteRecursively(dataDir);
            }
            Files.createDirectories(dataDir);
            EmbeddedPasswords passwords = EmbeddedPasswords.of(dataDir);
            EmbeddedPostgres postgres = launch(dataDir, 0, durable, statementStatistics, passwords);
            log.info("Embedded PostgreSQL on port {} with data in {}{}", postgres.getPort(), dataDir,
                    durable ? "" : ", fsync and synchronous_commit off: a crash may lose committed data");
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(dataDir, clean, durable, statementStatistics, passwords,
                    postgres);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-postgres-stop"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /** A postmaster on {@code dataDir}, its roles and sign-in made sure of; port 0 = any free one. */
    private static EmbeddedPostgres launch(Path dataDir, int port, boolean durable, boolean statementStatistics,
                                           EmbeddedPasswords passwords) throws IOException {
        // The superuser's password goes with every connection zonky makes, its start-up check included. A data
        // directory zonky has just created trusts every local connection, so it is not needed until secure() ran.
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false)
                .setConnectConfig("password", passwords.superuser());
        // zonky 2.2 is made for throw-away test databases: it starts postgres with -F (fsync off) and sets
        // synchronous_commit=off, so a commit answered 200 could be lost to a power cut. Its -c settings come after
        // -F on the command line, and the later one wins; both are named either way, so neither side depends on
        // zonky's defaults.
        String setting = durable ? "on" : "off";
        builder.setServerConfig("fsync", setting).setServerConfig("synchronous_commit", setting);
        if (statementStatistics) {
            // Not utility statements: the roles' ALTER ROLE ... PASSWORD would be kept there, readable by the owner.
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("pg_stat_statements.track_utility", "off");
        }
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres = builder.start();
        try {
            secure(postgres, dataDir, passwords);
            if (statementStatistics) {
                showStatementStatistics(postgres);
            }
        } catch (IOException | SQLException | RuntimeException e) {
            postgres.close();
            throw new IOException("Cannot set up the roles of the embedded PostgreSQL in " + dataDir, e);
        }
        return postgres;
    }

    /**
     * Makes sure, on every start, that the passwords are kept in the data directory, that the superuser, the
     * owner and the service role sign in with them, and that every connection must give its password (zonky's
     * initdb trusts every local one). In this order, so that a start cut short anywhere can be started again.
     */
    private static void secure(EmbeddedPostgres postgres, Path dataDir, EmbeddedPasswords passwords) throws IOException, SQLException {
        passwords.keepIn(dataDir);
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement sql = connection.createStatement()) {
            sql.execute("alter role postgres password " + EmbeddedPasswords.literal(passwords.superuser()));
            // Neither may create roles or databases, replicate, or get around row security; the service role does
            // not even inherit: whatever it may do is granted to it by name.
            ensureRole(connection, OWNER, "login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password "
                    + EmbeddedPasswords.literal(passwords.owner()));
            ensureRole(connection, SERVICE, "login nosuperuser nocreatedb nocreaterole noreplication nobypassrls noinherit password "
                    + EmbeddedPasswords.literal(passwords.service()));
            Path hba = dataDir.resolve("pg_hba.conf");
            if (!Files.exists(hba) || !Files.readString(hba).equals(PASSWORDS_ONLY)) {
                Files.writeString(hba, PASSWORDS_ONLY);
                sql.execute("select pg_reload_conf()");
            }
        }
    }

    /** pg_stat_statements in the database the server starts with, every role's statements readable and resettable by the owner. */
    private static void showStatementStatistics(EmbeddedPostgres postgres) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement sql = connection.createStatement()) {
            sql.execute("create extension if not exists pg_stat_statements");
            sql.execute("grant pg_read_all_stats to " + OWNER);
            sql.execute("grant execute on function pg_stat_statements_reset to " + OWNER);
        }
    }

    private static void ensureRole(Connection connection, String role, String attributes) throws SQLException {
        boolean exists;
        try (PreparedStatement query = connection.prepareStatement("select 1 from pg_roles where rolname = ?")) {
            query.setString(1, role);
            try (ResultSet rows = query.executeQuery()) {
                exists = rows.next();
            }
        }
        try (Statement sql = connection.createStatement()) {
            // Role names are constants of this class; attributes are keywords and generated passwords.
            sql.execute((exists ? "alter role " : "create role ") + role + " " + attributes);
        }
    }

    /**
     * Stops the server and keeps its data, as an outage would; {@link #start()} brings it back. Connections
     * already handed out fail from here on.
     */
    public synchronized void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop the embedded PostgreSQL in " + dataDir, e);
        }
        log.info("Embedded PostgreSQL with data in {} stopped", dataDir);
    }

    /** Starts a stopped server again on the same data directory and the same port, so JDBC URLs stay valid. */
    public synchronized void start() {
        int port = postgres.getPort();
        try {
            postgres = launch(dataDir, port, durable, statementStatistics, passwords);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot restart the embedded PostgreSQL in " + dataDir, e);
        }
        log.info("Embedded PostgreSQL on port {} with data in {} started again", port, dataDir);
    }

    /**
     * The JDBC URL of {@code database}, created first if it does not exist yet, owned by {@link #OWNER}; the
     * service role may connect to it and nothing more until the owner grants it more (see {@code ServiceRole}).
     */
    public String jdbcUrl(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Not a valid database name: " + database);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            if (!exists(connection, database)) {
                try (Statement create = connection.createStatement()) {
                    // A name cannot be a bind parameter; it was checked against DATABASE_NAME above.
                    create.execute("create database \"" + database + "\" owner " + OWNER);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare embedded database " + database, e);
        }
        try (Connection connection = postgres.getDatabase("postgres", database).getConnection();
             Statement sql = connection.createStatement()) {
            // A database made before these roles existed belongs to the superuser: hand it and its schema over.
            sql.execute("alter database \"" + database + "\" owner to " + OWNER);
            sql.execute(HAND_OVER_TO_OWNER);
            // Nobody else may connect, create temporary tables or create anything in the schema.
            sql.execute("revoke all on database \"" + database + "\" from public");
            sql.execute("grant connect on database \"" + database + "\" to " + SERVICE);
            sql.execute("revoke create on schema public from public");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare embedded database " + database, e);
        }
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    /** The role that owns the schema and migrates it (Liquibase). */
    public DatabaseLogin owner() {
        return new DatabaseLogin(OWNER, passwords.owner());
    }

    /** The role the service connects as: it owns nothing, and may only read and write the schema's rows. */
    public DatabaseLogin service() {
        return new DatabaseLogin(SERVICE, passwords.service());
    }

    private static boolean exists(Connection connection, String database) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private synchronized void close() {
        try {
            postgres.close();
            if (clean) {
                deleteRecursively(dataDir);
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
