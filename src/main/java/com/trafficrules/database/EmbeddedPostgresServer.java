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

    private final Path dataDir;
    private final boolean clean;
    private volatile EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(Path dataDir, boolean clean, EmbeddedPostgres postgres) {
        this.dataDir = dataDir;
        this.clean = clean;
        this.postgres = postgres;
    }

    public static EmbeddedPostgresServer forDataDirectory(Path dataDir, boolean clean) {
        return RUNNING.computeIfAbsent(dataDir.toAbsolutePath().normalize(), dir -> start(dir, clean));
    }

    private static EmbeddedPostgresServer start(Path dataDir, boolean clean) {
        try {
            // zonky would also delete the directory on every close; wiping it here instead keeps stop() and
            // start() on the same data, and close() wipes it at the end when asked to.
            if (clean) {
                deleteRecursively(dataDir);
            }
            EmbeddedPostgres postgres = launch(dataDir, 0);
            log.info("Embedded PostgreSQL on port {} with data in {}", postgres.getPort(), dataDir);
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(dataDir, clean, postgres);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-postgres-stop"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /** A postmaster on {@code dataDir}; port 0 = any free one. */
    private static EmbeddedPostgres launch(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false);
        if (port > 0) {
            builder.setPort(port);
        }
        return builder.start();
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
            postgres = launch(dataDir, port);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot restart the embedded PostgreSQL in " + dataDir, e);
        }
        log.info("Embedded PostgreSQL on port {} with data in {} started again", port, dataDir);
    }

    /** The JDBC URL of {@code database}, created first if it does not exist yet. */
    public String jdbcUrl(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Not a valid database name: " + database);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            if (!exists(connection, database)) {
                try (Statement create = connection.createStatement()) {
                    // A name cannot be a bind parameter; it was checked against DATABASE_NAME above.
                    create.execute("create database \"" + database + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare embedded database " + database, e);
        }
        return postgres.getJdbcUrl("postgres", database);
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
