package com.trafficrules.fill;

import static com.trafficrules.fill.FillApi.asset;
import static com.trafficrules.fill.FillApi.block;
import static com.trafficrules.fill.FillApi.play;
import static com.trafficrules.fill.FillApi.segments;
import static com.trafficrules.fill.FillApi.unique;
import static com.trafficrules.support.Problems.expectOnlyProblem;
import static com.trafficrules.support.Users.AUDITOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.HttpTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Feed-time fill against the real play log. Each test fills on a channel of its own with no channel file
 * (the defaults: commercial cooldown 3600 s, no static filler).
 */
@HttpTest
class BlockFillHttpTest {

    private static final String AIR = "2026-11-20T20:00:00Z";

    @Autowired
    RestTestClient http;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    private FillApi api;
    private String channel;
    private String a;
    private String b;

    @BeforeEach
    void aChannelWithTwoCommercials() {
        // Suites share the database: start every test from an empty library (its plays go with it).
        jdbc.update("delete from assets");
        api = new FillApi(http);
        channel = unique("t");
        String prefix = "/ads/" + unique("fill");
        a = prefix + "-a.mp4";
        b = prefix + "-b.mp4";
        api.putAssets(asset(a, "commercial", 30_000), asset(b, "commercial", 20_000));
    }

    private static List<Object> filledUris(Map<String, Object> fill) {
        return segments(fill).stream().filter(s -> s.get("breakIndex") != null && !"pad".equals(s.get("type")))
                .map(s -> s.get("assetUri")).toList();
    }

    @Test
    void aPlaceholderBecomesItemsAndPadsSummingToItsDurationAndContentPassesThrough() {
        Map<String, Object> fill = api.filled(channel, block(unique("blk"), AIR)
                .content("/shows/ep1.mp4", 330_000).placeholder(120_000).content("/shows/ep1.mp4", 330_000).body());

        List<Map<String, Object>> segments = segments(fill);
        assertThat(fill).containsEntry("fallback", false).containsEntry("fallbackReason", null).containsKey("decisionId");
        assertThat(segments.get(0)).containsEntry("type", "content").containsEntry("start", "2026-11-20T20:00:00.000Z")
                .containsEntry("breakIndex", null);
        assertThat(segments.get(segments.size() - 1)).containsEntry("type", "content")
                .containsEntry("start", "2026-11-20T20:07:30.000Z");
        List<Map<String, Object>> pieces = segments.subList(1, segments.size() - 1);
        assertThat(pieces).allSatisfy(s -> assertThat(s).containsEntry("breakIndex", 0));
        assertThat(pieces.stream().mapToLong(s -> ((Number) s.get("durationMs")).longValue()).sum()).isEqualTo(120_000);
    }

    @Test
    void everyFilledItemIsInThePlayLogAtItsScheduledAirInstant() {
        String blockId = unique("blk");
        Map<String, Object> fill = api.filled(channel, block(blockId, AIR).content("/shows/ep1.mp4", 60_000).placeholder(120_000).body());

        List<String> filledItems = segments(fill).stream().filter(s -> !"content".equals(s.get("type")) && !"pad".equals(s.get("type")))
                .map(s -> s.get("assetUri") + " " + s.get("start") + " " + s.get("durationMs") + " " + blockId + " 0").toList();
        assertThat(filledItems).isNotEmpty();
        assertThat(api.plays(channel)).extracting(p -> p.get("assetUri") + " " + p.get("playedAt") + " " + p.get("durationMs")
                + " " + p.get("blockId") + " " + p.get("breakIndex")).containsExactlyInAnyOrderElementsOf(filledItems);
    }

    @Test
    void aRecordedPlayKeepsAnAssetOutWhileItCoolsDown() {
        api.recordPlays(channel, play(a, "2026-11-20T19:30:00Z"));

        Map<String, Object> fill = api.filled(channel, block(unique("blk"), AIR).placeholder(60_000).body());

        assertThat(filledUris(fill)).containsExactly(b);
    }

    @Test
    void aPlayAfterTheBreakKeepsAnAssetOutWhenTheBreakWouldAirInsideItsCooldown() {
        api.recordPlays(channel, play(a, "2026-11-20T20:30:00Z"));

        Map<String, Object> fill = api.filled(channel, block(unique("blk"), AIR).placeholder(60_000).body());

        assertThat(filledUris(fill)).containsExactly(b);
    }

    @Test
    void aPlayDeletedFromTheLogNoLongerKeepsItsAssetOut() {
        api.recordPlays(channel, play(a, "2026-11-20T19:30:00Z"));
        assertThat(filledUris(api.filled(channel, block(unique("blk"), AIR).placeholder(30_000).body()))).containsExactly(b);

        // An operator takes the play out of the log (it never aired): a rests no more.
        jdbc.update("delete from traffic_play_log where channel_slug = ? and asset_uri = ?", channel, a);
        Map<String, Object> next = api.filled(channel, block(unique("blk"), "2026-11-20T20:05:00Z").placeholder(30_000).body());

        assertThat(filledUris(next)).containsExactly(a);
    }

