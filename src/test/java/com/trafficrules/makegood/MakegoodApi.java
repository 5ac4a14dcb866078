package com.trafficrules.makegood;

import static com.trafficrules.support.Users.AUDITOR;
import static com.trafficrules.support.Users.SCHEDULER;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The make-good endpoints as tests drive them, with builders for avails and payloads of a market of their own. */
final class MakegoodApi {

    private final RestTestClient http;

    MakegoodApi(RestTestClient http) {
        this.http = http;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Now, to the millisecond, as the payloads' times are measured against the service's clock. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** An instant as the API writes it: UTC with milliseconds. */
    static String utc(Instant instant) {
        return DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC).format(instant);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    /** The id of the order a result carries. */
    static String orderIdOf(Map<String, Object> result) {
        return (String) asMap(result.get("order")).get("orderId");
    }

    static Map<String, Object> avail(String id, String market, Instant start, long remainingMs, double estimatedGrps,
                                     String... productCodes) {
        Map<String, Object> avail = new HashMap<>();
        avail.put("id", id);
        avail.put("market", market);
        avail.put("programId", "prog-" + id);
        avail.put("start", start.toString());
        avail.put("durationMs", 120_000);
        avail.put("remainingMs", remainingMs);
        avail.put("estimatedGrps", estimatedGrps);
        avail.put("productCodes", List.of(productCodes));
        return avail;
    }

    /** A DMA spot that aired an hour ago with 10 GRPs contracted and {@code actualGrps} delivered. */
    static Map<String, Object> payload(String spotId, String market, Double actualGrps) {
        Instant aired = now().minus(1, ChronoUnit.HOURS);
        Map<String, Object> payload = new HashMap<>();
        payload.put("spotId", spotId);
        payload.put("market", market);
        payload.put("marketTier", "DMA");
        payload.put("airedStart", aired.toString());
        payload.put("airedEnd", aired.plusSeconds(30).toString());
        payload.put("contractedGrps", 10.0);
        payload.put("actualGrps", actualGrps);
        payload.put("spotLengthMs", 30_000);
        payload.put("clientId", "client-1");
        payload.put("contractId", "contract-" + market);
        payload.put("productCodes", List.of("AUTO"));
        payload.put("traceId", "trace-" + spotId);
        return payload;
    }

    void putAvails(List<Map<String, Object>> avails) {
        http.put().uri("/api/v1/avails").headers(SCHEDULER).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("avails", avails)).exchange().expectStatus().isOk();
    }

    RestTestClient.ResponseSpec postRatings(List<Map<String, Object>> payloads) {
        return http.post().uri("/api/v1/ratings").headers(SCHEDULER).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("payloads", payloads)).exchange();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> results(List<Map<String, Object>> payloads) {
        return (List<Map<String, Object>>) postRatings(payloads).expectStatus().isOk().returnResult(Map.class).getResponseBody()
                .get("results");
    }

    Map<String, Object> result(Map<String, Object> payload) {
        return results(List.of(payload)).get(0);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> avails(String market) {
        return (List<Map<String, Object>>) http.get().uri("/api/v1/avails?market={market}", market).headers(AUDITOR).exchange()
                .expectStatus().isOk().returnResult(Map.class).getResponseBody().get("avails");
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> orders(String market) {
        return (List<Map<String, Object>>) http.get().uri("/api/v1/makegoods?market={market}", market).headers(AUDITOR).exchange()
                .expectStatus().isOk().returnResult(Map.class).getResponseBody().get("orders");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> order(String orderId) {
        return http.get().uri("/api/v1/makegoods/{id}", orderId).headers(AUDITOR).exchange()
                .expectStatus().isOk().returnResult(Map.class).getResponseBody();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> events(String orderId) {
        return (List<Map<String, Object>>) order(orderId).get("events");
    }

    RestTestClient.ResponseSpec cancel(String orderId, String reason) {
        return http.post().uri("/api/v1/makegoods/{id}/cancel", orderId).headers(SCHEDULER).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reason", reason)).exchange();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> escalations() {
        return (List<Map<String, Object>>) http.get().uri("/api/v1/makegoods/escalations").headers(AUDITOR).exchange()
                .expectStatus().isOk().returnResult(Map.class).getResponseBody().get("escalations");
    }
}
