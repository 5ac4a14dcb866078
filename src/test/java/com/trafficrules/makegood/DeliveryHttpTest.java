package com.trafficrules.makegood;

import static com.trafficrules.makegood.FakeTrafficSystem.answer;
import static com.trafficrules.makegood.FakeTrafficSystem.hang;
import static com.trafficrules.makegood.MakegoodApi.asMap;
import static com.trafficrules.makegood.MakegoodApi.avail;
import static com.trafficrules.makegood.MakegoodApi.now;
import static com.trafficrules.makegood.MakegoodApi.payload;
import static com.trafficrules.makegood.MakegoodApi.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.trafficrules.makegood.FakeTrafficSystem.Received;
import com.trafficrules.makegood.order.OrderSignature;
import com.trafficrules.support.HttpTest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Make-good orders go to the traffic system once committed: a real HTTP server on localhost, scripted per market,
 * answers them. What is asserted is what a user sees: the order's status, events and deliveries through the API, the
 * avails, and the requests the traffic system received.
 */
@HttpTest
class DeliveryHttpTest {

    private static final FakeTrafficSystem trafficSystem = FakeTrafficSystem.start();

    @DynamicPropertySource
    static void deliverToTheFakeTrafficSystem(DynamicPropertyRegistry properties) {
        properties.add("traffic.makegood.delivery-url", trafficSystem::url);
        FakeTrafficSystem.QUICK_DELIVERY.forEach((name, value) -> properties.add(name, () -> value));
    }

    @AfterAll
    static void closeTheTrafficSystem() {
        trafficSystem.close();
    }

    @Autowired
    RestTestClient http;

    @Autowired
    CircuitBreaker breaker;

    @Autowired
    OrderSignature signature;

    @Autowired
    JsonMapper json;

    private MakegoodApi api;
    private String market;

    @BeforeEach
    void aMarketWithOneAvail() {
        api = new MakegoodApi(http);
        market = unique("mkt");
        breaker.reset();
        api.putAvails(List.of(avail(market + "-a", market, now().plus(Duration.ofDays(1)), 60_000, 3.0)));
    }

    /** Nothing of this test is left due for the next one: what is still ISSUED is cancelled. */
    @AfterEach
    void cancelWhatIsStillIssued() {
        api.orders(market).stream().filter(order -> "ISSUED".equals(order.get("status")))
                .forEach(order -> api.cancel(order.get("orderId").toString(), "test over"));
    }

    @Test
    void anAcceptedOrderIsDelivered() {
        trafficSystem.answers(market, answer(200));

        Map<String, Object> order = orderOnce(issue(), hasStatus("DELIVERED"));

        assertThat(types(order)).containsExactly("ISSUED", "DELIVERED");
        assertThat(asMap(events(order).get(1))).containsEntry("by", "delivery");
        assertThat(deliveries(order)).singleElement().satisfies(delivery -> assertThat(asMap(delivery))
                .containsEntry("outcome", "DELIVERED").containsEntry("httpStatus", 200));
    }

    @Test
    void theTrafficSystemGetsTheSignedOrderWithItsIdempotencyKeyOnce() {
        trafficSystem.answers(market, answer(200));
        Map<String, Object> issued = issue();

        orderOnce(issued, hasStatus("DELIVERED"));

        assertThat(trafficSystem.received(id(issued))).singleElement().satisfies(request -> {
            assertThat(request.idempotencyKey()).isEqualTo(issued.get("idempotencyKey"));
            assertSignedOrder(request, issued);
        });
    }

    @Test
    void aServerErrorIsRetriedWithTheSameKeyAndDocumentUntilTheOrderIsAccepted() {
        trafficSystem.answers(market, answer(500), answer(200));
        Map<String, Object> issued = issue();

        Map<String, Object> order = orderOnce(issued, hasStatus("DELIVERED"));

        assertThat(outcomes(order)).containsExactly("RETRY", "DELIVERED");
        assertThat(deliveries(order)).extracting(delivery -> asMap(delivery).get("httpStatus")).containsExactly(500, 200);
        List<Received> requests = trafficSystem.received(id(issued));
        assertThat(requests).hasSize(2).extracting(Received::idempotencyKey).containsOnly(issued.get("idempotencyKey").toString());
        assertThat(requests.get(1).body()).isEqualTo(requests.get(0).body());
    }

    @Test
    void anUnansweredRequestTimesOutAndTheOrderIsSentAgainWithTheSameKey() {
        trafficSystem.answers(market, hang(), answer(200));
        Map<String, Object> issued = issue();

        Map<String, Object> order = orderOnce(issued, hasStatus("DELIVERED"));

        assertThat(outcomes(order)).containsExactly("TIMEOUT", "DELIVERED");
        assertThat(trafficSystem.received(id(issued))).hasSize(2).extracting(Received::idempotencyKey)
                .containsOnly(issued.get("idempotencyKey").toString());
    }

