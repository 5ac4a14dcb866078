package com.trafficrules.fill;

import static com.trafficrules.fill.FillApi.asset;
import static com.trafficrules.fill.FillApi.play;
import static com.trafficrules.fill.FillApi.unique;
import static com.trafficrules.support.Problems.expectOnlyProblem;
import static com.trafficrules.support.Users.AUDITOR;
import static com.trafficrules.support.Users.MANAGER;
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

/** Plays made outside the fill path, recorded so cooldowns and caps see them, and read back by time. */
@HttpTest
class PlaysHttpTest {

    @Autowired
    RestTestClient http;

    private FillApi api;
    private String channel;
    private String uri;

    @BeforeEach
    void aChannelWithOneAsset() {
        api = new FillApi(http);
        channel = unique("t");
        uri = "/ads/" + unique("acme") + ".mp4";
        api.putAssets(asset(uri, "commercial", 30_000));
    }

    private RestTestClient.ResponseSpec post(java.util.function.Consumer<org.springframework.http.HttpHeaders> user,
                                             List<Map<String, Object>> plays) {
        return http.post().uri("/api/v1/channels/{slug}/plays", channel).headers(user).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("plays", plays)).exchange();
    }

    private List<Object> playedAt(String query) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> plays = (List<Map<String, Object>>) http.get()
                .uri("/api/v1/channels/" + channel + "/plays" + query).headers(AUDITOR).exchange()
                .expectStatus().isOk().returnResult(Map.class).getResponseBody().get("plays");
        return plays.stream().map(p -> p.get("playedAt")).toList();
    }

    @Test
    void aRecordedPlayIsListedWithTheAssetsTypeAndDuration() {
        post(SCHEDULER, List.of(Map.of("assetUri", uri, "playedAt", "2026-11-20T15:12:00-05:00", "blockId", "live-1",
                "breakIndex", 2))).expectStatus().isCreated();

        assertThat(api.plays(channel)).singleElement().satisfies(p -> assertThat(p)
                .containsEntry("assetUri", uri).containsEntry("assetType", "commercial").containsEntry("durationMs", 30_000)
                .containsEntry("playedAt", "2026-11-20T20:12:00.000Z").containsEntry("blockId", "live-1")
                .containsEntry("breakIndex", 2).containsKey("assetUuid"));
    }

    @Test
    void aPlayInTheFutureIsAccepted() {
        post(SCHEDULER, List.of(play(uri, "2099-01-01T00:00:00Z"))).expectStatus().isCreated();

        assertThat(playedAt("")).containsExactly("2099-01-01T00:00:00.000Z");
    }

    @Test
    void aTrafficManagerMayRecordPlays() {
        post(MANAGER, List.of(play(uri, "2026-11-20T19:00:00Z"))).expectStatus().isCreated();
    }

    @Test
    void anAuditorMayNotRecordPlays() {
        post(AUDITOR, List.of(play(uri, "2026-11-20T19:00:00Z"))).expectStatus().isForbidden();

        assertThat(api.plays(channel)).isEmpty();
    }

    @Test
    void anUnknownAssetUriIsABadRequestNamingThePlayAndNothingIsRecorded() {
        post(SCHEDULER, List.of(play(uri, "2026-11-20T19:00:00Z"), play("/ads/never-heard-of.mp4", "2026-11-20T19:01:00Z")))
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("plays[1].assetUri");

        assertThat(api.plays(channel)).isEmpty();
    }

    @Test
    void aPlayedAtWithoutAnOffsetIsABadRequestNamingTheField() {
        post(SCHEDULER, List.of(play(uri, "2026-11-20T19:00:00")))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("plays[0].playedAt");
    }

    @Test
    void listingFromIsInclusiveAndToIsExclusive() {
        api.recordPlays(channel, play(uri, "2026-11-20T18:59:59.999Z"), play(uri, "2026-11-20T19:00:00Z"),
                play(uri, "2026-11-20T19:30:00Z"), play(uri, "2026-11-20T20:00:00Z"));

        assertThat(playedAt("?from=2026-11-20T19:00:00Z&to=2026-11-20T20:00:00Z"))
                .containsExactly("2026-11-20T19:00:00.000Z", "2026-11-20T19:30:00.000Z");
    }

    @Test
    void listingIsPerChannel() {
        api.recordPlays(unique("other"), play(uri, "2026-11-20T19:00:00Z"));

        assertThat(api.plays(channel)).isEmpty();
    }

    @Test
    void listingFromATimeWithoutAnOffsetIsABadRequestNamingFrom() {
        RestTestClient.ResponseSpec listed = http.get().uri("/api/v1/channels/{slug}/plays?from={from}", channel,
                "2026-11-20T19:00:00").headers(AUDITOR).exchange();

        expectOnlyProblem(listed, "from", "must be an RFC 3339 date-time with an offset, e.g. 2026-11-20T20:12:00Z");
    }
}
