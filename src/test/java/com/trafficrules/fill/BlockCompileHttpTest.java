package com.trafficrules.fill;

import static com.trafficrules.fill.FillApi.asset;
import static com.trafficrules.fill.FillApi.unique;
import static com.trafficrules.support.Users.AUDITOR;
import static com.trafficrules.support.Users.SCHEDULER;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.HttpTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Compile time, hours ahead: the programme cut at its markers with empty placeholders; nothing filled. */
@HttpTest
class BlockCompileHttpTest {

    @Autowired
    RestTestClient http;

    private FillApi api;
    private String channel;

    @BeforeEach
    void aChannel() {
        api = new FillApi(http);
        channel = unique("t");
    }

    private RestTestClient.ResponseSpec compile(java.util.function.Consumer<org.springframework.http.HttpHeaders> user,
                                                long slotMs, long contentMs, List<Long> markers) {
        return http.post().uri("/api/v1/channels/{slug}/blocks/compile", channel).headers(user)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("blockId", unique("blk"), "start", "2026-11-20T20:00:00Z", "slotMs", slotMs,
                        "content", Map.of("assetUri", "/shows/ep1.mp4", "durationMs", contentMs, "markersMs", markers)))
                .exchange();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> segments(RestTestClient.ResponseSpec response) {
        return (List<Map<String, Object>>) response.expectStatus().isCreated().returnResult(Map.class).getResponseBody()
                .get("segments");
    }

    @Test
    void threeMarkersGiveThreePlaceholdersSharingTheSpareTime() {
        List<Map<String, Object>> segments = segments(compile(SCHEDULER, 1_800_000, 1_320_000, List.of(330_000L, 660_000L, 990_000L)));

        assertThat(segments).extracting(s -> s.get("type") + " " + s.get("assetStartOffsetMs") + " " + s.get("durationMs"))
                .containsExactly(
                        "content 0 330000", "filler 0 160000",
                        "content 330000 330000", "filler 0 160000",
                        "content 660000 330000", "filler 0 160000",
                        "content 990000 330000");
        assertThat(segments).filteredOn(s -> "filler".equals(s.get("type"))).extracting(s -> s.get("assetUri"))
                .containsOnly("");
        assertThat(segments).extracting(s -> s.get("start")).startsWith("2026-11-20T20:00:00.000Z", "2026-11-20T20:05:30.000Z");
    }

    @Test
    void withoutMarkersOnePlaceholderFollowsTheContent() {
        List<Map<String, Object>> segments = segments(compile(SCHEDULER, 1_800_000, 1_320_000, List.of()));

        assertThat(segments).extracting(s -> s.get("type") + " " + s.get("durationMs"))
                .containsExactly("content 1320000", "filler 480000");
    }

    @Test
    void theLastPlaceholdersTakeTheRemainderOneMillisecondEach() {
        List<Map<String, Object>> segments = segments(compile(SCHEDULER, 1_800_002, 1_320_000, List.of(330_000L, 660_000L, 990_000L)));

        assertThat(segments).filteredOn(s -> "filler".equals(s.get("type"))).extracting(s -> s.get("durationMs"))
                .containsExactly(160_000, 160_001, 160_001);
    }

    /** The fill request a feed step makes of a compiled block: its segments as compiled, placeholders still empty. */
    private static Map<String, Object> fillOf(List<Map<String, Object>> compiled) {
        List<Map<String, Object>> segments = compiled.stream().map(s -> Map.of("type", s.get("type"),
                "assetUri", s.get("assetUri"), "assetStartOffsetMs", s.get("assetStartOffsetMs"), "durationMs", s.get("durationMs")))
                .toList();
        return Map.of("blockId", unique("blk"), "start", "2026-11-20T20:00:00Z", "segments", segments);
    }

    @Test
    void compilingLogsNoPlayThoughFillingTheCompiledBlockDoes() {
        api.putAssets(asset("/promos/" + unique("compile") + ".mp4", "promo", 30_000));

        List<Map<String, Object>> compiled = segments(compile(SCHEDULER, 1_800_000, 1_320_000, List.of(330_000L)));

        assertThat(api.plays(channel)).as("the channel's plays after compiling").isEmpty();
        api.filled(channel, fillOf(compiled));
        assertThat(api.plays(channel)).as("the channel's plays after filling the compiled block").isNotEmpty();
    }

    @Test
    void anAuditorMayNotCompile() {
        compile(AUDITOR, 1_800_000, 1_320_000, List.of()).expectStatus().isForbidden();
    }

    @Test
    void contentLongerThanTheSlotIsABadRequestNamingTheField() {
        compile(SCHEDULER, 1_000_000, 1_320_000, List.of())
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("content.durationMs");
    }
}
