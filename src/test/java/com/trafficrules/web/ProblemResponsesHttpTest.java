package com.trafficrules.web;

import static com.trafficrules.rotation.RotationLogBuilder.log;
import static com.trafficrules.support.Users.AUDITOR;
import static com.trafficrules.support.Users.SCHEDULER;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.HttpTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Bad input is answered 400/404 as application/problem+json naming what is wrong; never a 500. */
@HttpTest
class ProblemResponsesHttpTest {

    private static final String VALIDATE = "/api/v1/rotation/validate";

    @Autowired
    RestTestClient http;

    private RestTestClient.ResponseSpec validateRaw(String json) {
        return http.post().uri(VALIDATE).headers(SCHEDULER).contentType(MediaType.APPLICATION_JSON).body(json).exchange();
    }

    private RestTestClient.ResponseSpec validate(Map<String, Object> body) {
        return http.post().uri(VALIDATE).headers(SCHEDULER).contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

    @Test
    void malformedJsonIsABadRequest() {
        validateRaw("{\"channel\": \"retro-prime\", \"breaks\": [")
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.type").isNotEmpty()
                .jsonPath("$.title").isNotEmpty()
                .jsonPath("$.detail").isNotEmpty();
    }

    @Test
    void anEmptyBodyIsABadRequest() {
        validateRaw("")
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aFieldOfTheWrongJsonTypeIsNamedInErrors() {
        validateRaw("""
                {"channel": "retro-prime",
                 "breaks": [{"id": "B1", "start": "2026-11-20T20:12:00Z", "durationMs": "two minutes"}]}
                """)
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("breaks[0].durationMs")
                .jsonPath("$.errors[0].message").isNotEmpty();
    }

    @Test
    void aFractionalDurationIsABadRequestNotTruncated() {
        validateRaw("""
                {"channel": "retro-prime",
                 "breaks": [{"id": "B1", "start": "2026-11-20T20:12:00Z", "durationMs": 120000.5}]}
                """)
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("breaks[0].durationMs");
    }

    @Test
    void aTimeBeyondFourDigitYearsIsABadRequestNamingTheField() {
        validate(log("retro-prime").breakAt("B1", "+999999999-12-31T23:59:59Z", 120_000).body())
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("breaks[0].start");
    }

    @Test
    void anObjectWhereAListBelongsIsNamedInErrors() {
        validateRaw("""
                {"channel": "retro-prime", "breaks": [], "spots": {"id": "S1"}}
                """)
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("spots");
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaTypeProblem() {
        http.post().uri(VALIDATE).headers(SCHEDULER).contentType(MediaType.TEXT_PLAIN).body("channel=retro-prime").exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void anUnknownRouteIsNotFound() {
        http.get().uri("/api/v1/no-such-thing").headers(AUDITOR).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(404);
    }

    @Test
    void aUrlTheFirewallRefusesIsABadRequestProblem() {
        http.get().uri("/api/v1/decisions;jsessionid=1").headers(AUDITOR).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(400);
    }

    @Test
    void aMethodTheEndpointDoesNotHaveIsAProblemNotA500() {
        http.get().uri(VALIDATE).headers(AUDITOR).exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void anUnknownDecisionIdIsNotFound() {
        http.get().uri("/api/v1/decisions/{id}", "00000000-0000-4000-8000-000000000000").headers(AUDITOR).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(404);
    }

    @Test
    void aDecisionIdThatIsNotAUuidIsABadRequestNamingTheParameter() {
        http.get().uri("/api/v1/decisions/{id}", "not-a-uuid").headers(AUDITOR).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("id");
    }

    @Test
    void unknownJsonFieldsAreIgnored() {
        Map<String, Object> body = new LinkedHashMap<>(log("retro-prime")
                .breakAt("B1", "2026-11-20T20:12:00Z", 120_000)
                .spot("S1", "B1", "2026-11-20T20:12:00Z", 30_000, Map.of("mood", "cheerful")).body());
        body.put("sentBy", "a newer client");

        validate(body)
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.valid").isEqualTo(true);
    }

    @Test
    void anAbsentListIsAnEmptyOne() {
        Map<String, Object> noSpots = Map.of("channel", "retro-prime",
                "breaks", List.of(Map.of("id", "B1", "start", "2026-11-20T20:12:00Z", "durationMs", 120_000)));

        validate(noSpots)
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.valid").isEqualTo(true)
                .jsonPath("$.faults.length()").isEqualTo(0);
    }

    @Test
    void aNullListIsAnEmptyOne() {
        validateRaw("{\"channel\": \"retro-prime\", \"breaks\": null, \"spots\": null}")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.valid").isEqualTo(true);
    }

    @Test
    void aBadRequestListsEveryBadFieldAtOnce() {
        validate(log("retro-prime").breakAt("B1", "2026-11-20T20:12:00Z", 120_000)
                .spot("S1", "B1", "2026-11-20T20:12:00", 0).body())
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field").value(List.class, fields -> assertThat(fields)
                        .contains("spots[0].start", "spots[0].lengthMs"));
    }

    @Test
    void aMissingFieldAndAReferenceToNoBreakAreReportedTogetherInRequestOrder() {
        validateRaw("""
                {"channel": "retro-prime",
                 "breaks": [{"id": "B1", "start": "2026-11-20T20:12:00Z", "durationMs": 120000}],
                 "spots": [{"id": "S1", "breakId": "B9", "start": "2026-11-20T20:12:00Z", "type": "promo"}]}
                """)
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(2)
                .jsonPath("$.errors[0].field").isEqualTo("spots[0].lengthMs")
                .jsonPath("$.errors[0].message").isEqualTo("is required")
                .jsonPath("$.errors[1].field").isEqualTo("spots[0].breakId")
                .jsonPath("$.errors[1].message").isEqualTo("names no break in this request: B9");
    }
}
