package com.trafficrules.bench;

import com.trafficrules.Composition;
import com.trafficrules.TrafficRulesApplication;
import com.trafficrules.engine.RulesetFiles;
import com.trafficrules.kernel.Ruleset;
import com.trafficrules.kernel.RulesetRef;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ruleset governance benchmark (issue 5). Run: {@code bin/benchmark governance}. Writes its figures to
 * docs/benchmarks.md.
 *
 * <p>Propose-to-active over HTTP on one instance with the embedded PostgreSQL: propose (all three checks: parse,
 * lint, classic build, YAML, every scenario in rule-tests/), approve, activate, and the first validation
 * answered by the new version. Each run changes a comment so its hash is new and nothing is cached. Two
 * rulesets: the shipped one, and the shipped one plus a file of 200 generated rules. Also timed: the cold
 * build another replica does when it learns of an activation it did not propose.
 */
public final class GovernanceBenchmark {

    private static final int RUNS = 5;
    private static final int GENERATED_RULES = 200;
    /**
     * Between runs: a proposal's checks use the pre-started check worker, and its replacement starts and warms up
     * after the proposal; proposals minutes apart, as people make them, always find it ready.
     */
    private static final long PAUSE_MILLIS = 6_000;
    /** The file each proposal changes a comment of; bin/soak's proposals too. */
    static final String OVERLAP = "rules/rotation/temporal-overlap.drl";
    private static final String GENERATED = "rules/rotation/generated.drl";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newHttpClient();
    private final URI base;
    /** Every proposal builds on the version the start registered, so the two cases never mix. */
    private long shippedVersion;

    private GovernanceBenchmark(URI base) {
        this.base = base;
    }

    /** Proposals on the service at {@code base}, each built on the version active at this call; bin/soak activates through it. */
    static GovernanceBenchmark on(URI base) throws Exception {
        GovernanceBenchmark bench = new GovernanceBenchmark(base);
        bench.shippedVersion = JSON.readTree(bench.get("/api/v1/rulesets/active").body()).get("id").asLong();
        return bench;
    }

    /** One run's phases, in milliseconds. */
    record Run(double propose, double approve, double activate, double firstServed) {

        double total() {
            return propose + approve + activate + firstServed;
        }
    }

