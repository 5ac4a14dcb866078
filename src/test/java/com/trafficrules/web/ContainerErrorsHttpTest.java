package com.trafficrules.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.HttpTest;
import com.trafficrules.support.RawHttp;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests the servlet container (or the firewall in front of the service) refuses as sent still get
 * application/problem+json, never the container's HTML page and never a 500. Sent over a raw socket: a client
 * library would normalise these requests.
 */
@HttpTest
class ContainerErrorsHttpTest {

    private static final String AUDITOR = "Authorization: " + RawHttp.basic("auditor");

    @LocalServerPort
    int port;

    private RawHttp.Response get(String target, String... headers) {
        return RawHttp.exchange(port, "GET", target, headers);
    }

    private static void assertProblem(RawHttp.Response response, int status) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        Map<?, ?> problem = JsonMapper.shared().readValue(response.body(), Map.class);
        assertThat(problem.get("status")).isEqualTo(status);
        assertThat(problem.get("title")).asString().isNotBlank();
        assertThat(problem.get("detail")).asString().isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"%00", "%2F", "%5C", "%2f", "%5c"})
    void anEncodedCharacterTheContainerRefusesInAPathSegmentIsABadRequestProblem(String encoded) {
        assertProblem(get("/api/v1/channels/retro" + encoded + "prime/policy", AUDITOR), 400);
    }

    @Test
    void aTenThousandCharacterSlugIsABadRequestProblem() {
        assertProblem(get("/api/v1/channels/" + "a".repeat(10_000) + "/policy", AUDITOR), 400);
    }

    @Test
    void anOversizedAuthorizationHeaderIsABadRequestProblem() {
        assertProblem(get("/api/v1/rulesets", "Authorization: Basic " + "A".repeat(20_000)), 400);
    }

    @Test
    void theTraceMethodIsAMethodNotAllowedProblem() {
        assertProblem(RawHttp.exchange(port, "TRACE", "/api/v1/rulesets", AUDITOR), 405);
    }

    @Test
    void aQueryStringTheContainerCannotDecodeIsABadRequestProblem() {
        assertProblem(get("/api/v1/decisions?kind=%ZZ", AUDITOR), 400);
    }

    @Test
    void aParameterNameTheFirewallRefusesIsABadRequestProblem() {
        assertProblem(get("/api/v1/decisions?%00=1", AUDITOR), 400);
    }

    @Test
    void aBodyThatIsNotTheMultipartItClaimsIsABadRequestProblem() {
        assertProblem(RawHttp.exchangeWithBody(port, "POST", "/api/v1/rotation/validate", "--x\r\n",
                "Authorization: " + RawHttp.basic("scheduler"), "Content-Type: multipart/form-data; boundary=x"), 400);
    }
}