    @Test
    void aPlayLongAfterTheBreakDoesNotHideAPlayJustBeforeIt() {
        api.recordPlays(channel, play(a, "2026-11-20T19:30:00Z"), play(a, "2026-11-21T06:00:00Z"));

        Map<String, Object> fill = api.filled(channel, block(unique("blk"), AIR).placeholder(60_000).body());

        assertThat(filledUris(fill)).containsExactly(b);
    }

    @Test
    void aBlockFilledAfterALaterOneKeepsItsDistanceFromTheLaterOnesPlays() {
        assertThat(filledUris(api.filled(channel, block(unique("blk"), "2026-11-20T22:00:00Z").placeholder(30_000).body())))
                .containsExactly(a);

        Map<String, Object> earlier = api.filled(channel, block(unique("blk"), "2026-11-20T21:30:00Z").placeholder(30_000).body());

        assertThat(filledUris(earlier)).containsExactly(b);
    }

    // What the service remembers between fills (the library, each channel's order, its plays per day) follows
    // every change made through the API or by another replica: the very next fill sees it.

    @Test
    void anAssetPulledAfterAFillIsNotChosenByTheNext() {
        assertThat(filledUris(api.filled(channel, block(unique("blk"), AIR).placeholder(30_000).body()))).containsExactly(a);
        api.putAssets(asset(b, "commercial", 20_000, Map.of("state", "pulled")));

        // Ten minutes on, a still rests and b is pulled: nothing may fill the break.
        Map<String, Object> next = api.filled(channel, block(unique("blk"), "2026-11-20T20:10:00Z").placeholder(30_000).body());

        assertThat(next).containsEntry("fallback", false);
        assertThat(filledUris(next)).isEmpty();
    }

    @Test
    void aPlayRecordedAfterAFillMovesItsAssetBackInTheNextFillsOrder() {
        assertThat(filledUris(api.filled(channel, block(unique("blk"), AIR).placeholder(30_000).body()))).containsExactly(a);
        api.recordPlays(channel, play(b, "2026-11-20T21:00:00Z"));

        // Three hours on neither rests; a played longest ago, so it goes first.
        Map<String, Object> next = api.filled(channel, block(unique("blk"), "2026-11-20T23:00:00Z").placeholder(30_000).body());

        assertThat(filledUris(next)).containsExactly(a);
    }

    @Test
    void playsRecordedAfterAFillCountTowardsTheNextFillsDailyCap() {
        // showtime-cinema: promos only, at most 3 plays of an asset per UTC day, promo cooldown 1800 s.
        String prefix = "/promos/" + unique("cap");
        String first = prefix + "-a.mp4";
        String second = prefix + "-b.mp4";
        api.putAssets(asset(first, "promo", 30_000), asset(second, "promo", 30_000));
        assertThat(filledUris(api.filled("showtime-cinema", block(unique("blk"), AIR).placeholder(30_000).body())))
                .containsExactly(first);
        api.recordPlays("showtime-cinema", play(second, "2026-11-20T10:00:00Z"), play(second, "2026-11-20T11:00:00Z"),
                play(second, "2026-11-20T12:00:00Z"));

        // An hour on, the second promo comes first in the order (played longest ago) but has reached its cap.
        Map<String, Object> next = api.filled("showtime-cinema", block(unique("blk"), "2026-11-20T21:00:00Z")
                .placeholder(30_000).body());

        assertThat(filledUris(next)).containsExactly(first);
    }

    @Test
    void aFillKeptWaitingForItsChannelOverFiveSecondsFallsBack() throws Exception {
        // Another replica's fill of the channel holds the channel's advisory lock and does not let go.
        try (Connection otherReplica = dataSource.getConnection();
             PreparedStatement lock = otherReplica.prepareStatement("select pg_advisory_lock(hashtextextended(?, 0))")) {
            lock.setString(1, "fill:" + channel);
            lock.execute();
            try {
                Map<String, Object> fill = api.filled(channel, block(unique("blk"), AIR).placeholder(30_000).body());

                assertThat(fill).containsEntry("fallback", true);
                assertThat((String) fill.get("fallbackReason")).contains("statement timeout");
            } finally {
                try (PreparedStatement unlock = otherReplica.prepareStatement("select pg_advisory_unlock(hashtextextended(?, 0))")) {
                    unlock.setString(1, "fill:" + channel);
                    unlock.execute();
                }
            }
        }
        assertThat(api.plays(channel)).isEmpty();
    }

