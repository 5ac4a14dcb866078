package com.trafficrules.ruleset;

import static com.trafficrules.ruleset.Proposals.MARKER_DRL;
import static com.trafficrules.ruleset.Proposals.MARKER_PATH;
import static com.trafficrules.ruleset.Proposals.drlWithConsequence;
import static com.trafficrules.ruleset.Proposals.proposal;
import static com.trafficrules.support.Users.MANAGER;
import static com.trafficrules.support.Users.SCHEDULER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.trafficrules.Composition;
import com.trafficrules.kernel.Job;
import com.trafficrules.support.HttpTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * A proposal's rules run in a check worker, a JVM of its own: one that fires without end or fills memory is
 * stopped there and the version rejected with the reason, while the service goes on answering.
 */
@HttpTest
@TestPropertySource(properties = {"traffic.rules.check.wall-clock=15s", "traffic.rules.check.cpu=15s",
        "traffic.rules.check.heap-mb=256", "traffic.rules.check.workers=1"})
class ProposalIsolationHttpTest {

    private static final String RUNAWAY_PATH = "rules/rotation/runaway.drl";
    private static final String RUNAWAY_SCENARIO = "rule-tests/rotation/runaway.yaml";

    @Autowired
    RestTestClient http;

    @Autowired
    CompiledVersions compiled;

    @Autowired
    List<Job> jobs;

    /** A rule whose constraint backtracks without end on an advertiser of many a's: pure DRL, no Java at all. */
    private static final String BACKTRACKING_DRL = rotationRule("runaway",
            "    Spot( advertiser matches \"(.*a){20}b\" )", "");

    /** A join of every spot with every other, six times over: the engine's partial matches fill any heap. */
    private static final String CROSS_PRODUCT_DRL = rotationRule("runaway",
            "    Spot( ) Spot( ) Spot( ) Spot( ) Spot( ) Spot( )", "");

    private static String rotationRule(String name, String when, String then) {
        return String.join("\n", "package rules.rotation;", "", "import com.trafficrules.rotation.facts.Spot;", "",
                "global com.trafficrules.engine.Outcomes outcomes;", "", "rule \"" + name + "\"",
                "    // Whatever the proposal tries.", "when", when, "then", then, "end", "");
    }

    /** A scenario with {@code spots} spots of the advertiser {@code advertiser}, all in one long break. */
    private static Map<String, Object> scenarioOf(int spots, String advertiser) {
        StringBuilder yaml = new StringBuilder("name: what the runaway rule runs on\nkind: rotation.validate\nrequest:\n"
                + "  channel: retro-prime\n  breaks:\n    - {id: B1, start: \"2026-11-20T20:00:00Z\", durationMs: 3600000}\n"
                + "  spots:\n");
        for (int i = 0; i < spots; i++) {
            yaml.append("    - {id: S").append(i).append(", breakId: B1, start: \"2026-11-20T20:").append(String.format("%02d", i))
                    .append(":00Z\", lengthMs: 30000, advertiser: \"").append(advertiser).append("\", type: commercial}\n");
        }
        yaml.append("expect:\n  valid: true\n  faults: []\n");
        return Map.of("path", RUNAWAY_SCENARIO, "content", yaml.toString());
    }

    private Map<?, ?> proposeRejected(String drl, Map<String, Object> scenario) {
        Map<String, Object> body = new java.util.HashMap<>(proposal("runaway", RUNAWAY_PATH, drl));
        body.put("scenarios", List.of(scenario));
        Map<?, ?> problem = http.post().uri("/api/v1/rulesets").headers(MANAGER).contentType(MediaType.APPLICATION_JSON)
                .body(body).exchange().expectStatus().isEqualTo(422).returnResult(Map.class).getResponseBody();
        return (Map<?, ?>) problem.get("ruleset");
    }

