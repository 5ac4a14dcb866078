package com.trafficrules.makegood;

import static com.trafficrules.makegood.MakegoodApi.avail;
import static com.trafficrules.makegood.MakegoodApi.now;
import static com.trafficrules.makegood.MakegoodApi.payload;
import static com.trafficrules.makegood.MakegoodApi.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.HttpTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/** A make-good no inventory was found for is tried again by the service, three times in all, then left to a person. */
@HttpTest
@TestPropertySource(properties = {"traffic.makegood.routing-retry.first-delay=300ms", "traffic.makegood.routing-retry.every=100ms"})
class RoutingRetriesHttpTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    RestTestClient http;

    private MakegoodApi api;
    private String market;

    @BeforeEach
    void aMarketWithoutInventory() {
        api = new MakegoodApi(http);
        market = unique("retry");
    }

    @Test
    void aFailedRoutingIsRoutedOnItsOwnOnceInventoryArrives() {
        assertThat(api.result(payload("s-1", market, 7.5))).containsEntry("status", "ROUTING_FAILED");

        api.putAvails(List.of(avail(market + "-a", market, now().plus(Duration.ofDays(1)), 60_000, 10.0)));

        assertThat(eventually(() -> api.orders(market).stream().findFirst())).containsEntry("sourceSpotId", "s-1");
        assertThat(api.escalations()).noneMatch(e -> market.equals(e.get("market")));
    }

    @Test
    void aRoutingThatKeepsFailingIsTriedThreeTimesThenStaysEscalated() {
        api.result(payload("s-1", market, 7.5));

        Map<String, Object> escalation = eventually(() -> api.escalations().stream()
                .filter(e -> market.equals(e.get("market")) && e.get("nextRetryAt") == null).findFirst());

        assertThat(escalation).containsEntry("attempts", 3).containsEntry("status", "ROUTING_FAILED");
    }

    @Test
    void theSameKeyAgainIsDecidedAgainWhileItsRoutingHasFailed() {
        Map<String, Object> payload = payload("s-1", market, 7.5);
        api.result(payload);
        api.putAvails(List.of(avail(market + "-a", market, now().plus(Duration.ofDays(1)), 60_000, 10.0)));

        Map<String, Object> again = api.result(payload);

        // Either this request or a retry of the service routed it; either way there is one order and no duplicate of it.
        assertThat(again.get("status")).isEqualTo("TRIGGERED");
        assertThat(api.orders(market)).hasSize(1);
    }

    private static <T> T eventually(Supplier<Optional<T>> probe) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("Not seen within " + PATIENCE);
    }
}
