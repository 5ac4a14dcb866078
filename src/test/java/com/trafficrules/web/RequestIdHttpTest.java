package com.trafficrules.web;

import static com.trafficrules.support.Users.AUDITOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.HttpTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Every response carries an {@code X-Request-Id}, and the same id marks the log lines of that request. */
@HttpTest
@ExtendWith(OutputCaptureExtension.class)
class RequestIdHttpTest {

    private static final String HEADER = "X-Request-Id";
    private static final String SANE = "[A-Za-z0-9._:-]{1,128}";

    @Autowired
    RestTestClient http;

    private String requestIdOf(RestTestClient.RequestHeadersSpec<?> request) {
        return request.exchange().returnResult(String.class).getResponseHeaders().getFirst(HEADER);
    }

    @Test
    void echoesTheCallersRequestId() {
        http.get().uri("/api/v1/rulesets/active").headers(AUDITOR).header(HEADER, "playout-7:feed.42_a-b").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HEADER, "playout-7:feed.42_a-b");
    }

    @Test
    void generatesARequestIdWhenNoneIsGiven() {
        String first = requestIdOf(http.get().uri("/api/v1/rulesets/active").headers(AUDITOR));
        String second = requestIdOf(http.get().uri("/api/v1/rulesets/active").headers(AUDITOR));

        assertThat(first).matches(SANE);
        assertThat(second).matches(SANE).isNotEqualTo(first);
    }

    @Test
    void replacesARequestIdWithSpaces() {
        String given = "my request id";

        String answered = requestIdOf(http.get().uri("/api/v1/rulesets/active").headers(AUDITOR).header(HEADER, given));

        assertThat(answered).isNotEqualTo(given).matches(SANE);
    }

    @Test
    void replacesAnOverlongRequestId() {
        String given = "a".repeat(300);

        String answered = requestIdOf(http.get().uri("/api/v1/rulesets/active").headers(AUDITOR).header(HEADER, given));

        assertThat(answered).isNotEqualTo(given).matches(SANE);
    }

    @Test
    void aRefusedRequestStillCarriesItsRequestId() {
        http.get().uri("/api/v1/rulesets/active").header(HEADER, "refused-1").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HEADER, "refused-1");
    }

    @Test
    void logLinesWrittenDuringARequestCarryItsRequestId(CapturedOutput output) {
        // A GET on a POST-only endpoint is logged as a warning by Spring MVC while the request is handled.
        http.get().uri("/api/v1/rotation/validate").headers(AUDITOR).header(HEADER, "trace-405-check").exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().valueEquals(HEADER, "trace-405-check");

        assertThat(output.getAll().lines()
                .filter(line -> line.contains("[trace-405-check]"))
                .filter(line -> line.contains("WARN"))
                .filter(line -> line.contains("GET"))).isNotEmpty();
    }
}
