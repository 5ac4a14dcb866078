package com.trafficrules.fill;

import static com.trafficrules.fill.FillApi.asset;
import static com.trafficrules.fill.FillApi.block;
import static com.trafficrules.fill.FillApi.segments;
import static com.trafficrules.fill.FillApi.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.database.TrafficDbProperties;
import com.trafficrules.support.DatabaseOutage;
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
 * its database, so it runs on the outage suites' own embedded server ({@link DatabaseOutage}).
 */
@HttpTest
@TestPropertySource(properties = DatabaseOutage.OWN_SERVER)
class FillOutageHttpTest {

    private static final String AIR = "2026-11-20T20:00:00Z";

    @Autowired
    RestTestClient http;

    @Autowired
    TrafficDbProperties db;

    private FillApi api;
    private DatabaseOutage outage;

    @BeforeEach
    void connect() {
        api = new FillApi(http);
        outage = new DatabaseOutage(db, http);
    }

    @AfterEach
    void bringTheDatabaseBack() {
        outage.endIfBegun();
    }

    private static List<String> described(Map<String, Object> fill) {
        return segments(fill).stream().map(s -> s.get("type") + " " + s.get("assetUri") + " " + s.get("durationMs")).toList();
    }

    @Test
    void withTheDatabaseDownAFillFallsBackToTheStaticFillerWithAReason() {
        outage.begin();

        Map<String, Object> fill = api.filled("retro-prime", block(unique("blk"), AIR)
                .content("/shows/ep1.mp4", 330_000).placeholder(120_000).body());

        assertThat(fill).containsEntry("fallback", true);
        assertThat((String) fill.get("fallbackReason")).isNotBlank();
        assertThat(described(fill)).containsExactly("content /shows/ep1.mp4 330000", "filler /media/filler/loop.mp4 120000");
    }

    @Test
    void withTheDatabaseDownAChannelWithoutStaticFillerGetsOnePad() {
        outage.begin();

        Map<String, Object> fill = api.filled(unique("t"), block(unique("blk"), AIR).placeholder(120_000).body());

        assertThat(fill).containsEntry("fallback", true);
        assertThat(described(fill)).containsExactly("pad  120000");
    }

    @Test
    void afterTheDatabaseComesBackFillsAreNormalAgain() {
        String channel = unique("t");
        String uri = "/ads/" + unique("back") + ".mp4";
        api.putAssets(asset(uri, "commercial", 30_000));
        outage.begin();
        assertThat(api.filled(channel, block(unique("blk"), AIR).placeholder(60_000).body())).containsEntry("fallback", true);

        outage.end();
        Map<String, Object> fill = api.filled(channel, block(unique("blk"), AIR).placeholder(60_000).body());

        assertThat(fill).containsEntry("fallback", false).containsEntry("fallbackReason", null);
        assertThat(described(fill)).contains("commercial " + uri + " 30000");
        assertThat(api.plays(channel)).extracting(p -> p.get("assetUri")).containsExactly(uri);
    }
}
