package com.trafficrules.web;

import static com.trafficrules.rotation.RotationLogBuilder.log;
import static com.trafficrules.support.Users.SCHEDULER;

import com.trafficrules.support.HttpTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** A JSON value of the wrong type is a 400 naming the field, never silently converted. */
@HttpTest
class StrictJsonTypesHttpTest {

    @Autowired
    RestTestClient http;

    static Stream<Arguments> valuesOfTheWrongType() {
        return Stream.of(
                Arguments.of("a whole number for a string", "advertiser", 7, "spots[0].advertiser"),
                Arguments.of("a fraction for a string", "advertiser", 7.5, "spots[0].advertiser"),
                Arguments.of("a boolean for a string", "advertiser", true, "spots[0].advertiser"),
                Arguments.of("a number for a string of a list", "productCodes", List.of(7), "spots[0].productCodes[0]"),
                Arguments.of("a string for a number", "lengthMs", "30000", "spots[0].lengthMs"),
                Arguments.of("an empty string for a number", "priority", "", "spots[0].priority"),
                Arguments.of("a boolean for a number", "priority", true, "spots[0].priority"),
                Arguments.of("a number for a type (not its position in the list)", "type", 0, "spots[0].type"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesOfTheWrongType")
    void aValueOfTheWrongJsonTypeIsABadRequestNamingTheField(String what, String spotField, Object value, String field) {
        Map<String, Object> body = log("retro-prime").breakAt("B1", "2026-11-20T20:12:00Z", 120_000)
                .spot("S1", "B1", "2026-11-20T20:12:00Z", 30_000, Map.of(spotField, value)).body();

        http.post().uri("/api/v1/rotation/validate").headers(SCHEDULER).contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo(field);
    }
}
