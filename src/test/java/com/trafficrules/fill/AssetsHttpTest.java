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
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The interstitial library: upsert by uri, list, delete (with the asset's plays). */
@HttpTest
class AssetsHttpTest {

    @Autowired
    RestTestClient http;

    private FillApi api;

    @BeforeEach
    void api() {
        api = new FillApi(http);
    }

    private List<Map<String, Object>> listed() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> assets = (List<Map<String, Object>>) http.get().uri("/api/v1/assets").headers(AUDITOR)
                .exchange().expectStatus().isOk().returnResult(Map.class).getResponseBody().get("assets");
        return assets;
    }

    private RestTestClient.ResponseSpec put(java.util.function.Consumer<org.springframework.http.HttpHeaders> user, Object body) {
        return http.put().uri("/api/v1/assets").headers(user).contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

    @Test
    void upsertGivesANewAssetAUuidAndStateReady() {
        String uri = "/ads/" + unique("acme") + ".mp4";

        Map<String, Object> saved = api.putAssets(asset(uri, "commercial", 30_000)).get(0);

        assertThat(UUID.fromString((String) saved.get("uuid"))).isNotNull();
        assertThat(saved).containsEntry("uri", uri).containsEntry("type", "commercial").containsEntry("durationMs", 30_000)
                .containsEntry("state", "ready");
    }

    @Test
    void upsertOfAKnownUriUpdatesTheSameAsset() {
        String uri = "/ads/" + unique("acme") + ".mp4";
        Object uuid = api.putAssets(asset(uri, "commercial", 30_000)).get(0).get("uuid");

        Map<String, Object> updated = api.putAssets(asset(uri, "promo", 15_000, Map.of("state", "pulled"))).get(0);

        assertThat(updated).containsEntry("uuid", uuid).containsEntry("type", "promo").containsEntry("durationMs", 15_000)
                .containsEntry("state", "pulled");
        assertThat(listed()).filteredOn(a -> uri.equals(a.get("uri"))).singleElement()
                .satisfies(a -> assertThat(a).containsEntry("uuid", uuid).containsEntry("type", "promo"));
    }

    @Test
    void listShowsEveryAssetInUriOrder() {
        String prefix = "/ads/" + unique("list");
        api.putAssets(asset(prefix + "-b.mp4", "commercial", 30_000), asset(prefix + "-a.mp4", "promo", 20_000));

        List<Object> uris = listed().stream().map(a -> a.get("uri")).filter(u -> ((String) u).startsWith(prefix)).toList();

        assertThat(uris).containsExactly(prefix + "-a.mp4", prefix + "-b.mp4");
    }

    @Test
    void deleteRemovesTheAssetAndItsPlays() {
        String channel = unique("t");
        String uri = "/ads/" + unique("gone") + ".mp4";
        String kept = "/ads/" + unique("kept") + ".mp4";
        Object uuid = api.putAssets(asset(uri, "commercial", 30_000), asset(kept, "commercial", 30_000)).get(0).get("uuid");
        api.recordPlays(channel, play(uri, "2026-11-20T19:00:00Z"), play(kept, "2026-11-20T19:01:00Z"));

        http.delete().uri("/api/v1/assets/{uuid}", uuid).headers(SCHEDULER).exchange().expectStatus().isNoContent();

        assertThat(listed()).noneMatch(a -> uri.equals(a.get("uri")));
        assertThat(api.plays(channel)).extracting(p -> p.get("assetUri")).containsExactly(kept);
    }

    @Test
    void deleteOfAnUnknownUuidIsNotFound() {
        http.delete().uri("/api/v1/assets/{uuid}", UUID.randomUUID()).headers(SCHEDULER).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aTrafficManagerMayUpsertAssets() {
        put(MANAGER, Map.of("assets", List.of(asset("/ads/" + unique("mgr") + ".mp4", "psa", 20_000))))
                .expectStatus().isOk();
    }

    @Test
    void anAuditorMayNotUpsertAssets() {
        String uri = "/ads/" + unique("audit") + ".mp4";

        put(AUDITOR, Map.of("assets", List.of(asset(uri, "psa", 20_000)))).expectStatus().isForbidden();

        assertThat(listed()).noneMatch(a -> uri.equals(a.get("uri")));
    }

    @Test
    void aNonPositiveDurationIsABadRequestNamingTheFieldAndStoresNothing() {
        String uri = "/ads/" + unique("bad") + ".mp4";

        put(SCHEDULER, Map.of("assets", List.of(asset(uri, "commercial", 30_000), asset(uri + "2", "commercial", 0))))
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("assets[1].durationMs");

        assertThat(listed()).noneMatch(a -> uri.equals(a.get("uri")));
    }

    @Test
    void anUnknownTypeIsABadRequestNamingTheField() {
        put(SCHEDULER, Map.of("assets", List.of(asset("/ads/" + unique("bad") + ".mp4", "infomercial", 30_000))))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("assets[0].type");
    }

    @Test
    void anUnknownTypeIsABadRequestListingEveryType() {
        Map<String, Object> infomercial = asset("/ads/" + unique("bad") + ".mp4", "infomercial", 30_000);

        expectOnlyProblem(put(SCHEDULER, Map.of("assets", List.of(infomercial))), "assets[0].type",
                "must be commercial, promo, station_id, psa, stinger, bumper or filler");
    }

    @Test
    void anUnknownStateIsABadRequestNamingTheFieldAndListingTheStates() {
        Map<String, Object> gone = asset("/ads/" + unique("bad") + ".mp4", "promo", 30_000, Map.of("state", "gone"));

        expectOnlyProblem(put(SCHEDULER, Map.of("assets", List.of(gone))), "assets[0].state", "must be ready or pulled");
    }
}
