package com.trafficrules.makegood;

import static com.trafficrules.makegood.MakegoodApi.avail;
import static com.trafficrules.makegood.MakegoodApi.now;
import static com.trafficrules.makegood.MakegoodApi.payload;
import static com.trafficrules.makegood.MakegoodApi.unique;
import static com.trafficrules.support.Users.MANAGER;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.HttpTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The impact preview of a proposed version on stored ratings batches: judged again, nothing reserved. */
@HttpTest
class RatingsImpactHttpTest {

    @Autowired
    RestTestClient http;

    @Test
    void aLowerDmaThresholdShowsATriggeredSpotNowWithinToleranceAndReservesNothing() throws Exception {
        MakegoodApi api = new MakegoodApi(http);
        String market = unique("impact");
        String since = Instant.now().minusSeconds(1).toString();
        api.putAvails(List.of(avail(market + "-a", market, now().plus(Duration.ofDays(1)), 60_000, 10.0)));
        Map<String, Object> triggered = api.result(payload("s-1", market, 7.5));
        Map<?, ?> decision = http.get().uri("/api/v1/decisions?kind=ratings").headers(MANAGER).exchange().expectStatus().isOk()
                .returnResult(Map.class).getResponseBody();
        String decisionId = (String) ((Map<?, ?>) ((List<?>) decision.get("decisions")).get(0)).get("id");
        String lenient = Files.readString(Path.of("config/makegood.yaml"))
                .replace("DMA:      { threshold: 0.92, buffer: 0.04 }", "DMA:      { threshold: 0.70, buffer: 0.04 }");

        Map<?, ?> change = ((List<?>) preview(proposed(lenient), since).get("changes")).stream().map(c -> (Map<?, ?>) c)
                .filter(c -> decisionId.equals(c.get("decisionId"))).findFirst().orElseThrow();

        assertThat(triggered).containsEntry("status", "TRIGGERED");
        assertThat(change.get("kind")).isEqualTo("ratings");
        assertThat((List<?>) change.get("removed")).singleElement().satisfies(item -> assertThat(MakegoodApi.asMap(item))
                .containsEntry("status", "TRIGGERED"));
        assertThat((List<?>) change.get("added")).singleElement().satisfies(item -> assertThat(MakegoodApi.asMap(item))
                .containsEntry("status", "WITHIN_TOLERANCE"));
        assertThat(api.avails(market).get(0)).containsEntry("remainingMs", 30_000);
    }

    private long proposed(String makegoodYaml) {
        Map<String, Object> body = Map.of("label", "lenient DMA", "note", "written by a test",
                "files", List.of(Map.of("path", "config/makegood.yaml", "content", makegoodYaml)));
        Map<?, ?> version = http.post().uri("/api/v1/rulesets").headers(MANAGER).contentType(MediaType.APPLICATION_JSON)
                .body(body).exchange().expectStatus().isCreated().returnResult(Map.class).getResponseBody();
        return ((Number) version.get("id")).longValue();
    }

    private Map<?, ?> preview(long version, String since) {
        return http.post().uri("/api/v1/rulesets/{id}/impact", version).headers(MANAGER).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("kinds", List.of("ratings"), "since", since)).exchange()
                .expectStatus().isOk().returnResult(Map.class).getResponseBody();
    }
}