    @Test
    void aRejectedOrderIsCancelledAndItsAvailsReleased() {
        trafficSystem.answers(market, answer(422, "{\"error\": \"avail closed\"}"));

        orderOnce(issue(), hasStatus("CANCELLED"));

        assertThat(api.avails(market)).singleElement().satisfies(avail -> assertThat(avail).containsEntry("remainingMs", 60_000));
    }

    @Test
    void aRejectionIsRecordedWithTheTrafficSystemsStatusAndAnswerAsTheReason() {
        trafficSystem.answers(market, answer(422, "{\"error\": \"avail closed\"}"));
        Map<String, Object> issued = issue();

        Map<String, Object> order = orderOnce(issued, hasStatus("CANCELLED"));

        assertThat(types(order)).containsExactly("ISSUED", "CANCELLED");
        assertThat(asMap(events(order).get(1))).containsEntry("by", "traffic-system")
                .hasEntrySatisfying("reason", reason -> assertThat(reason.toString()).contains("422").contains("avail closed"));
        assertThat(deliveries(order)).singleElement().satisfies(delivery -> assertThat(asMap(delivery))
                .containsEntry("outcome", "REJECTED").containsEntry("httpStatus", 422)
                .hasEntrySatisfying("detail", detail -> assertThat(detail.toString()).contains("avail closed")));
        assertThat(trafficSystem.received(id(issued))).hasSize(1);
    }

    @Test
    void sustainedFailureOpensTheBreakerAndNothingIsSentWhileItIsOpen() {
        trafficSystem.answers(market, answer(503));
        Map<String, Object> issued = issue();

        Map<String, Object> order = orderOnce(issued, hasDelivery("CIRCUIT_OPEN"));

        assertThat(order).containsEntry("status", "ISSUED");
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        // The test settings open the breaker once four calls were made and failed; none is made after that.
        assertThat(outcomes(order).stream().filter("RETRY"::equals)).hasSize(4);
        assertThat(trafficSystem.received(id(issued))).hasSize(4);
    }

    @Test
    void anOrderCancelledBeforeItWentOutIsNotSent() {
        breaker.transitionToForcedOpenState();
        Map<String, Object> issued = issue();
        orderOnce(issued, hasDelivery("CIRCUIT_OPEN"));
        api.cancel(id(issued), "booked by hand").expectStatus().isOk();

        breaker.reset();
        Map<String, Object> order = orderOnce(issued, hasDelivery("SKIPPED"));

        assertThat(order).containsEntry("status", "CANCELLED");
        assertThat(trafficSystem.received(id(issued))).isEmpty();
    }

    @Test
    void aDeliveredOrderMayStillBeCancelledByAPerson() {
        trafficSystem.answers(market, answer(200));
        Map<String, Object> issued = orderOnce(issue(), hasStatus("DELIVERED"));

        api.cancel(id(issued), "client withdrew").expectStatus().isOk();

        Map<String, Object> order = api.order(id(issued));
        assertThat(order).containsEntry("status", "CANCELLED");
        assertThat(types(order)).containsExactly("ISSUED", "DELIVERED", "CANCELLED");
        assertThat(api.avails(market)).singleElement().satisfies(avail -> assertThat(avail).containsEntry("remainingMs", 60_000));
    }

    /** Ingests an under-delivered spot of this market; the order it was routed to, as issued. */
    private Map<String, Object> issue() {
        Map<String, Object> result = api.result(payload(unique("spot"), market, 7.5));
        assertThat(result).containsEntry("status", "TRIGGERED");
        return asMap(result.get("order"));
    }

    /** The order as the API shows it, once it is as asked; delivery runs on its own thread, so this waits for it. */
    private Map<String, Object> orderOnce(Map<String, Object> issued, Predicate<Map<String, Object>> condition) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.order(id(issued)), condition);
    }

    private static Predicate<Map<String, Object>> hasStatus(String status) {
        return order -> status.equals(order.get("status"));
    }

    private static Predicate<Map<String, Object>> hasDelivery(String outcome) {
        return order -> outcomes(order).contains(outcome);
    }

    private void assertSignedOrder(Received request, Map<String, Object> issued) {
        ObjectNode sent = (ObjectNode) json.readTree(request.body());
        String signed = sent.remove("signature").asString();
        assertThat(signature.verifies(sent, signed)).as("the signature verifies").isTrue();
        assertThat(signed).isEqualTo(issued.get("signature"));
        assertThat(sent.path("orderId").asString()).isEqualTo(id(issued));
        assertThat(sent.has("status")).as("status is not part of the signed order").isFalse();
    }

    private static String id(Map<String, Object> order) {
        return order.get("orderId").toString();
    }

    private static List<?> events(Map<String, Object> order) {
        return (List<?>) order.get("events");
    }

    private static List<?> deliveries(Map<String, Object> order) {
        return (List<?>) order.get("deliveries");
    }

    private static List<Object> types(Map<String, Object> order) {
        return events(order).stream().map(event -> asMap(event).get("type")).toList();
    }

    private static List<Object> outcomes(Map<String, Object> order) {
        return deliveries(order).stream().map(delivery -> asMap(delivery).get("outcome")).toList();
    }
}
