package com.trafficrules.support;

import com.trafficrules.database.EmbeddedPostgresServer;
import com.trafficrules.database.TrafficDbProperties;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Takes the embedded PostgreSQL away from a running service and brings it back, as an outage would. A suite
 * that uses it stops its database, so it runs on a server no other suite uses: annotated
 * {@code @TestPropertySource(properties = DatabaseOutage.OWN_SERVER)} (the outage suites share that context), and
 * calling {@link #endIfBegun()} after each test.
 */
public final class DatabaseOutage {

    /** A data directory of the outage suites' own, so stopping its server leaves every other suite's running. */
    public static final String OWN_SERVER = "traffic.embedded-db.data-dir=target/embedded-postgres-outage";

    private final EmbeddedPostgresServer server;
    private final RestTestClient http;
    private boolean down;

    public DatabaseOutage(TrafficDbProperties db, RestTestClient http) {
        this.server = EmbeddedPostgresServer.of(db.embeddedDb());
        this.http = http;
    }

    public void begin() {
        server.stop();
        down = true;
    }

    /**
     * Starts the database again and waits until the service reports itself healthy: the connection pool
     * reconnects on its own schedule (it backs off while the database is away), which is not under test.
     */
    public void end() {
        server.start();
        down = false;
        for (int attempt = 0; attempt < 60 && !healthy(); attempt++) {
            sleep(500);
        }
    }

    public void endIfBegun() {
        if (down) {
            end();
        }
    }

    private boolean healthy() {
        return http.get().uri("/actuator/health").exchange().returnResult(String.class).getStatus().is2xxSuccessful();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
