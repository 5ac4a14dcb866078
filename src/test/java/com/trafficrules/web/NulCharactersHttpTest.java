package com.trafficrules.web;

import static com.trafficrules.rotation.RotationLogBuilder.log;
import static com.trafficrules.support.Users.AUDITOR;
import static com.trafficrules.support.Users.MANAGER;
import static com.trafficrules.support.Users.SCHEDULER;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.HttpTest;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** A NUL character anywhere in what a client sends is a 400 naming the field: nothing stored, no fallback, no 500. */
@HttpTest
class NulCharactersHttpTest {

    private static final String NUL = "\u0000";

    @Autowired
    RestTestClient http;

    private RestTestClient.ResponseSpec send(HttpMethod method, String path, Consumer<HttpHeaders> user, Object body) {
        return http.method(method).uri(path).headers(user).contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

    private static void refusedNaming(RestTestClient.ResponseSpec response, String field) {
        response.expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].message").value(String.class, message -> assertThat(message).contains("NUL"));
    }

    private static Map<String, Object> segment(String type, String assetUri, long durationMs) {
        return Map.of("type", type, "assetUri", assetUri, "durationMs", durationMs);
    }

    @Test
    void refusesNulCharacterInAnAssetTitle() {
        Map<String, Object> asset = Map.of("uri", "/nul/promo.mp4", "durationMs", 30_000, "type", "promo",
                "title", "Pro" + NUL + "mo");

        refusedNaming(send(HttpMethod.PUT, "/api/v1/assets", SCHEDULER, Map.of("assets", List.of(asset))), "assets[0].title");
    }

    @Test
    void refusesNulCharacterInARecordedPlay() {
        Map<String, Object> play = Map.of("assetUri", "/nul/" + NUL + ".mp4", "playedAt", "2026-11-20T20:00:00Z");

        refusedNaming(send(HttpMethod.POST, "/api/v1/channels/nul-plays/plays", SCHEDULER, Map.of("plays", List.of(play))),
                "plays[0].assetUri");
    }

    @Test
    void refusesNulCharacterInACompiledBlockId() {
        Map<String, Object> body = Map.of("blockId", "blk" + NUL, "start", "2026-11-20T20:00:00Z", "slotMs", 1_800_000,
                "content", Map.of("assetUri", "/shows/ep1.mp4", "durationMs", 1_320_000));

        refusedNaming(send(HttpMethod.POST, "/api/v1/channels/nul-blocks/blocks/compile", SCHEDULER, body), "blockId");
    }

    @Test
    void refusesNulCharacterInAFillRatherThanFallingBack() {
        Map<String, Object> body = Map.of("blockId", "blk-nul", "start", "2026-11-20T20:00:00Z", "segments", List.of(
                segment("content", "/shows/ep1" + NUL + ".mp4", 330_000), segment("filler", "", 120_000)));

        refusedNaming(send(HttpMethod.POST, "/api/v1/channels/nul-fill/blocks/fill", SCHEDULER, body), "segments[0].assetUri");
    }

    @Test
    void refusesNulCharacterInAProposedFile() {
        Map<String, Object> body = Map.of("label", "nul", "files", List.of(
                Map.of("path", "config/channels/nul-zone.yaml", "content", "timezone: UTC" + NUL + "\n")));

        refusedNaming(send(HttpMethod.POST, "/api/v1/rulesets", MANAGER, body), "files[0].content");
    }

    @Test
    void refusesNulCharacterInAStringOfAList() {
        Map<String, Object> body = log("retro-prime").breakAt("B1", "2026-11-20T20:12:00Z", 120_000)
                .spot("S1", "B1", "2026-11-20T20:12:00Z", 30_000, Map.of("productCodes", List.of("AUTO", "BEER" + NUL))).body();

        refusedNaming(send(HttpMethod.POST, "/api/v1/rotation/validate", SCHEDULER, body), "spots[0].productCodes[1]");
    }

    @Test
    void refusesNulCharacterInAQueryParameter() {
        refusedNaming(http.get().uri("/api/v1/decisions?channel={channel}", "retro" + NUL).headers(AUDITOR).exchange(), "channel");
    }
}
