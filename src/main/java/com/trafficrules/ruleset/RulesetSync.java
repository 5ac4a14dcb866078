package com.trafficrules.ruleset;

import com.trafficrules.kernel.ActiveRuleset;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Keeps this replica serving the version the database calls ACTIVE. A thread on a connection of its own
 * LISTENs for the notification every activation sends (the ruleset_version trigger sends it), and also
 * looks every {@code traffic.rules.sync-interval} in case a notification was lost, e.g. while the
 * connection was down. A lost connection is opened again after {@link #FIRST_RECONNECT}, then twice as
 * long after each attempt that fails, at most one interval apart.
 */
@Component
class RulesetSync implements SmartLifecycle {

    static final String CHANNEL = "traffic_ruleset_active";
    /** How the listening connection names itself to the database, so an operator can tell it in pg_stat_activity. */
    static final String APPLICATION_NAME = "traffic-rules ruleset listener";
    private static final Logger log = LoggerFactory.getLogger(RulesetSync.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);
    private static final Duration FIRST_RECONNECT = Duration.ofMillis(100);
    private static final int VALID_WITHIN_SECONDS = 5;

    private final RulesetVersionRepository versions;
    private final CompiledVersions compiled;
    private final ActiveRuleset active;
    private final HikariDataSource dataSource;
    private final Duration interval;
    private final ExponentialBackOff reconnects;
    private volatile boolean running;
    private volatile Connection listening;
    private Thread listener;

    RulesetSync(RulesetVersionRepository versions, CompiledVersions compiled, ActiveRuleset active, DataSource dataSource,
                @Value("${traffic.rules.sync-interval:PT5S}") Duration interval) {
        this.versions = versions;
        this.compiled = compiled;
        this.active = active;
        this.dataSource = (HikariDataSource) dataSource;
        this.interval = interval;
        this.reconnects = new ExponentialBackOff(FIRST_RECONNECT.toMillis(), 2.0);
        this.reconnects.setMaxInterval(Math.max(FIRST_RECONNECT.toMillis(), interval.toMillis()));
    }

    /**
     * Serves the version the database calls ACTIVE, compiling it first if need be. Synchronised so that two
     * activations seen at once are applied in the database's order: each sync reads the current row.
     */
    synchronized void syncNow() {
        versions.findByStatus(RulesetStatus.ACTIVE).ifPresent(version -> {
            boolean serving = active.peek().map(ruleset -> ruleset.ref().id() == version.getId()).orElse(false);
            if (!serving) {
                active.serve(compiled.of(version.getId()));
                log.info("Now serving ruleset {} '{}' ({})", version.getId(), version.getLabel(), version.getHash());
            }
        });
    }

    @Override
    public void start() {
        running = true;
        listener = new Thread(this::listen, "ruleset-sync");
        listener.setDaemon(true);
        listener.start();
    }

    /** Waits for the listener to finish what it is doing, so that it never touches a closed context. */
    @Override
    public void stop() {
        running = false;
        closeQuietly(listening);
        listener.interrupt();
        try {
            listener.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        BackOffExecution retries = reconnects.start();
        while (running) {
            try (Connection connection = connect()) {
                listening = connection;
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                // Listening: a later loss starts again from the first, short delay.
                retries = reconnects.start();
                PGConnection notifications = connection.unwrap(PGConnection.class);
                // Whatever happened while not listening is caught up with at once.
                syncQuietly();
                while (running) {
                    // Returns on a notification or after the interval: either way, compare with the database.
                    notifications.getNotifications((int) interval.toMillis());
                    // A connection the network lost without closing it only ever times out: ask it, and listen anew.
                    if (running && !connection.isValid(VALID_WITHIN_SECONDS)) {
                        throw new SQLException("the listening connection no longer answers");
                    }
                    if (running) {
                        syncQuietly();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    long delayMs = retries.nextBackOff();
                    log.warn("Ruleset activation listener lost its connection ({}); retrying in {} ms", e.getMessage(), delayMs);
                    pause(delayMs);
                }
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("ApplicationName", APPLICATION_NAME);
        if (dataSource.getUsername() != null) {
            credentials.setProperty("user", dataSource.getUsername());
        }
        if (dataSource.getPassword() != null) {
            credentials.setProperty("password", dataSource.getPassword());
        }
        return DriverManager.getConnection(dataSource.getJdbcUrl(), credentials);
    }

    private void syncQuietly() {
        try {
            syncNow();
        } catch (RuntimeException e) {
            // The replica keeps serving what it has; the next round tries again.
            log.error("Could not switch to the active ruleset version", e);
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("Closing the listener connection failed", e);
            }
        }
    }
}
