package com.trafficrules.ruleset;

import static com.trafficrules.ruleset.Proposals.MARKER_DRL;
import static com.trafficrules.ruleset.Proposals.MARKER_PATH;
import static com.trafficrules.ruleset.Proposals.MARKER_RULE;
import static com.trafficrules.ruleset.Proposals.OVERLAP_PATH;
import static com.trafficrules.ruleset.Proposals.aMarkedSpot;
import static com.trafficrules.ruleset.Proposals.drlWithConsequence;
import static com.trafficrules.ruleset.Proposals.proposal;
import static com.trafficrules.support.Problems.expectOnlyProblem;
import static com.trafficrules.support.Users.APPROVER;
import static com.trafficrules.support.Users.AUDITOR;
import static com.trafficrules.support.Users.LEAD;
import static com.trafficrules.support.Users.MANAGER;
import static com.trafficrules.support.Users.SCHEDULER;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.HttpTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The ruleset workflow over HTTP: propose with checks, approve by someone else, activate, roll back, diff,
 * preview. Activations change what the shared database serves, so the context is discarded after the class.
 */
@HttpTest
@DirtiesContext
class RulesetGovernanceHttpTest {

    @Autowired
    RestTestClient http;

    @Autowired
    JdbcTemplate jdbc;

    private RestTestClient.ResponseSpec propose(Consumer<HttpHeaders> user, Map<String, Object> body) {
        return http.post().uri("/api/v1/rulesets").headers(user).contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

    private Map<?, ?> proposed(Consumer<HttpHeaders> user, Map<String, Object> body) {
        return propose(user, body).expectStatus().isCreated().returnResult(Map.class).getResponseBody();
    }

    private long proposeTheMarker(Consumer<HttpHeaders> user) {
        return idOf(proposed(user, proposal("marker", MARKER_PATH, MARKER_DRL)));
    }

    private RestTestClient.ResponseSpec act(Consumer<HttpHeaders> user, long id, String action) {
        return http.post().uri("/api/v1/rulesets/{id}/{action}", id, action).headers(user).exchange();
    }

    private Map<?, ?> get(String path, Object... values) {
        return http.get().uri(path, values).headers(AUDITOR).exchange().expectStatus().isOk()
                .returnResult(Map.class).getResponseBody();
    }

    private Map<?, ?> validateAMarkedSpot() {
        return http.post().uri("/api/v1/rotation/validate").headers(SCHEDULER).contentType(MediaType.APPLICATION_JSON)
                .body(aMarkedSpot()).exchange().expectStatus().isOk().returnResult(Map.class).getResponseBody();
    }

    private static long idOf(Map<?, ?> version) {
        return ((Number) version.get("id")).longValue();
    }

    private static Map<?, ?> member(Map<?, ?> map, String... path) {
        Map<?, ?> current = map;
        for (String key : path) {
            current = (Map<?, ?>) current.get(key);
        }
        return current;
    }

    private static List<Object> pluck(Object list, String key) {
        return ((List<?>) list).stream().map(item -> (Object) ((Map<?, ?>) item).get(key)).toList();
    }

    private static List<Object> faultRules(Map<?, ?> verdict) {
        return pluck(verdict.get("faults"), "rule");
    }

    private static String shipped(String path) throws IOException {
        return Files.readString(Path.of(path));
    }

    private int versionCount() {
        return ((List<?>) get("/api/v1/rulesets").get("rulesets")).size();
    }

    // --- propose: the three checks ------------------------------------------------------------------

    @Test
    void aValidChangeIsStoredAsProposedWithGreenChecks() {
        Map<?, ?> version = proposed(MANAGER, proposal("marker", MARKER_PATH, MARKER_DRL));

        assertThat(version.get("status")).isEqualTo("PROPOSED");
        assertThat(version.get("createdBy")).isEqualTo("manager");
        assertThat(member(version, "checks", "compile").get("ok")).isEqualTo(true);
        assertThat(member(version, "checks", "lint").get("ok")).isEqualTo(true);
        assertThat(member(version, "checks", "tests").get("failed")).isEqualTo(0);
        assertThat((Integer) member(version, "checks", "tests").get("passed")).isPositive();
        assertThat(pluck(version.get("files"), "path")).contains(MARKER_PATH, OVERLAP_PATH, "config/channels/_defaults.yaml");
    }

    @Test
    void aDrlWithASyntaxErrorIsRejectedNamingPathAndLine() {
        String broken = "package rules.rotation;\n\nimport com.trafficrules.rotation.facts.Spot;\n\n"
                + "rule \"broken\"\nwhen\n    Spot( id == \nthen\nend\n";

        Map<?, ?> problem = propose(MANAGER, proposal("broken", "rules/rotation/broken.drl", broken))
                .expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .returnResult(Map.class).getResponseBody();

        Map<?, ?> version = member(problem, "ruleset");
        assertThat(version.get("status")).isEqualTo("REJECTED");
        Map<?, ?> compile = member(version, "checks", "compile");
        assertThat(compile.get("ok")).isEqualTo(false);
        assertThat((List<?>) compile.get("messages")).isNotEmpty().allSatisfy(message -> {
            assertThat(((Map<?, ?>) message).get("path")).isEqualTo("rules/rotation/broken.drl");
            assertThat((Integer) ((Map<?, ?>) message).get("line")).isBetween(7, 9);
            assertThat((Integer) ((Map<?, ?>) message).get("column")).isPositive();
        });
        assertThat(member(version, "checks", "tests").get("ran")).isEqualTo(false);
    }

    @Test
    void aChannelFileThatDoesNotLoadIsACompileErrorNamingPathAndLine() {
        Map<?, ?> problem = propose(MANAGER, proposal("typo", "config/channels/kids-zone.yaml",
                "timezone: UTC\ntraffic:\n  max_plays_per_dya: 3\n"))
                .expectStatus().isEqualTo(422).returnResult(Map.class).getResponseBody();

        assertThat((List<?>) member(problem, "ruleset", "checks", "compile").get("messages")).singleElement().satisfies(message -> {
            assertThat(((Map<?, ?>) message).get("path")).isEqualTo("config/channels/kids-zone.yaml");
            assertThat(((Map<?, ?>) message).get("line")).isEqualTo(3);
            assertThat(((Map<?, ?>) message).get("message")).asString().contains("max_plays_per_dya");
        });
    }

    @Test
    void aSubmittedScenarioThatIsNotAScenarioIsABadRequest() {
        Map<String, Object> body = proposal("marker", MARKER_PATH, MARKER_DRL);
        body.put("scenarios", List.of(Map.of("path", "rule-tests/rotation/empty.yaml", "content", "name: no kind\n")));

        propose(MANAGER, body).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("scenarios[0].content");
    }

    @Test
    void aProposalThatChangesNothingIsABadRequestNamingFiles() {
        int before = versionCount();

        propose(MANAGER, proposal("no change", Map.of())).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("files");

        assertThat(versionCount()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "an unknown kind               | {name: x, kind: weather.forecast, request: {}, expect: {}}",
            "a request that is no mapping  | {name: x, kind: rotation.validate, request: retro-prime, expect: {faults: []}}",
            "an outcome that is no mapping | {name: x, kind: rotation.validate, request: {channel: retro-prime}, expect: [faults]}",
            "a key given twice             | {name: x, kind: rotation.validate, kind: fill, request: {}, expect: {}}",
    })
    void aSubmittedScenarioThatCannotRunIsABadRequestNamingItsContent(String what, String scenario) {
        Map<String, Object> body = proposal("marker", MARKER_PATH, MARKER_DRL);
        body.put("scenarios", List.of(Map.of("path", "rule-tests/rotation/cannot-run.yaml", "content", scenario)));

        propose(MANAGER, body).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("scenarios[0].content");
    }

    @Test
    void aRejectedVersionIsStoredWithItsChecks() {
        Map<?, ?> problem = propose(MANAGER, proposal("exit", "rules/rotation/exit.drl", drlWithConsequence("System.exit(1);")))
                .expectStatus().isEqualTo(422).returnResult(Map.class).getResponseBody();

        Map<?, ?> stored = get("/api/v1/rulesets/{id}", idOf(member(problem, "ruleset")));

        assertThat(stored.get("status")).isEqualTo("REJECTED");
        assertThat(member(stored, "checks", "lint").get("ok")).isEqualTo(false);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "System.exit(1);                                      | System",
            "Runtime.getRuntime().exec(\"rm -rf /\");               | Runtime",
            "Class.forName(\"com.trafficrules.rotation.facts.Spot\"); | Class",
            "new java.io.File(\"/etc/passwd\").delete();            | java.io.File",
    })
    void aDrlReachingOutsideTheAllowlistIsRejectedWithLintFindings(String consequence, String construct) {
        Map<?, ?> problem = propose(MANAGER, proposal("escape", "rules/rotation/escape.drl", drlWithConsequence(consequence)))
                .expectStatus().isEqualTo(422)
                .returnResult(Map.class).getResponseBody();

        Map<?, ?> lint = member(problem, "ruleset", "checks", "lint");
        assertThat(lint.get("ok")).isEqualTo(false);
        assertThat((List<?>) lint.get("findings")).anySatisfy(finding -> {
            assertThat(((Map<?, ?>) finding).get("path")).isEqualTo("rules/rotation/escape.drl");
            assertThat(((Map<?, ?>) finding).get("line")).isEqualTo(13);
            assertThat(((Map<?, ?>) finding).get("message")).asString().contains(construct);
        });
    }

