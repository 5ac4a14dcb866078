package com.trafficrules.bench;

import com.trafficrules.TrafficRulesApplication;
import com.trafficrules.kernel.Ruleset;
import com.trafficrules.policy.ChannelPolicies;
import com.trafficrules.policy.ChannelPolicy;
import com.trafficrules.rotation.ReferenceValidator;
import com.trafficrules.rotation.RotationLog;
import com.trafficrules.rotation.RotationLogs;
import com.trafficrules.rotation.RotationValidator;
import com.trafficrules.rotation.facts.Fault;
import com.trafficrules.support.SchemaOwner;
import com.trafficrules.support.ShippedRuleset;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rotation benchmarks (issue: rotation). Run: {@code bin/benchmark rotation}. Writes its figures to
 * docs/benchmarks.md.
 * <ol>
 *   <li>A synthetic network day, 200 channels x 24 h x 4 breaks x 6 spots = 115,200 spots, validated
 *       channel by channel through the DRL, the plain-Java reference validator and the limit, once the JIT compilers
 *       are quiet.</li>
 *   <li>Over HTTP: one channel-day (576 spots) per request at concurrency 4 for 30 s, once the JIT compilers are quiet.</li>
 *   <li>Build: one channel-day of breaks from a 1,000-candidate pool, over HTTP.</li>
 * </ol>
 */
public final class RotationBenchmark {

