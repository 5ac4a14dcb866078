package com.trafficrules.fill;

import static com.trafficrules.fill.FillApi.asset;
import static com.trafficrules.fill.FillApi.block;
import static com.trafficrules.fill.FillApi.segments;
import static com.trafficrules.fill.FillApi.unique;
import static com.trafficrules.support.Users.MANAGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import com.trafficrules.support.HttpTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The impact preview of a proposed version on stored fills, each decided again against its channel's play log. A
 * test stores a decision the service would no longer take: the decision log is append-only, so the class discards its
 * context (and database) after.
 */
@HttpTest
@DirtiesContext
class FillImpactHttpTest {

    @Autowired
    RestTestClient http;

    @Autowired
    JdbcTemplate jdbc;

    private FillApi api;

    @Test
    void aVersionThatForbidsTheFilledTypeShowsThePromoRemovedAndAPadAdded() {
        api = new FillApi(http);
        String channel = unique("impact");
        String since = Instant.now().minusSeconds(1).toString();
        api.putAssets(asset("0impact://" + unique("promo"), "promo", 10_000));
        Map<String, Object> filled = api.filled(channel,
                block(unique("blk"), "2026-12-24T18:00:00Z").content("prog://a", 60_000).placeholder(10_000).body());
        long stricter = proposed(channel, "traffic:\n  allowed_types: [station_id]\n");

        Map<?, ?> change = changeOf(preview(stricter, since), filled.get("decisionId"));

        assertThat(change.get("kind")).isEqualTo("fill");
        assertThat(types(change.get("removed"))).containsExactly("promo");
        assertThat(types(change.get("added"))).containsExactly("pad");
    }

    @Test
    void replayingAFillUnderTheActiveVersionGivesBackTheFillItWas() {
        api = new FillApi(http);
        String channel = unique("impact");
        String since = Instant.now().minusSeconds(1).toString();
        api.putAssets(asset("0impact://" + unique("first"), "promo", 10_000),
                asset("0impact://" + unique("second"), "promo", 10_000));
        // Two placeholders, and a promo may not repeat within its cooldown: a replay that counted the block's own
        // plays as made already would fill both otherwise.
        Map<String, Object> filled = api.filled(channel, block(unique("blk"), "2026-12-24T19:00:00Z")
                .content("prog://a", 60_000).placeholder(10_000).content("prog://b", 60_000).placeholder(10_000).body());
        long padsOnly = proposed(channel, "traffic:\n  allowed_types: [station_id]\n");

        Map<?, ?> change = changeOf(preview(padsOnly, since), filled.get("decisionId"));

        List<Map<String, Object>> wereFilled = segments(filled).stream()
                .filter(segment -> !"content".equals(segment.get("type"))).toList();
        assertThat(change.get("removed")).asInstanceOf(LIST)
                .map(item -> List.of(((Map<?, ?>) item).get("index"), ((Map<?, ?>) item).get("assetUri")))
                .containsExactlyElementsOf(wereFilled.stream()
                        .map(segment -> List.of(segment.get("index"), segment.get("assetUri"))).toList());
    }

    @Test
    void aStoredFillThatNoLongerReadsIsRefusedUnderBothVersionsAndThePreviewGoesOn() {
        // Decisions keep their request as json, which takes \u0000: such a request was stored before NULs were refused.
        UUID legacy = UUID.randomUUID();
        jdbc.update("insert into decision (id, kind, channel, created_at, caller, ruleset_id, fired_rules, request, outcome)"
                + " values (?, 'fill', 'nul-legacy', now(), 'scheduler', 1, '{}', ?::json, '{}'::json)",
                legacy, "{\"blockId\": \"B\\u0000\", \"start\": \"2026-12-24T18:00:00Z\", \"segments\": []}");

        Map<?, ?> impact = preview(proposed(unique("impact"), "traffic:\n  allowed_types: [station_id]\n"),
                Instant.now().minusSeconds(60).toString());

        assertThat(((List<?>) impact.get("changes")).stream().map(change -> (Object) ((Map<?, ?>) change).get("decisionId")))
                .doesNotContain(legacy.toString());
        assertThat((Integer) impact.get("evaluated")).isPositive();
    }

    private long proposed(String channel, String channelFile) {
        Map<String, Object> body = Map.of("label", "impact", "note", "written by a test", "files",
                List.of(Map.of("path", "config/channels/" + channel + ".yaml", "content", "timezone: UTC\n" + channelFile)));
        Map<?, ?> version = http.post().uri("/api/v1/rulesets").headers(MANAGER).contentType(MediaType.APPLICATION_JSON)
                .body(body).exchange().expectStatus().isCreated().returnResult(Map.class).getResponseBody();
        return ((Number) version.get("id")).longValue();
    }

    private Map<?, ?> preview(long version, String since) {
        return http.post().uri("/api/v1/rulesets/{id}/impact", version).headers(MANAGER)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("kinds", List.of("fill"), "since", since)).exchange()
                .expectStatus().isOk().returnResult(Map.class).getResponseBody();
    }

    private static Map<?, ?> changeOf(Map<?, ?> impact, Object decisionId) {
        return ((List<?>) impact.get("changes")).stream().map(change -> (Map<?, ?>) change)
                .filter(change -> decisionId.equals(change.get("decisionId"))).findFirst()
                .orElseThrow(() -> new AssertionError("no change for decision " + decisionId + " in " + impact));
    }

    private static List<Object> types(Object items) {
        return ((List<?>) items).stream().map(item -> (Object) ((Map<?, ?>) item).get("type")).toList();
    }

}
