package com.trafficrules.fill;

import static com.trafficrules.fill.FillApi.asset;
import static com.trafficrules.fill.FillApi.block;
import static com.trafficrules.fill.FillApi.segments;
import static com.trafficrules.fill.FillApi.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.database.EmbeddedPostgresServer;
import com.trafficrules.database.TrafficDbProperties;
import com.trafficrules.support.HttpTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Playout is never halted: with the database gone a fill still answers 200, from the static filler (or a
 * pad) with {@code fallback: true}; when the database is back, fills are normal again. This suite stops
 * its database, so it runs in an application context with an embedded server of its own.
 */
@HttpTest
@TestPropertySource(properties = "traffic.embedded-db.data-dir=target/embedded-postgres-outage")
class FillOutageHttpTest {

    private static final String AIR = "2026-11-20T20:00:00Z";

    @Autowired
    RestTestClient http;

    @Autowired
    TrafficDbProperties db;

    private FillApi api;
    private EmbeddedPostgresServer server;
    private boolean down;

    @BeforeEach
    void connect() {
        api = new FillApi(http);
        server = EmbeddedPostgresServer.forDataDirectory(db.embeddedDb().dataDir(), db.embeddedDb().clean());
    }

    @AfterEach
    void bringTheDatabaseBack() {
        if (down) {
            databaseComesBack();
        }
    }

    private void databaseGoesDown() {
        server.stop();
        down = true;
    }

    /**
     * Starts the database again and waits until the service reports itself healthy: the connection pool
     * reconnects on its own schedule (it backs off while the database is away), which is not under test.
     */
    private void databaseComesBack() {
        server.start();
        down = false;
        for (int attempt = 0; attempt < 60 && !healthy(); attempt++) {
            sleep(500);
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

    private static List<String> described(Map<String, Object> fill) {
        return segments(fill).stream().map(s -> s.get("type") + " " + s.get("assetUri") + " " + s.get("durationMs")).toList();
    }

    @Test
    void withTheDatabaseDownAFillFallsBackToTheStaticFillerWithAReason() {
        databaseGoesDown();

        Map<String, Object> fill = api.filled("retro-prime", block(unique("blk"), AIR)
                .content("/shows/ep1.mp4", 330_000).placeholder(120_000).body());

        assertThat(fill).containsEntry("fallback", true);
        assertThat((String) fill.get("fallbackReason")).isNotBlank();
        assertThat(described(fill)).containsExactly("content /shows/ep1.mp4 330000", "filler /media/filler/loop.mp4 120000");
    }

    @Test
    void withTheDatabaseDownAChannelWithoutStaticFillerGetsOnePad() {
        databaseGoesDown();

        Map<String, Object> fill = api.filled(unique("t"), block(unique("blk"), AIR).placeholder(120_000).body());

        assertThat(fill).containsEntry("fallback", true);
        assertThat(described(fill)).containsExactly("pad  120000");
    }

    @Test
    void afterTheDatabaseComesBackFillsAreNormalAgain() {
        String channel = unique("t");
        String uri = "/ads/" + unique("back") + ".mp4";
        api.putAssets(asset(uri, "commercial", 30_000));
        databaseGoesDown();
        assertThat(api.filled(channel, block(unique("blk"), AIR).placeholder(60_000).body())).containsEntry("fallback", true);

        databaseComesBack();
        Map<String, Object> fill = api.filled(channel, block(unique("blk"), AIR).placeholder(60_000).body());

        assertThat(fill).containsEntry("fallback", false).containsEntry("fallbackReason", null);
        assertThat(described(fill)).contains("commercial " + uri + " 30000");
        assertThat(api.plays(channel)).extracting(p -> p.get("assetUri")).containsExactly(uri);
    }
}