    private static final int CHANNELS = 200;
    /** The engine's warm-up: the three validators in turn, for at least 15 s and at most 120 s. */
    private static final long ENGINE_WARM_UP_MIN_MILLIS = 15_000;
    private static final long ENGINE_WARM_UP_MAX_MILLIS = 120_000;
    /** Validate over HTTP: longer, since the whole request path (Spring, Hibernate, Jackson) has to be compiled. */
    private static final long HTTP_WARM_UP_MIN_MILLIS = 30_000;
    private static final long HTTP_WARM_UP_MAX_MILLIS = 180_000;
    private static final int CLIENTS = 4;
    private static final long MEASURE_MILLIS = 30_000;
    private static final String CHANNEL = "retro-prime";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RotationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Ruleset ruleset = ShippedRuleset.compiled();
        NetworkDay day = new NetworkDay(20261120L);
        String part = args.length > 0 ? args[0] : "all";
        if (!List.of("all", "engine", "http").contains(part)) {
            throw new IllegalArgumentException("usage: bin/benchmark rotation [engine|http], not " + part);
        }
        String engine = part.equals("http") ? "" : engineVersusReference(ruleset, day);
        String http = part.equals("engine") ? "" : overHttp(day);
        if (!part.equals("all")) {
            System.out.println(engine + http);
            return;
        }
        BenchmarkReport.write("rotation", engine + "\n" + http);
        System.out.println(engine + "\n" + http);
    }

    private static String engineVersusReference(Ruleset ruleset, NetworkDay day) throws Exception {
        ChannelPolicy shipped = ChannelPolicies.of(ruleset).forChannel(CHANNEL);
        // Caps on, so the frequency-cap rule does real work: 4 plays a creative an hour, 12 a day.
        ChannelPolicy capped = new ChannelPolicy(CHANNEL, shipped.timezone(), shipped.traffic(), new ChannelPolicy.Rotation(
                15, "WARNING", 30, 4, 12, shipped.rotation().dayparts()));
        List<RotationLog> logs = new ArrayList<>();
        for (int c = 0; c < CHANNELS; c++) {
            RotationLog parsed = RotationLogs.parse(day.channelDay(CHANNEL, c), ChannelPolicies.of(ruleset));
            logs.add(new RotationLog(capped, parsed.breaks(), parsed.spots()));
        }
        int spots = logs.stream().mapToInt(log -> log.spots().size()).sum();
        Function<RotationLog, List<Fault>> drl = log -> RotationValidator.validate(ruleset, log).faults();
        Function<RotationLog, List<Fault>> reference = ReferenceValidator::validate;
        Function<RotationLog, List<Fault>> limit = SinglePassValidator::validate;
        List<Function<RotationLog, List<Fault>>> paths = List.of(drl, reference, limit);
        WarmUp.Done warmUp = WarmUp.untilCompilersQuiet(ENGINE_WARM_UP_MIN_MILLIS, ENGINE_WARM_UP_MAX_MILLIS, millis -> {
            long end = System.nanoTime() + millis * 1_000_000;
            do {
                paths.forEach(path -> timeAll(logs, path));
            } while (System.nanoTime() < end);
        });
        long[] best = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
        for (int round = 0; round < 5; round++) {
            for (int path = 0; path < paths.size(); path++) {
                best[path] = Math.min(best[path], timeAll(logs, paths.get(path)));
            }
        }
        long faults = 0;
        int referenceDisagreements = 0;
        int limitDisagreements = 0;
        for (RotationLog log : logs) {
            List<Fault> byDrl = drl.apply(log);
            faults += byDrl.size();
            if (!comparable(byDrl).equals(comparable(reference.apply(log)))) {
                referenceDisagreements++;
            }
            if (!byDrl.equals(limit.apply(log))) {
                limitDisagreements++;
            }
        }
        return """
                ## Rotation validation: network day (engine vs reference vs limit)

                %,d spots (%d channels x 24 h x 4 breaks x 6 spots), validated channel by channel on one thread, best
                of 5 timed rounds, once the JIT compilers are quiet (under %.0f %% of a core over a round of %.0f s, at
                least %.0f s, at most %.0f s; this run %s); %,d faults found. Channels where the DRL's faults differ from
                the reference's (rule, spot, break, conflicting ids): %d; from the limit's (messages and order too): %d.
                The limit is one hand-tuned pass in air order (`SinglePassValidator`, test code): hash maps per join
                key, a sweep for overlaps.

                | path | time | spots/s |
                |---|---|---|
                | DRL (facts + stateless session) | %.0f ms | %,.0f |
                | plain-Java reference validator (all pairs) | %.0f ms | %,.0f |
                | limit: single hand-tuned pass | %.0f ms | %,.0f |

                **DRL / limit: %.2f** (target ≤ 5). DRL throughput target ≥ 300,000 spots/s.
                """.formatted(spots, CHANNELS, WarmUp.QUIET_SHARE * 100, WarmUp.ROUND_MILLIS / 1000.0,
                ENGINE_WARM_UP_MIN_MILLIS / 1000.0, ENGINE_WARM_UP_MAX_MILLIS / 1000.0, warmUp.describe(), faults,
                referenceDisagreements, limitDisagreements,
                best[0] / 1e6, spots / (best[0] / 1e9), best[1] / 1e6, spots / (best[1] / 1e9),
                best[2] / 1e6, spots / (best[2] / 1e9), (double) best[0] / best[2]);
    }

    private static HashSet<Fault> comparable(List<Fault> faults) {
        HashSet<Fault> set = new HashSet<>();
        faults.forEach(f -> set.add(new Fault(f.rule(), f.severity(), f.spotId(), f.breakId(),
                f.conflictingIds().stream().sorted().toList(), "")));
        return set;
    }

    private static long timeAll(List<RotationLog> logs, Function<RotationLog, List<Fault>> validator) {
        long start = System.nanoTime();
        long sink = 0;
        for (RotationLog log : logs) {
            sink += validator.apply(log).size();
        }
        if (sink < 0) {
            throw new IllegalStateException();
        }
        return System.nanoTime() - start;
    }

    private static String overHttp(NetworkDay day) throws Exception {
        // Command-line arguments, which outrank the test configuration on the classpath.
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TrafficRulesApplication.class).run(
                "--server.port=0", "--traffic.embedded-db.data-dir=target/bench-postgres", "--traffic.embedded-db.clean=true",
                "--traffic.embedded-db.isolate=false", "--logging.level.root=WARN")) {
            URI base = URI.create("http://localhost:" + app.getEnvironment().getProperty("local.server.port"));
            HttpClient client = HttpClient.newHttpClient();
            List<byte[]> bodies = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                bodies.add(JSON.writeValueAsBytes(day.channelDay(CHANNEL, c)));
            }
            String auth = "Basic " + Base64.getEncoder().encodeToString("scheduler:scheduler".getBytes());
            URI validate = base.resolve("/api/v1/rotation/validate");
            JdbcTemplate jdbc = SchemaOwner.jdbc(app);
            WarmUp.Done warmUp = WarmUp.untilCompilersQuiet(HTTP_WARM_UP_MIN_MILLIS, HTTP_WARM_UP_MAX_MILLIS,
                    millis -> load(validate, auth, bodies, millis));
            CpuUse before = CpuUse.now(jdbc);
            long[] latencies = load(validate, auth, bodies, MEASURE_MILLIS);
            String cpu = CpuUse.now(jdbc).since(before).describe(latencies.length, "request");

            // One build at a time, some 200 ms each: java.net.http's hand-offs, which weigh on validate's figures, do not here.
            String buildBody = JSON.writeValueAsString(day.buildPool(CHANNEL, 1_000));
            URI build = base.resolve("/api/v1/rotation/build");
            LoadRun.post(client, build, auth, buildBody);
            List<Long> buildMillis = new ArrayList<>();
            String summary = "";
            for (int run = 0; run < 3; run++) {
                long start = System.nanoTime();
                HttpResponse<String> response = LoadRun.post(client, build, auth, buildBody);
                buildMillis.add((System.nanoTime() - start) / 1_000_000);
                var tree = JSON.readTree(response.body());
                summary = tree.get("placements").size() + " placed, " + tree.get("quarantined").size() + " quarantined";
            }
            return """
                    ## Rotation validation over HTTP

                    One channel-day (576 spots) per `POST /api/v1/rotation/validate`, %d concurrent clients for %.0f s,
                    each response's decision stored in the embedded PostgreSQL; client and server share the machine, and
                    each client sends on its own thread (`LoadRun.postOnThisThread`). Measured once the JIT compilers are
                    quiet (under %.0f %% of a core over a round of %.0f s, at least %.0f s, at most %.0f s): this run %s.
                    While measuring: %s.

                    | requests | requests/s | p50 | p99 | max |
                    |---|---|---|---|---|
                    | %,d | %.0f | %.1f ms | %.1f ms | %.1f ms |

                    Target: p99 ≤ 30 ms.

                    ## Rotation build over HTTP

                    One channel-day of breaks (96) from a 1,000-candidate pool (`POST /api/v1/rotation/build`,
                    decision stored): %s; per build, 3 runs after one warm-up: %s ms.
                    """.formatted(CLIENTS, MEASURE_MILLIS / 1000.0, WarmUp.QUIET_SHARE * 100, WarmUp.ROUND_MILLIS / 1000.0,
                    HTTP_WARM_UP_MIN_MILLIS / 1000.0, HTTP_WARM_UP_MAX_MILLIS / 1000.0, warmUp.describe(), cpu,
                    latencies.length, latencies.length / (MEASURE_MILLIS / 1000.0),
                    BenchmarkReport.percentile(latencies, 50) / 1e6,
                    BenchmarkReport.percentile(latencies, 99) / 1e6, latencies[latencies.length - 1] / 1e6, summary, buildMillis);
        }
    }

    private static long[] load(URI uri, String auth, List<byte[]> bodies, long millis) throws Exception {
        return LoadRun.latencies(CLIENTS, millis, number -> LoadRun.postOnThisThread(uri, auth, bodies.get(number % bodies.size())));
    }
}
