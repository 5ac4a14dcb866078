package com.trafficrules.makegood;

import static com.trafficrules.makegood.MakegoodApi.avail;
import static com.trafficrules.makegood.MakegoodApi.now;
import static com.trafficrules.makegood.MakegoodApi.orderIdOf;
import static com.trafficrules.makegood.MakegoodApi.payload;
import static com.trafficrules.makegood.MakegoodApi.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.HttpTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Exactly once under contention: replays sent at the same moment, and make-goods racing for the same avail. */
@HttpTest
class MakegoodRacesHttpTest {

    @Autowired
    RestTestClient http;

    private MakegoodApi api;
    private String market;
    private Instant tomorrow;

    @BeforeEach
    void aMarketOfItsOwn() {
        api = new MakegoodApi(http);
        market = unique("race");
        tomorrow = now().plus(Duration.ofDays(1));
    }

    @Test
    void eightConcurrentReplaysOfOnePayloadMakeOneOrder() throws Exception {
        api.putAvails(List.of(avail(market + "-a", market, tomorrow, 120_000, 10.0)));
        Map<String, Object> payload = payload("s-1", market, 7.5);

        List<Map<String, Object>> results = atOnce(8, () -> api.result(payload));

        assertThat(results).extracting(r -> r.get("status")).containsOnly("TRIGGERED");
        assertThat(results).extracting(MakegoodApi::orderIdOf).containsOnly(orderIdOf(results.get(0)));
        assertThat(results).filteredOn(r -> Boolean.FALSE.equals(r.get("duplicate"))).hasSize(1);
        assertThat(api.orders(market)).hasSize(1);
        assertThat(api.avails(market).get(0)).containsEntry("remainingMs", 90_000);
    }

    @Test
    void twoSpotsRacingForAnAvailsLastThirtySecondsGetItOnce() throws Exception {
        api.putAvails(List.of(avail(market + "-a", market, tomorrow, 30_000, 10.0)));
        List<Map<String, Object>> payloads = List.of(payload("s-1", market, 7.5), payload("s-2", market, 7.5));

        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<Map<String, Object>> results = atOnce(2, () -> api.result(payloads.get(next.getAndIncrement())));

        assertThat(results).extracting(r -> r.get("status")).containsExactlyInAnyOrder("TRIGGERED", "ROUTING_FAILED");
        assertThat(api.avails(market).get(0)).containsEntry("remainingMs", 0);
        assertThat(api.orders(market)).hasSize(1);
    }

    @Test
    void cancellingAnOrderGivesItsAvailBackAndRecordsWhoAndWhy() {
        api.putAvails(List.of(avail(market + "-a", market, tomorrow, 60_000, 10.0, "BEER")));
        String orderId = orderIdOf(api.result(payload("s-1", market, 7.5)));

        api.cancel(orderId, "client withdrew").expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CANCELLED");

        assertThat(api.avails(market).get(0)).containsEntry("remainingMs", 60_000).containsEntry("productCodes", List.of("BEER"))
                .containsEntry("reservations", List.of());
        assertThat(api.events(orderId)).extracting(e -> e.get("type")).containsExactly("ISSUED", "CANCELLED");
        assertThat(api.events(orderId).get(1)).containsEntry("by", "scheduler").containsEntry("reason", "client withdrew");
    }

    @Test
    void aSecondCancellationIsAConflict() {
        api.putAvails(List.of(avail(market + "-a", market, tomorrow, 60_000, 10.0)));
        String orderId = orderIdOf(api.result(payload("s-1", market, 7.5)));
        api.cancel(orderId, "first").expectStatus().isOk();

        api.cancel(orderId, "again").expectStatus().isEqualTo(409);
    }

    @Test
    void cancellingAnUnknownOrderIsNotFound() {
        api.cancel("MG-00000000", "none").expectStatus().isNotFound();
    }

    /** Runs the call on {@code n} threads released together; their answers. */
    private static <T> List<T> atOnce(int n, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> answers = new ArrayList<>();
            for (Future<T> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
