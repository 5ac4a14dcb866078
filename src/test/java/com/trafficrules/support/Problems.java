package com.trafficrules.support;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** What a 400 that names a single field problem looks like. */
public final class Problems {

    private Problems() {
    }

    /** The response is a 400 problem whose only entry in {@code errors} is {@code field} with {@code message}. */
    public static void expectOnlyProblem(RestTestClient.ResponseSpec response, String field, String message) {
        response.expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].message").isEqualTo(message);
    }
}