    @Test
    void aChangeWhoseScenariosFailIsProposedWithTheFailuresAndCannotBeApproved() throws IOException {
        String softened = shipped(OVERLAP_PATH).replace("Severity.CRITICAL", "Severity.WARNING");
        Map<?, ?> version = proposed(MANAGER, proposal("softer overlap", OVERLAP_PATH, softened));

        assertThat(version.get("status")).isEqualTo("PROPOSED");
        Map<?, ?> tests = member(version, "checks", "tests");
        assertThat((Integer) tests.get("failed")).isPositive();
        assertThat((List<?>) tests.get("failures")).anySatisfy(failure -> {
            assertThat(((Map<?, ?>) failure).get("scenario")).isEqualTo("rule-tests/rotation/overlap-within-a-break.yaml");
            assertThat(((Map<?, ?>) failure).get("diff")).asString().contains("temporal-overlap");
        });

        act(APPROVER, idOf(version), "approve").expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aScenarioSubmittedWithTheProposalRunsWithTheOthers() {
        Map<String, Object> body = proposal("marker with its test", MARKER_PATH, MARKER_DRL);
        String expectsNothing = String.join("\n",
                "name: a MARKED spot is not flagged (wrong on purpose)",
                "kind: rotation.validate",
                "request:",
                "  channel: retro-prime",
                "  breaks: [{id: B1, start: \"2026-11-20T20:12:00Z\", durationMs: 120000}]",
                "  spots: [{id: S1, breakId: B1, start: \"2026-11-20T20:12:00Z\", lengthMs: 30000, advertiser: MARKED, type: commercial}]",
                "expect:",
                "  faults: []",
                "");
        body.put("scenarios", List.of(Map.of("path", "rule-tests/rotation/marked.yaml", "content", expectsNothing)));

        Map<?, ?> tests = member(proposed(MANAGER, body), "checks", "tests");

        assertThat(tests.get("failed")).isEqualTo(1);
        assertThat((List<?>) tests.get("failures")).singleElement().satisfies(failure -> {
            assertThat(((Map<?, ?>) failure).get("scenario")).isEqualTo("rule-tests/rotation/marked.yaml");
            assertThat(((Map<?, ?>) failure).get("diff")).asString().contains("unexpected").contains(MARKER_RULE);
        });
    }

    @Test
    void aNullContentRemovesTheFileFromTheBase() {
        Map<String, String> removal = new HashMap<>();
        removal.put("rules/rotation/break-position.drl", null);

        Map<?, ?> version = proposed(MANAGER, proposal("no break-position", removal));

        assertThat(pluck(version.get("files"), "path")).doesNotContain("rules/rotation/break-position.drl").contains(OVERLAP_PATH);
    }

    @Test
    void aFileOutsideRulesAndConfigIsABadRequestAndStoresNothing() {
        int before = versionCount();

        propose(MANAGER, proposal("escape", "src/main/java/Evil.java", "class Evil {}"))
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("files[0].path");

        assertThat(versionCount()).isEqualTo(before);
    }

    @Test
    void anUnknownBaseIsABadRequest() {
        Map<String, Object> body = proposal("orphan", MARKER_PATH, MARKER_DRL);
        body.put("base", 987_654_321L);

        propose(MANAGER, body).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("base");
    }

    // --- approve and activate -----------------------------------------------------------------------

    @Test
    void theProposerMayNotApproveTheirOwnVersion() {
        long id = proposeTheMarker(LEAD);

        act(LEAD, id, "approve").expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(get("/api/v1/rulesets/{id}", id).get("status")).isEqualTo("PROPOSED");
    }

    @Test
    void anotherApproverApprovesAProposedVersion() {
        long id = proposeTheMarker(LEAD);

        act(APPROVER, id, "approve").expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("APPROVED")
                .jsonPath("$.approvedBy").isEqualTo("approver");
    }

    @Test
    void anApprovedVersionCannotBeApprovedAgain() {
        long id = proposeTheMarker(MANAGER);
        act(APPROVER, id, "approve").expectStatus().isOk();

        act(LEAD, id, "approve").expectStatus().isEqualTo(409);
    }

    @Test
    void aProposedVersionCannotBeActivated() {
        act(APPROVER, proposeTheMarker(MANAGER), "activate").expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void approvingAnUnknownVersionIsNotFound() {
        act(APPROVER, 987_654_321L, "approve").expectStatus().isNotFound();
    }

    @Test
    void proposeApproveActivateServesTheNewVersionAndActivatingTheOldOneRollsBack() {
        Map<?, ?> original = get("/api/v1/rulesets/active");
        long proposal = proposeTheMarker(LEAD);
        act(LEAD, proposal, "approve").expectStatus().isForbidden();
        act(APPROVER, proposal, "approve").expectStatus().isOk();

        Map<?, ?> activated = act(APPROVER, proposal, "activate").expectStatus().isOk().returnResult(Map.class).getResponseBody();

        assertThat(activated.get("status")).isEqualTo("ACTIVE");
        assertThat(get("/api/v1/rulesets/{id}", idOf(original)).get("status")).isEqualTo("RETIRED");
        Map<?, ?> underNew = validateAMarkedSpot();
        assertThat(member(underNew, "ruleset").get("hash")).isEqualTo(activated.get("hash"));
        assertThat(faultRules(underNew)).containsExactly(MARKER_RULE);

        act(APPROVER, idOf(original), "activate").expectStatus().isOk();

        Map<?, ?> underOld = validateAMarkedSpot();
        assertThat(member(underOld, "ruleset").get("hash")).isEqualTo(original.get("hash"));
        assertThat(faultRules(underOld)).isEmpty();
        assertThat(get("/api/v1/rulesets/{id}", proposal).get("status")).isEqualTo("RETIRED");
        assertThat(((List<?>) get("/api/v1/rulesets/{id}/events", proposal).get("events")).stream()
                .map(event -> ((Map<?, ?>) event).get("to") + " by " + ((Map<?, ?>) event).get("by")).toList())
                .containsExactly("PROPOSED by lead", "APPROVED by approver", "ACTIVE by approver", "RETIRED by approver");
    }

    // --- history: diff and impact -------------------------------------------------------------------

    @Test
    void theDiffShowsAnAddedFileAsAUnifiedDiff() {
        long active = idOf(get("/api/v1/rulesets/active"));
        long proposal = proposeTheMarker(MANAGER);

        Map<?, ?> diff = get("/api/v1/rulesets/{id}/diff?against={other}", proposal, active);

        assertThat((List<?>) diff.get("files")).singleElement().satisfies(file -> {
            assertThat(((Map<?, ?>) file).get("path")).isEqualTo(MARKER_PATH);
            assertThat(((Map<?, ?>) file).get("change")).isEqualTo("ADDED");
            assertThat(((Map<?, ?>) file).get("diff")).asString()
                    .startsWith("--- /dev/null\n+++ b/" + MARKER_PATH + "\n@@ -0,0 +1,")
                    .contains("\n+rule \"marked-advertiser\"\n");
        });
    }

    @Test
    void theDiffShowsAModifiedFileLineByLine() throws IOException {
        long active = idOf(get("/api/v1/rulesets/active"));
        String softened = shipped(OVERLAP_PATH).replace("Severity.CRITICAL", "Severity.WARNING");
        long proposal = idOf(proposed(MANAGER, proposal("softer", OVERLAP_PATH, softened)));

        Map<?, ?> diff = get("/api/v1/rulesets/{id}/diff?against={other}", proposal, active);

        assertThat((List<?>) diff.get("files")).singleElement().satisfies(file -> {
            assertThat(((Map<?, ?>) file).get("change")).isEqualTo("MODIFIED");
            assertThat(((Map<?, ?>) file).get("diff")).asString()
                    .contains("--- a/" + OVERLAP_PATH).contains("+++ b/" + OVERLAP_PATH)
                    .containsPattern("(?m)^-.*Severity\\.CRITICAL").containsPattern("(?m)^\\+.*Severity\\.WARNING");
        });
    }

    @Test
    void aDiffWithoutAgainstIsABadRequest() {
        http.get().uri("/api/v1/rulesets/{id}/diff", idOf(get("/api/v1/rulesets/active"))).headers(AUDITOR).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("against");
    }

    @Test
    void theImpactPreviewNamesTheStoredDecisionsAVersionWouldChange() {
        String since = Instant.now().minusSeconds(1).toString();
        String decisionId = validateAMarkedSpot().get("decisionId").toString();
        long proposal = proposeTheMarker(MANAGER);

        Map<?, ?> impact = http.post().uri("/api/v1/rulesets/{id}/impact", proposal).headers(MANAGER)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("kinds", List.of("rotation.validate"), "since", since, "limit", 500)).exchange()
                .expectStatus().isOk().returnResult(Map.class).getResponseBody();

        assertThat((Integer) impact.get("evaluated")).isPositive();
        assertThat((List<?>) impact.get("changes")).anySatisfy(change -> {
            assertThat(((Map<?, ?>) change).get("decisionId")).isEqualTo(decisionId);
            assertThat(((Map<?, ?>) change).get("kind")).isEqualTo("rotation.validate");
            assertThat((List<?>) ((Map<?, ?>) change).get("added")).singleElement()
                    .satisfies(fault -> assertThat(((Map<?, ?>) fault).get("rule")).isEqualTo(MARKER_RULE));
            assertThat((List<?>) ((Map<?, ?>) change).get("removed")).isEmpty();
        });
    }

    @Test
    void theImpactPreviewTakesAStoredRequestThatNoLongerReadsAsRefusedUnderBothVersions() {
        // Decisions keep their request as json, which takes \u0000: such a request was stored before NULs were refused.
        // The decision log is append-only, so this row stays: the class discards its context (and database) after.
        UUID legacy = UUID.randomUUID();
        jdbc.update("insert into decision (id, kind, channel, created_at, caller, ruleset_id, fired_rules, request, outcome)"
                + " values (?, 'rotation.validate', 'nul-legacy', now(), 'scheduler', 1, '{}', ?::json, '{}'::json)",
                legacy, "{\"channel\": \"retro-prime\", \"spots\": [{\"advertiser\": \"AC\\u0000ME\"}]}");

        Map<?, ?> impact = http.post().uri("/api/v1/rulesets/{id}/impact", proposeTheMarker(MANAGER)).headers(MANAGER)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("kinds", List.of("rotation.validate"))).exchange()
                .expectStatus().isOk().returnResult(Map.class).getResponseBody();

        assertThat(pluck(impact.get("changes"), "decisionId")).doesNotContain(legacy.toString());
    }

