package com.trafficrules.web;

import static com.trafficrules.rotation.RotationLogBuilder.log;
import static com.trafficrules.support.Users.LEAD;
import static com.trafficrules.support.Users.SCHEDULER;
import static com.trafficrules.support.Users.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.HttpTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Who may do what: HTTP Basic, every GET open to every role, each write to the role it names. */
@HttpTest
class SecurityHttpTest {

    private static final String VALIDATE = "/api/v1/rotation/validate";
    private static final List<String> READ_ENDPOINTS = List.of(
            "/api/v1/decisions",
            "/api/v1/rulesets",
            "/api/v1/rulesets/active",
            "/api/v1/channels/retro-prime/policy");
    private static final List<String> ONE_USER_PER_ROLE = List.of("scheduler", "manager", "approver", "auditor");

    @Autowired
    RestTestClient http;

    private static Map<String, Object> aValidLog() {
        return log("retro-prime").breakAt("B1", "2026-11-20T20:12:00Z", 120_000)
                .spot("S1", "B1", "2026-11-20T20:12:00Z", 30_000).body();
    }

    static Stream<Arguments> everyRoleOnEveryReadEndpoint() {
        return READ_ENDPOINTS.stream().flatMap(path -> ONE_USER_PER_ROLE.stream().map(user -> Arguments.of(user, path)));
    }

    @Test
    void aRequestWithoutCredentialsIsAskedToAuthenticateWithBasic() {
        http.get().uri("/api/v1/rulesets").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, value -> assertThat(value).startsWith("Basic"))
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.title").isNotEmpty()
                .jsonPath("$.type").isNotEmpty();
    }

    @Test
    void aWriteWithoutCredentialsIsUnauthorizedRatherThanForbidden() {
        http.post().uri(VALIDATE).contentType(MediaType.APPLICATION_JSON).body(aValidLog()).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aWrongPasswordIsUnauthorized() {
        http.get().uri("/api/v1/rulesets").headers(headers -> headers.setBasicAuth("auditor", "not-the-password")).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(401);
    }

    @Test
    void aUserNameComparesExactlyNotIgnoringCase() {
        http.get().uri("/api/v1/rulesets").headers(headers -> headers.setBasicAuth("Auditor", "auditor")).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void anUnknownUserIsUnauthorized() {
        http.get().uri("/api/v1/rulesets").headers(as("nobody")).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @ParameterizedTest(name = "{0} may not validate a rotation")
    @ValueSource(strings = {"auditor", "manager", "approver", "lead"})
    void aRoleOtherThanSchedulerMayNotValidateARotation(String user) {
        http.post().uri(VALIDATE).headers(as(user)).contentType(MediaType.APPLICATION_JSON).body(aValidLog()).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(403);
    }

    @Test
    void theSchedulerMayValidateARotation() {
        http.post().uri(VALIDATE).headers(SCHEDULER).contentType(MediaType.APPLICATION_JSON).body(aValidLog()).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.valid").isEqualTo(true);
    }

    @Test
    void theLeadWithTwoRolesIsAuthenticatedAndMayRead() {
        http.get().uri("/api/v1/rulesets/active").headers(LEAD).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("ACTIVE");
    }

    @ParameterizedTest(name = "{0} may GET {1}")
    @MethodSource("everyRoleOnEveryReadEndpoint")
    void everyRoleMayReadEveryGetEndpoint(String user, String path) {
        http.get().uri(path).headers(as(user)).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON);
    }

    @Test
    void healthNeedsNoCredentials() {
        http.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP");
    }

    /** Besides the status, only the names of Boot's probe groups (/actuator/health/liveness, /readiness). */
    @Test
    void healthTellsAStrangerTheStatusButNoComponentsOrDetails() {
        http.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).value(health -> assertThat(health)
                        .containsEntry("status", "UP")
                        .doesNotContainKeys("components", "details")
                        .containsOnlyKeys("status", "groups"));
    }

    @Test
    void aStrangerCannotReadAHealthComponent() {
        http.get().uri("/actuator/health/ruleset").exchange()
                .expectStatus().isNotFound();
    }

    @ParameterizedTest(name = "{0} sees the health components and their details")
    @ValueSource(strings = {"scheduler", "auditor"})
    void aSignedInUserSeesTheHealthComponentsAndTheirDetails(String user) {
        http.get().uri("/actuator/health").headers(as(user)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.components.db.status").isEqualTo("UP")
                .jsonPath("$.components.diskSpace.details.free").exists()
                .jsonPath("$.components.ruleset.details.hash").exists();
    }

    @Test
    void theOpenApiDocumentNeedsNoCredentials() {
        http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.openapi").isNotEmpty()
                .jsonPath("$.paths['/api/v1/rotation/validate']").exists();
    }

    @Test
    void prometheusMetricsNeedCredentials() {
        http.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aLoggedInUserGetsPrometheusText() {
        http.get().uri("/actuator/prometheus").headers(as("auditor")).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
                .expectBody(String.class).value(body -> assertThat(body)
                        .contains("# HELP ")
                        .contains("# TYPE ")
                        .containsPattern("(?m)^jvm_\\w+(\\{[^}]*\\})? \\S+$"));
    }
}
