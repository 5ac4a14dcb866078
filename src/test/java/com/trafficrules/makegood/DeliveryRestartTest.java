package com.trafficrules.makegood;

import static com.trafficrules.makegood.MakegoodApi.asMap;
import static com.trafficrules.makegood.MakegoodApi.avail;
import static com.trafficrules.makegood.MakegoodApi.now;
import static com.trafficrules.makegood.MakegoodApi.payload;
import static com.trafficrules.makegood.MakegoodApi.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.trafficrules.makegood.FakeTrafficSystem.Received;
import com.trafficrules.makegood.order.OrderSignature;
import com.trafficrules.support.Replicas;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The outbox outlives the service: an order committed while the traffic system could not be reached, the service
 * stopped before it was delivered, is delivered, once, by the service started again on the same database.
 */
class DeliveryRestartTest {

    private final FakeTrafficSystem trafficSystem = FakeTrafficSystem.start();
    private final Replicas service = new Replicas();

    @AfterEach
    void stopEverything() {
        service.close();
        trafficSystem.close();
    }

    @Test
    void anOrderCommittedBeforeARestartIsDeliveredOnceAfterIt() {
        String market = unique("mkt");
        ConfigurableApplicationContext first = service.start(FakeTrafficSystem.arguments(
                Map.of("traffic.makegood.delivery.url", FakeTrafficSystem.unreachableUrl())));
        MakegoodApi before = api(first);
        before.putAvails(List.of(avail(market + "-a", market, now().plus(Duration.ofDays(1)), 60_000, 3.0)));
        Map<String, Object> issued = asMap(before.result(payload("s-1", market, 7.5)).get("order"));
        String orderId = issued.get("orderId").toString();
        orderOnce(before, orderId, hasDelivery("UNREACHABLE"));

        first.close();
        ConfigurableApplicationContext second = service.start(FakeTrafficSystem.arguments(
                Map.of("traffic.makegood.delivery-url", trafficSystem.url())));
        Map<String, Object> order = orderOnce(api(second), orderId, o -> "DELIVERED".equals(o.get("status")));

        assertThat(outcomes(order)).last().isEqualTo("DELIVERED");
        assertThat(outcomes(order).subList(0, outcomes(order).size() - 1)).isNotEmpty().doesNotContain("DELIVERED");
        assertThat(trafficSystem.received(orderId)).singleElement().satisfies(request -> {
            assertThat(request.idempotencyKey()).isEqualTo(issued.get("idempotencyKey"));
            assertThat(signedBy(second, request)).isTrue();
        });
    }

    private static MakegoodApi api(ConfigurableApplicationContext replica) {
        int port = replica.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        return new MakegoodApi(RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build());
    }

    private static Map<String, Object> orderOnce(MakegoodApi api, String orderId, Predicate<Map<String, Object>> condition) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> api.order(orderId), condition);
    }

    private static Predicate<Map<String, Object>> hasDelivery(String outcome) {
        return order -> outcomes(order).contains(outcome);
    }

    private static List<Object> outcomes(Map<String, Object> order) {
        return ((List<?>) order.get("deliveries")).stream().map(delivery -> asMap(delivery).get("outcome")).toList();
    }

    private static boolean signedBy(ConfigurableApplicationContext replica, Received request) {
        ObjectNode sent = (ObjectNode) replica.getBean(JsonMapper.class).readTree(request.body());
        String signature = sent.remove("signature").asString();
        return replica.getBean(OrderSignature.class).verifies(sent, signature);
    }
}
