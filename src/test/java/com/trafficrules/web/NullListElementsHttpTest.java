package com.trafficrules.web;

import static com.trafficrules.rotation.RotationLogBuilder.log;
import static com.trafficrules.support.Users.MANAGER;
import static com.trafficrules.support.Users.SCHEDULER;

import com.trafficrules.support.HttpTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** A null element in any list of a request is a 400 naming the element by its index, never a 500. */
@HttpTest
class NullListElementsHttpTest {

    private static final String BREAK_START = "2026-11-20T20:12:00Z";

    @Autowired
    RestTestClient http;

    /** A list holding {@code elements}, nulls included (List.of refuses them). */
    private static List<Object> listOf(Object... elements) {
        return new ArrayList<>(Arrays.asList(elements));
    }

    private static Map<String, Object> aLogWhoseSpotHas(String field, List<Object> value) {
        return log("retro-prime").breakAt("B1", BREAK_START, 120_000).spot("S1", "B1", BREAK_START, 30_000, Map.of(field, value))
                .body();
    }

    private static Map<String, Object> aBuildWhoseCandidateHas(String field, List<Object> value) {
        return Map.of("channel", "retro-prime",
                "breaks", List.of(Map.of("id", "B1", "start", BREAK_START, "durationMs", 120_000)),
                "candidates", List.of(Map.of("id", "C1", "lengthMs", 30_000, "type", "promo", field, value)));
    }

    static Stream<Arguments> requestsWithANullInAList() {
        return Stream.of(
                Arguments.of("a spot's dayparts", "/api/v1/rotation/validate", SCHEDULER,
                        aLogWhoseSpotHas("dayparts", listOf("PRIME", null)), "spots[0].dayparts[1]"),
                Arguments.of("a spot's product codes", "/api/v1/rotation/validate", SCHEDULER,
                        aLogWhoseSpotHas("productCodes", listOf("AUTO", null)), "spots[0].productCodes[1]"),
                Arguments.of("a candidate's dayparts", "/api/v1/rotation/build", SCHEDULER,
                        aBuildWhoseCandidateHas("dayparts", listOf((Object) null)), "candidates[0].dayparts[0]"),
                Arguments.of("an impact preview's kinds", "/api/v1/rulesets/1/impact", MANAGER,
                        Map.of("kinds", listOf("fill", null)), "kinds[1]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestsWithANullInAList")
    void aNullInAListIsABadRequestNamingItsIndex(String list, String path, Consumer<HttpHeaders> user, Map<String, Object> body,
                                                 String field) {
        http.post().uri(path).headers(user).contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].message").isEqualTo("must not be null");
    }
}