    @Test
    void aLaterBreakOfTheSameBlockSeesTheEarlierBreaksPlays() {
        Map<String, Object> fill = api.filled(channel, block(unique("blk"), AIR)
                .placeholder(60_000).content("/shows/ep1.mp4", 600_000).placeholder(60_000).body());

        assertThat(segments(fill)).filteredOn(s -> a.equals(s.get("assetUri")) || b.equals(s.get("assetUri")))
                .extracting(s -> s.get("breakIndex")).containsExactly(0, 0);
        assertThat(segments(fill)).filteredOn(s -> Integer.valueOf(1).equals(s.get("breakIndex")))
                .extracting(s -> s.get("type") + " " + s.get("durationMs")).containsExactly("pad 60000");
    }

    @Test
    void aPulledSiblingsPlayKeepsItsWholeCooldownGroupOut() {
        String group = unique("grp");
        String sibling = "/ads/" + unique("sibling") + ".mp4";
        api.putAssets(asset(a, "commercial", 30_000, Map.of("cooldownGroup", group)),
                asset(sibling, "commercial", 30_000, Map.of("cooldownGroup", group)));
        api.recordPlays(channel, play(sibling, "2026-11-20T19:30:00Z"));
        api.putAssets(asset(sibling, "commercial", 30_000, Map.of("cooldownGroup", group, "state", "pulled")));

        Map<String, Object> fill = api.filled(channel, block(unique("blk"), AIR).placeholder(60_000).body());

        assertThat(filledUris(fill)).containsExactly(b);
    }

    @Test
    void theSameBlockIdAgainAnswersTheStoredFillAndLogsNoNewPlay() {
        Map<String, Object> body = block(unique("blk"), AIR).placeholder(60_000).body();
        Map<String, Object> first = api.filled(channel, body);
        List<Map<String, Object>> playsAfterFirst = api.plays(channel);

        Map<String, Object> second = api.filled(channel, body);

        assertThat(second).isEqualTo(first);
        assertThat(api.plays(channel)).isEqualTo(playsAfterFirst);
    }

    @Test
    void aDifferentBodyUnderAStoredBlockIdIsAConflict() {
        String blockId = unique("blk");
        api.filled(channel, block(blockId, AIR).placeholder(60_000).body());
        List<Map<String, Object>> playsAfterFirst = api.plays(channel);

        api.fill(channel, block(blockId, AIR).placeholder(90_000).body())
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(api.plays(channel)).isEqualTo(playsAfterFirst);
    }

    @Test
    void anAuditorMayNotFill() {
        http.post().uri("/api/v1/channels/{slug}/blocks/fill", channel).headers(AUDITOR).contentType(MediaType.APPLICATION_JSON)
                .body(block(unique("blk"), AIR).placeholder(60_000).body()).exchange()
                .expectStatus().isForbidden();

        assertThat(api.plays(channel)).isEmpty();
    }

    @Test
    void aNonPositiveSegmentDurationIsABadRequestNamingTheFieldAndLogsNothing() {
        api.fill(channel, block(unique("blk"), AIR).placeholder(60_000).placeholder(0).body())
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("segments[1].durationMs");

        assertThat(api.plays(channel)).isEmpty();
    }

    @Test
    void aStartWithoutAnOffsetIsABadRequestNamingTheField() {
        api.fill(channel, block(unique("blk"), "2026-11-20T20:00:00").placeholder(60_000).body())
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("start");
    }

    @Test
    void anUnknownSegmentTypeIsABadRequestNamingTheField() {
        Map<String, Object> body = block(unique("blk"), AIR).body();
        body.put("segments", List.of(Map.of("type", "commercial", "assetUri", a, "durationMs", 30_000)));

        api.fill(channel, body)
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("segments[0].type");
    }

    @Test
    void aFillReadsPastTheFirstPageOfCandidates() {
        // showtime-cinema takes promos only; 2 x PAGE never-played commercials come first in the order.
        List<Map<String, Object>> commercials = new java.util.ArrayList<>();
        for (int i = 0; i < 2 * BlockFiller.PAGE; i++) {
            commercials.add(asset("/ads/" + unique("early") + ".mp4", "commercial", 30_000));
        }
        api.putAssets(commercials.toArray(Map[]::new));
        String promo = "/promos/" + unique("trailer") + ".mp4";
        api.putAssets(asset(promo, "promo", 30_000));
        api.recordPlays("showtime-cinema", play(promo, "2026-11-20T17:00:00Z"));

        Map<String, Object> fill = api.filled("showtime-cinema", block(unique("blk"), AIR).placeholder(60_000).body());

        assertThat(filledUris(fill)).containsExactly(promo);
    }

    @Test
    void aSegmentWithoutADurationIsABadRequestNamingItsPathAndLogsNothing() {
        Map<String, Object> body = block(unique("blk"), AIR).placeholder(60_000).body();
        body.put("segments", List.of(Map.of("type", "filler", "assetUri", "", "durationMs", 60_000), Map.of("type", "filler")));

        expectOnlyProblem(api.fill(channel, body), "segments[1].durationMs", "is required");

        assertThat(api.plays(channel)).isEmpty();
    }
}
