package com.trafficrules.fill;

import static com.trafficrules.support.Users.SCHEDULER;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The fill endpoints as a test speaks to them, as the scheduler, plus small request builders. Suites share
 * one application context (and database), so every test names its own channel and asset uris.
 */
final class FillApi {

    private final RestTestClient http;

    FillApi(RestTestClient http) {
        this.http = http;
    }

    /** A name no other test uses: a channel slug with no file (the defaults apply), a block id, a uri part. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, Object> asset(String uri, String type, long durationMs) {
        Map<String, Object> asset = new LinkedHashMap<>();
        asset.put("uri", uri);
        asset.put("type", type);
        asset.put("durationMs", durationMs);
        return asset;
    }

    static Map<String, Object> asset(String uri, String type, long durationMs, Map<String, Object> more) {
        Map<String, Object> asset = asset(uri, type, durationMs);
        asset.putAll(more);
        return asset;
    }

    static Map<String, Object> play(String assetUri, String playedAt) {
        return Map.of("assetUri", assetUri, "playedAt", playedAt);
    }

    /** A fill request: segments air back to back from {@code start}. */
    static final class BlockBody {
        private final Map<String, Object> body = new LinkedHashMap<>();
        private final List<Map<String, Object>> segments = new ArrayList<>();

        BlockBody(String blockId, String start) {
            body.put("blockId", blockId);
            body.put("start", start);
            body.put("segments", segments);
        }

        BlockBody content(String uri, long durationMs) {
            segments.add(Map.of("type", "content", "assetUri", uri, "durationMs", durationMs));
            return this;
        }

        BlockBody placeholder(long durationMs) {
            segments.add(Map.of("type", "filler", "assetUri", "", "durationMs", durationMs));
            return this;
        }

        Map<String, Object> body() {
            return body;
        }
    }

    static BlockBody block(String blockId, String start) {
        return new BlockBody(blockId, start);
    }

    @SafeVarargs
    final List<Map<String, Object>> putAssets(Map<String, Object>... assets) {
        return list(http.put().uri("/api/v1/assets").headers(SCHEDULER).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("assets", List.of(assets))).exchange().expectStatus().isOk()
                .returnResult(Map.class).getResponseBody(), "assets");
    }

    @SafeVarargs
    final void recordPlays(String channel, Map<String, Object>... plays) {
        http.post().uri("/api/v1/channels/{slug}/plays", channel).headers(SCHEDULER).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("plays", List.of(plays))).exchange().expectStatus().isCreated();
    }

    List<Map<String, Object>> plays(String channel) {
        return list(http.get().uri("/api/v1/channels/{slug}/plays", channel).headers(SCHEDULER).exchange()
                .expectStatus().isOk().returnResult(Map.class).getResponseBody(), "plays");
    }

    RestTestClient.ResponseSpec fill(String channel, Map<String, Object> body) {
        return http.post().uri("/api/v1/channels/{slug}/blocks/fill", channel).headers(SCHEDULER)
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> filled(String channel, Map<String, Object> body) {
        return fill(channel, body).expectStatus().isOk().returnResult(Map.class).getResponseBody();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> segments(Map<String, Object> fill) {
        return (List<Map<String, Object>>) fill.get("segments");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<?, ?> response, String name) {
        return (List<Map<String, Object>>) response.get(name);
    }
}