    public static void main(String[] args) throws Exception {
        RulesetFiles shipped = RulesetFiles.fromDirectory(Path.of("."));
        String generated = generatedRules(GENERATED_RULES);
        String markdown;
        // Command-line arguments, because they outrank the test application.yaml on the classpath (whose data
        // directory other test JVMs may be using).
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TrafficRulesApplication.class).run(
                "--server.port=0", "--traffic.embedded-db.data-dir=target/bench-governance-postgres",
                "--traffic.embedded-db.clean=true", "--logging.level.com.trafficrules=WARN")) {
            GovernanceBenchmark bench = on(URI.create("http://localhost:" + app.getEnvironment().getProperty("local.server.port")));
            String overlap = shipped.all().get(OVERLAP);
            // Warm-up: the first build in a JVM loads and JIT-compiles the compiler itself.
            bench.proposeToActive("warm-up", Map.of(OVERLAP, overlap + "\n// warm-up\n"));
            List<Run> shippedRuns = new ArrayList<>();
            List<Run> generatedRuns = new ArrayList<>();
            List<Double> backToBack = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                long start = System.nanoTime();
                bench.propose("back-to-back " + run, Map.of(OVERLAP, overlap + "\n// back to back " + run + "\n"));
                backToBack.add((System.nanoTime() - start) / 1e6);
            }
            for (int run = 0; run < RUNS; run++) {
                Thread.sleep(PAUSE_MILLIS);
                shippedRuns.add(bench.proposeToActive("shipped " + run, Map.of(OVERLAP, overlap + "\n// run " + run + "\n")));
                Thread.sleep(PAUSE_MILLIS);
                generatedRuns.add(bench.proposeToActive("generated " + run,
                        Map.of(GENERATED, generated + "\n// run " + run + "\n")));
            }
            Map<String, String> withGenerated = new HashMap<>(shipped.all());
            withGenerated.put(GENERATED, generated);
            double coldShipped = coldBuild(shipped);
            double coldGenerated = coldBuild(RulesetFiles.of(withGenerated));
            markdown = """
                    ## Ruleset governance: propose to active

                    Over HTTP on one instance (embedded PostgreSQL 17, client on the same machine): `POST /api/v1/rulesets`
                    (checks: DRL parse, lint, classic KieBuilder build, channel YAML, all %d scenarios of rule-tests/, all
                    in the check worker, a JVM of its own), `POST …/approve`, `POST …/activate` (the service compiles the
                    approved version itself), then validations until one is answered by the new version. Every run has a
                    new hash (a changed comment), so nothing comes from a cache; one warm-up run first, and %.0f s between
                    runs, so the worker that replaces the last one used is warm, as it is for proposals minutes apart.
                    Median (max) of %d runs, ms.

                    | ruleset | propose (checks) | approve | activate | first answer | **propose → active** |
                    |---|---|---|---|---|---|
                    %s
                    %s

                    Target: ≤ 5 s for the shipped ruleset, and propose ≤ 2 s. Proposals back to back (each sent as soon
                    as the one before is answered, while the replacement worker still starts and warms up): propose
                    %s ms, median (max) of %d. A replica that did not take the proposal builds the version when the
                    activation NOTIFY reaches it: %.0f ms for the shipped ruleset, %.0f ms with the %d generated rules (median of
                    %d cold builds).
                    """.formatted(bench.scenarioCount(), PAUSE_MILLIS / 1000.0, RUNS,
                    row("shipped (" + shipped.under("rules/").size() + " DRL files)", shippedRuns),
                    row("shipped + " + GENERATED_RULES + " generated rules", generatedRuns),
                    "%.0f (%.0f)".formatted(median(backToBack), backToBack.stream().mapToDouble(Double::doubleValue).max().orElseThrow()),
                    RUNS, coldShipped, coldGenerated, GENERATED_RULES, RUNS);
        }
        BenchmarkReport.write("governance", markdown);
        System.out.println(markdown);
    }

    private int scenarioCount() throws Exception {
        long active = JSON.readTree(get("/api/v1/rulesets/active").body()).get("id").asLong();
        JsonNode version = JSON.readTree(get("/api/v1/rulesets/" + active).body());
        return version.get("checks").get("tests").get("passed").asInt() + version.get("checks").get("tests").get("failed").asInt();
    }

    /** Proposes {@code files} as manager, approves and activates them as approver, and waits for a validation they answer. */
    Run proposeToActive(String label, Map<String, String> files) throws Exception {
        long start = System.nanoTime();
        long id = propose(label, files);
        long proposedAt = System.nanoTime();
        require(post("/api/v1/rulesets/" + id + "/approve", "approver", ""), 200);
        long approvedAt = System.nanoTime();
        require(post("/api/v1/rulesets/" + id + "/activate", "approver", ""), 200);
        long activatedAt = System.nanoTime();
        String validation = JSON.writeValueAsString(Map.of("channel", "retro-prime",
                "breaks", List.of(Map.of("id", "B1", "start", "2026-11-20T20:12:00Z", "durationMs", 120_000)),
                "spots", List.of(Map.of("id", "S1", "breakId", "B1", "start", "2026-11-20T20:12:00Z", "lengthMs", 30_000,
                        "type", "commercial"))));
        HttpResponse<String> answer;
        do {
            answer = post("/api/v1/rotation/validate", "scheduler", validation);
            require(answer, 200);
        } while (JSON.readTree(answer.body()).get("ruleset").get("id").asLong() != id);
        long servedAt = System.nanoTime();
        return new Run((proposedAt - start) / 1e6, (approvedAt - proposedAt) / 1e6, (activatedAt - approvedAt) / 1e6,
                (servedAt - activatedAt) / 1e6);
    }

    private long propose(String label, Map<String, String> files) throws Exception {
        List<Map<String, String>> changes = new ArrayList<>();
        files.forEach((path, content) -> changes.add(Map.of("path", path, "content", content)));
        HttpResponse<String> proposed = post("/api/v1/rulesets", "manager", JSON.writeValueAsString(
                Map.of("label", label, "note", "benchmark", "base", shippedVersion, "files", changes)));
        require(proposed, 201);
        JsonNode version = JSON.readTree(proposed.body());
        if (version.get("checks").get("tests").get("failed").asInt() != 0) {
            throw new IllegalStateException("The benchmark proposal fails its scenarios: " + version.get("checks"));
        }
        return version.get("id").asLong();
    }

    private static double coldBuild(RulesetFiles files) {
        List<Double> millis = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            long start = System.nanoTime();
            Composition.jobs().compile(new RulesetRef(run, "cold", files.hash()), files);
            millis.add((System.nanoTime() - start) / 1e6);
        }
        return median(millis);
    }

    private static String row(String name, List<Run> runs) {
        return "| %s | %s | %s | %s | %s | **%s** |".formatted(name, cell(runs, Run::propose), cell(runs, Run::approve),
                cell(runs, Run::activate), cell(runs, Run::firstServed), cell(runs, Run::total));
    }

    private static String cell(List<Run> runs, java.util.function.ToDoubleFunction<Run> phase) {
        List<Double> values = runs.stream().map(phase::applyAsDouble).toList();
        return "%.0f (%.0f)".formatted(median(values), values.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** Rules shaped like the shipped ones: an equality key, a window and a fault; none fires in the scenarios. */
    private static String generatedRules(int count) {
        StringBuilder drl = new StringBuilder("""
                package rules.rotation;

                import com.trafficrules.rotation.facts.Fault;
                import com.trafficrules.rotation.facts.Severity;
                import com.trafficrules.rotation.facts.Spot;

                global com.trafficrules.engine.Outcomes outcomes;
                """);
        for (int i = 0; i < count; i++) {
            drl.append("""

                    rule "generated-%1$d"
                        // Generated: advertiser GEN-%1$d needs %2$d ms between its spots.
                    when
                        $later   : Spot( advertiser == "GEN-%1$d" )
                        $earlier : Spot( advertiser == "GEN-%1$d", airsBefore($later), $later.gapAfter(this) < %2$d )
                    then
                        outcomes.add(Fault.pair("generated-%1$d", Severity.WARNING, $later, $earlier, "generated rule %1$d"));
                    end
                    """.formatted(i, 60_000 + i * 1_000));
        }
        return drl.toString();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", auth("auditor")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String user, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", auth(user))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String auth(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes());
    }

    private static void require(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " (expected " + status + "): " + response.body());
        }
    }
}