    private void validationsKeepBeingAnsweredWhile(CompletableFuture<?> proposing) {
        int answered = 0;
        while (!proposing.isDone()) {
            http.post().uri("/api/v1/rotation/validate").headers(SCHEDULER).contentType(MediaType.APPLICATION_JSON)
                    .body(Proposals.aMarkedSpot()).exchange().expectStatus().isOk();
            answered++;
        }
        assertThat(answered).as("validations answered while the runaway proposal was checked").isPositive();
    }

    private static Map<?, ?> checksOf(Map<?, ?> version) {
        return (Map<?, ?>) version.get("checks");
    }

    @Test
    void aRuleThatBacktracksWithoutEndIsStoppedAndItsVersionRejected() {
        CompletableFuture<Map<?, ?>> proposing = CompletableFuture.supplyAsync(
                () -> proposeRejected(BACKTRACKING_DRL, scenarioOf(1, "a".repeat(60) + "!")));
        validationsKeepBeingAnsweredWhile(proposing);
        Map<?, ?> version = proposing.join();

        assertThat(version.get("status")).isEqualTo("REJECTED");
        assertThat((String) checksOf(version).get("stopped")).contains("stopped after").contains("a rule may fire without end");
        // Compile and lint had passed before the rules ran; what they found is kept.
        assertThat(((Map<?, ?>) checksOf(version).get("compile")).get("ok")).isEqualTo(true);
        assertThat(((Map<?, ?>) checksOf(version).get("lint")).get("ok")).isEqualTo(true);
    }

    @Test
    void aRuleThatFillsTheHeapIsStoppedAndItsVersionRejected() {
        CompletableFuture<Map<?, ?>> proposing = CompletableFuture.supplyAsync(
                () -> proposeRejected(CROSS_PRODUCT_DRL, scenarioOf(40, "ACME")));
        validationsKeepBeingAnsweredWhile(proposing);
        Map<?, ?> version = proposing.join();

        assertThat(version.get("status")).isEqualTo("REJECTED");
        assertThat((String) checksOf(version).get("stopped")).contains("ran out of memory").contains("256 MB");
    }

    @Test
    void aCheckAskedForWhileEveryWorkerIsBusyIsAnsweredBusyAndStoresNothing() throws Exception {
        CompletableFuture<Map<?, ?>> runaway = CompletableFuture.supplyAsync(
                () -> proposeRejected(BACKTRACKING_DRL, scenarioOf(1, "a".repeat(60) + "!")));
        Thread.sleep(2_000);
        int versionsBefore = versionCount();

        http.post().uri("/api/v1/rulesets").headers(MANAGER).contentType(MediaType.APPLICATION_JSON)
                .body(proposal("marker", MARKER_PATH, MARKER_DRL + "\n// while busy\n")).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(versionCount()).isEqualTo(versionsBefore);
        assertThat(runaway.join().get("status")).isEqualTo("REJECTED");
    }

    @Test
    void aPreStartedWorkerThatDiedWhileItWaitedIsReplacedNotBlamedOnTheProposal() throws Exception {
        List<ProcessHandle> waiting = List.of();
        for (int tries = 0; tries < 100 && waiting.isEmpty(); tries++) {
            waiting = ProcessHandle.current().descendants()
                    // The service's only child JVMs are its check workers (PostgreSQL is its other child).
                    .filter(process -> process.info().command().orElse("").endsWith("/java"))
                    .toList();
            Thread.sleep(100);
        }
        assertThat(waiting).as("a pre-started check worker").isNotEmpty();
        waiting.forEach(ProcessHandle::destroyForcibly);

        Map<?, ?> version = http.post().uri("/api/v1/rulesets").headers(MANAGER).contentType(MediaType.APPLICATION_JSON)
                .body(proposal("marker", MARKER_PATH, MARKER_DRL + "\n// after the worker died\n")).exchange()
                .expectStatus().isCreated().returnResult(Map.class).getResponseBody();
        assertThat(version.get("status")).isEqualTo("PROPOSED");
    }

