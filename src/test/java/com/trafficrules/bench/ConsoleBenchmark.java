package com.trafficrules.bench;

import com.trafficrules.TrafficRulesApplication;
import com.trafficrules.ruleset.Proposals;
import com.trafficrules.support.ConsoleSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's pages as a person signed in as the auditor opens them, one after another: the shipped ruleset with a
 * proposal on top, a few hundred validation decisions, some reconciliation runs. Each page is opened
 * {@link #WARM_UP} times, then timed {@link #TIMED} times; the issue asks for under 200 ms a page.
 */
public final class ConsoleBenchmark {

    private static final int VALIDATIONS = 300;
    private static final int RUNS = 20;
    private static final int WARM_UP = 30;
    private static final int TIMED = 100;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ConsoleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TrafficRulesApplication.class).run(
                "--server.port=0", "--traffic.embedded-db.data-dir=target/bench-console-postgres",
                "--traffic.embedded-db.clean=true", "--traffic.embedded-db.isolate=false", "--logging.level.root=WARN",
                "--logging.level.com.trafficrules=WARN")) {
            URI base = URI.create("http://localhost:" + app.getEnvironment().getProperty("local.server.port"));
            HttpClient api = HttpClient.newHttpClient();
            Map<String, String> pages = seed(api, base);
            ConsoleSession browser = ConsoleSession.signedIn(base, "auditor");
            StringBuilder rows = new StringBuilder();
            for (Map.Entry<String, String> page : pages.entrySet()) {
                long[] nanos = time(browser, page.getValue());
                rows.append("| %s | `%s` | %.1f ms | %.1f ms | %.1f ms | %.1f ms |%n".formatted(page.getKey(), page.getValue(),
                        BenchmarkReport.percentile(nanos, 50) / 1e6, BenchmarkReport.percentile(nanos, 95) / 1e6,
                        BenchmarkReport.percentile(nanos, 99) / 1e6, nanos[nanos.length - 1] / 1e6));
            }
            String report = """
                    ## The console's pages

                    Signed in as the auditor (form login, session cookie), each page opened %d times, then timed %d times
                    one after another, the whole answer read; on the shipped ruleset with a proposal on top (the marker
                    rule added), %d validation decisions (a third faulted) and %d reconciliation runs. Client, service and
                    PostgreSQL share the machine.

                    | page | path | p50 | p95 | p99 | max |
                    |---|---|---|---|---|---|
                    %s
                    Target: under 200 ms a page.
                    """.formatted(WARM_UP, TIMED, VALIDATIONS, RUNS, rows.toString().stripTrailing());
            BenchmarkReport.write("console", report);
            System.out.println(report);
        }
    }

    /** Makes the data the pages show through the API; the pages to time, by name. */
    private static Map<String, String> seed(HttpClient client, URI base) throws Exception {
        String scheduler = basic("scheduler");
        String decision = null;
        for (int i = 0; i < VALIDATIONS; i++) {
            // Every third break has two spots that overlap: a faulted validation.
            long second = i % 3 == 0 ? 10_000 : 30_000;
            String body = """
                    {"channel":"retro-prime","breaks":[{"id":"B%1$d","start":"2026-11-20T20:12:00Z","durationMs":120000}],
                     "spots":[{"id":"S%1$d-1","breakId":"B%1$d","start":"2026-11-20T20:12:00Z","lengthMs":30000,"advertiser":"ACME","type":"commercial"},
                              {"id":"S%1$d-2","breakId":"B%1$d","start":"2026-11-20T20:12:%2$02d.000Z","lengthMs":30000,"advertiser":"BOLT","type":"commercial"}]}"""
                    .formatted(i, second / 1000);
            JsonNode answer = JSON.readTree(LoadRun.post(client, base.resolve("/api/v1/rotation/validate"), scheduler, body).body());
            decision = answer.get("decisionId").asString();
        }
        String run = null;
        for (int i = 0; i < RUNS; i++) {
            String body = """
                    {"channel":"retro-prime","broadcastDate":"2026-11-%02d",
                     "planned":[{"availId":"A-1","spotId":"S-1","start":"2026-11-20T20:12:00Z","end":"2026-11-20T20:12:30Z","lengthMs":30000,"status":"SCHEDULED"},
                                {"availId":"A-2","spotId":"S-2","start":"2026-11-20T20:12:30Z","end":"2026-11-20T20:13:00Z","lengthMs":30000,"status":"SCHEDULED"}],
                     "asRun":[{"eventId":"E-1","spotId":"S-1","start":"2026-11-20T20:12:00.350Z","durationMs":30000,"status":"AIRED"},
                              {"eventId":"E-3","start":"2026-11-20T20:13:00Z","durationMs":15000,"status":"AIRED"}]}""".formatted(i + 1);
            run = JSON.readTree(LoadRun.post(client, base.resolve("/api/v1/reconciliations"), scheduler, body).body())
                    .get("runId").asString();
        }
        String proposal = JSON.writeValueAsString(Proposals.proposal("console benchmark", Proposals.MARKER_PATH, Proposals.MARKER_DRL));
        HttpResponse<String> proposed = LoadRun.send(client, base.resolve("/api/v1/rulesets"), basic("manager"),
                proposal.getBytes(StandardCharsets.UTF_8));
        if (proposed.statusCode() != 201) {
            throw new IllegalStateException("Proposing answered HTTP " + proposed.statusCode() + ": " + proposed.body());
        }
        long version = JSON.readTree(proposed.body()).get("id").asLong();
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("home", "/console");
        pages.put("rulesets", "/console/rulesets");
        pages.put("a version with its checks", "/console/rulesets/" + version);
        pages.put("its diff with the one before", "/console/rulesets/" + version + "/diff");
        pages.put("decisions, first page", "/console/decisions");
        pages.put("decisions of a kind and channel", "/console/decisions?kind=rotation.validate&channel=retro-prime");
        pages.put("a decision", "/console/decisions/" + decision);
        pages.put("a channel's day", "/console/channels/retro-prime?day=2026-11-20");
        pages.put("make-goods", "/console/makegoods");
        pages.put("reconciliation runs", "/console/reconciliations");
        pages.put("a run", "/console/reconciliations/" + run);
        return pages;
    }

    /** The page's answer times, sorted, after the warm-up; anything but 200 stops the benchmark. */
    private static long[] time(ConsoleSession browser, String page) throws Exception {
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < WARM_UP + TIMED; i++) {
            long start = System.nanoTime();
            HttpResponse<String> answer = browser.get(page);
            long took = System.nanoTime() - start;
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(page + " answered HTTP " + answer.statusCode());
            }
            if (i >= WARM_UP) {
                nanos.add(took);
            }
        }
        return nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }
}