    @Test
    void anUnknownImpactKindIsABadRequest() {
        http.post().uri("/api/v1/rulesets/{id}/impact", proposeTheMarker(MANAGER)).headers(MANAGER)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("kinds", List.of("weather"))).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("kinds[0]");
    }

    // --- roles ---------------------------------------------------------------------------------------

    @Test
    void anApproverMayNotPropose() {
        propose(APPROVER, proposal("marker", MARKER_PATH, MARKER_DRL)).expectStatus().isForbidden();
    }

    @Test
    void aManagerMayNotApprove() {
        act(MANAGER, proposeTheMarker(LEAD), "approve").expectStatus().isForbidden();
    }

    @Test
    void aManagerMayNotActivate() {
        act(MANAGER, idOf(get("/api/v1/rulesets/active")), "activate").expectStatus().isForbidden();
    }

    @Test
    void aSchedulerMayNotPreviewImpact() {
        http.post().uri("/api/v1/rulesets/{id}/impact", idOf(get("/api/v1/rulesets/active"))).headers(SCHEDULER)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of()).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void readingDiffsAndEventsNeedsCredentials() {
        long active = idOf(get("/api/v1/rulesets/active"));

        http.get().uri("/api/v1/rulesets/{id}/diff?against={other}", active, active).exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/v1/rulesets/{id}/events", active).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void anAuditorReadsChecksEventsAndDiffs() {
        long proposal = proposeTheMarker(MANAGER);
        long active = idOf(get("/api/v1/rulesets/active"));

        assertThat(get("/api/v1/rulesets/{id}", proposal).get("checks")).isNotNull();
        assertThat((List<?>) get("/api/v1/rulesets/{id}/events", proposal).get("events")).hasSize(1);
        assertThat((List<?>) get("/api/v1/rulesets/{id}/diff?against={other}", proposal, active).get("files")).hasSize(1);
    }

    @Test
    void aBlankLabelIsABadRequestNamingLabel() {
        expectOnlyProblem(propose(MANAGER, proposal(" \t ", MARKER_PATH, MARKER_DRL)), "label", "must be 1 to 200 characters");
    }
}