    private int versionCount() {
        return ((List<?>) http.get().uri("/api/v1/rulesets").headers(MANAGER).exchange().expectStatus().isOk()
                .returnResult(Map.class).getResponseBody().get("rulesets")).size();
    }

    @Test
    void aRuleReadingTheEnvironmentIsRefusedBeforeItRuns() {
        Map<?, ?> version = proposeRejected(drlWithConsequence("String secret = System.getenv(\"TRAFFIC_DB_PASSWORD\");"),
                scenarioOf(1, "ACME"));

        assertThat(version.get("status")).isEqualTo("REJECTED");
        assertThat(((Map<?, ?>) checksOf(version).get("lint")).get("ok")).isEqualTo(false);
    }

    @Test
    void aRuleOpeningASocketIsRefusedBeforeItRuns() {
        Map<?, ?> version = proposeRejected(
                drlWithConsequence("new java.net.Socket(\"127.0.0.1\", 5432).close();"), scenarioOf(1, "ACME"));

        assertThat(version.get("status")).isEqualTo("REJECTED");
        assertThat(((Map<?, ?>) checksOf(version).get("lint")).get("ok")).isEqualTo(false);
    }

    @Test
    void theWorkerGetsNoneOfTheServicesEnvironment() throws Exception {
        // Whatever a rule could read there: the worker's own environment, as the kernel keeps it.
        CheckWorkerProcess worker = CheckWorkerProcess.start(limits(), null);
        try {
            worker.awaitReady();
            String environment = Files.readString(Path.of("/proc", String.valueOf(worker.pid()), "environ"),
                    StandardCharsets.UTF_8);
            List<String> variables = new ArrayList<>(List.of(environment.split("\0")));
            assertThat(variables).containsExactly("LANG=C.UTF-8");
        } finally {
            worker.close();
        }
    }

    @Test
    void theWorkerRunsInATemporaryDirectoryThatIsRemovedAfterUse() throws Exception {
        CheckWorkerProcess worker = CheckWorkerProcess.start(limits(), null);
        Path directory;
        try {
            worker.awaitReady();
            directory = Files.readSymbolicLink(Path.of("/proc", String.valueOf(worker.pid()), "cwd"));
            assertThat(directory.getFileName().toString()).startsWith("traffic-check-");
            assertThat(directory).isNotEqualTo(Path.of("").toAbsolutePath());
        } finally {
            worker.close();
        }
        assertThat(directory).doesNotExist();
    }

    @Test
    void aVersionThatPassesItsChecksInTheWorkerIsProposed() {
        Map<?, ?> version = http.post().uri("/api/v1/rulesets").headers(MANAGER).contentType(MediaType.APPLICATION_JSON)
                .body(proposal("marker", MARKER_PATH, MARKER_DRL)).exchange().expectStatus().isCreated()
                .returnResult(Map.class).getResponseBody();

        assertThat(version.get("status")).isEqualTo("PROPOSED");
        assertThat(checksOf(version).get("stopped")).isNull();
    }

    @Test
    void aProposedVersionIsNeverCompiledIntoTheService() {
        Map<?, ?> version = http.post().uri("/api/v1/rulesets").headers(MANAGER).contentType(MediaType.APPLICATION_JSON)
                .body(proposal("marker", MARKER_PATH, MARKER_DRL + "\n// not yet approved\n")).exchange()
                .expectStatus().isCreated().returnResult(Map.class).getResponseBody();
        long id = ((Number) version.get("id")).longValue();

        assertThatThrownBy(() -> compiled.of(id)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only an approved version is compiled in the service");
    }

    @Test
    void theWorkerRunsEveryJobTheServiceFinds() {
        List<String> found = jobs.stream().map(job -> job.getClass().getName()).sorted().toList();

        assertThat(Composition.jobs().jobs().stream().map(job -> job.getClass().getName()).sorted().toList())
                .isEqualTo(found);
    }

    private static CheckLimits limits() {
        return new CheckLimits(128, java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(10),
                java.time.Duration.ofSeconds(30), false, 1);
    }
}
