package com.trafficrules.makegood;

import static com.trafficrules.makegood.MakegoodApi.avail;
import static com.trafficrules.makegood.MakegoodApi.now;
import static com.trafficrules.makegood.MakegoodApi.unique;
import static com.trafficrules.makegood.MakegoodApi.utc;
import static com.trafficrules.support.Problems.expectOnlyProblem;
import static com.trafficrules.support.Users.AUDITOR;
import static com.trafficrules.support.Users.MANAGER;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.HttpTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Future inventory as the traffic system books it, listed with what make-goods reserved there. */
@HttpTest
class AvailsHttpTest {

    @Autowired
    RestTestClient http;

    private MakegoodApi api;
    private String market;
    private Instant tomorrow;

    @BeforeEach
    void aMarketOfItsOwn() {
        api = new MakegoodApi(http);
        market = unique("avails");
        tomorrow = now().plus(Duration.ofDays(1));
    }

    private RestTestClient.ResponseSpec put(java.util.function.Consumer<HttpHeaders> user, List<Map<String, Object>> avails) {
        return http.put().uri("/api/v1/avails").headers(user).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("avails", avails)).exchange();
    }

    @Test
    void anAvailIsListedByMarketAndTimeWithItsCodesSorted() {
        api.putAvails(List.of(avail(market + "-a", market, tomorrow, 60_000, 3.5, "BEER", "AUTO"),
                avail(market + "-b", market, tomorrow.plus(Duration.ofDays(3)), 60_000, 2.0)));

        List<Map<String, Object>> listed = http.get().uri("/api/v1/avails?market={m}&from={f}&to={t}", market, utc(tomorrow),
                        utc(tomorrow.plus(Duration.ofDays(1)))).headers(AUDITOR).exchange().expectStatus().isOk()
                .expectBody(AvailsList.class).returnResult().getResponseBody().avails();

        assertThat(listed).singleElement().satisfies(a -> assertThat(a).containsEntry("id", market + "-a")
                .containsEntry("start", utc(tomorrow)).containsEntry("remainingMs", 60_000).containsEntry("estimatedGrps", 3.5)
                .containsEntry("productCodes", List.of("AUTO", "BEER")).containsEntry("reservations", List.of()));
    }

    @Test
    void anUpsertChangesTheBookingAndKeepsWhatMakeGoodsReserved() {
        api.putAvails(List.of(avail(market + "-a", market, tomorrow, 60_000, 10.0)));
        api.result(MakegoodApi.payload("s-1", market, 7.5));

        api.putAvails(List.of(avail(market + "-a", market, tomorrow, 90_000, 10.0, "BEER")));

        assertThat(api.avails(market)).singleElement().satisfies(a -> assertThat(a).containsEntry("remainingMs", 60_000)
                .containsEntry("productCodes", List.of("AUTO", "BEER")));
    }

    @Test
    void aTrafficManagerMayBookAvails() {
        put(MANAGER, List.of(avail(market + "-a", market, tomorrow, 60_000, 1.0))).expectStatus().isOk();
    }

    @Test
    void anAuditorMayNotBookAvails() {
        put(AUDITOR, List.of(avail(market + "-a", market, tomorrow, 60_000, 1.0))).expectStatus().isForbidden();
    }

    @Test
    void moreRoomThanTheAvailLastsIsRefusedNamingTheField() {
        expectOnlyProblem(put(com.trafficrules.support.Users.SCHEDULER,
                List.of(avail(market + "-a", market, tomorrow, 180_000, 1.0))), "avails[0].remainingMs", "must not be more than durationMs");
        assertThat(api.avails(market)).isEmpty();
    }

    @Test
    void aStartWithoutAnOffsetIsRefusedNamingTheField() {
        Map<String, Object> local = avail(market + "-a", market, tomorrow, 60_000, 1.0);
        local.put("start", "2026-12-24T18:00:00");

        put(com.trafficrules.support.Users.SCHEDULER, List.of(local)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("avails[0].start");
    }

    record AvailsList(List<Map<String, Object>> avails) {
    }
}
