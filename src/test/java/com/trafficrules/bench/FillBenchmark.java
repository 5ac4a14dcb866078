package com.trafficrules.bench;

import com.trafficrules.TrafficRulesApplication;
import com.trafficrules.fill.playlog.PlayLogQueries;
import com.trafficrules.support.SchemaOwner;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feed-time fill benchmark. Run: {@code bin/benchmark fill}. Writes its figures to docs/benchmarks.md.
 * The service runs in-process on an embedded PostgreSQL of its own; 2,000 assets and a 5,000,000-row
 * play log over 100 channels are loaded with SQL, then breaks (a block of one placeholder) are filled over
 * HTTP at concurrency 4 for 30 s after a warm-up, every block id new. The cooldown/cap query is EXPLAINed.
 */
public final class FillBenchmark {

    private static final int ASSETS = 2_000;
    private static final int PLAYS = 5_000_000;
    private static final int CHANNELS = 100;
    private static final int CONCURRENCY = 4;
    private static final long WARMUP_MS = 30_000;
    private static final long MEASURE_MS = 30_000;
    /** The blocks filled air from here on, 25 minutes apart per channel. */
    private static final Instant FIRST_BLOCK = Instant.parse("2026-11-20T00:00:00Z");
    /** The play history: one play every 51 s per channel for the 29.5 days before the first block. */
    private static final Instant LOG_START = FIRST_BLOCK.minus(Duration.ofSeconds(51L * (PLAYS / CHANNELS)));
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Block ids are new on every run, so a reused database never answers from its transmission log. */
    private static final String RUN = "bench-" + Long.toString(System.currentTimeMillis(), 36);

    private FillBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // -Dbench.reuse=true keeps the loaded database between runs (for profiling); the figures come from a clean load.
        boolean reuse = Boolean.getBoolean("bench.reuse");
        // Command-line arguments: they outrank the test application.yaml on the classpath (default properties would not).
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TrafficRulesApplication.class).run(
                "--server.port=0", "--traffic.embedded-db.data-dir=target/bench-fill-postgres", "--traffic.embedded-db.clean=" + !reuse,
                "--traffic.embedded-db.isolate=false", "--logging.level.root=WARN", "--logging.level.com.trafficrules=WARN")) {
            // Loading creates a table and vacuums: the schema owner's work, which the service's own role may not do.
            JdbcTemplate jdbc = SchemaOwner.jdbc(app);
            String loaded = reuse && jdbc.queryForObject("select count(*) from assets", Long.class) == ASSETS
                    ? forgetEarlierRuns(jdbc) : load(jdbc);
            URI base = URI.create("http://localhost:" + app.getEnvironment().getProperty("local.server.port"));
            HttpClient client = HttpClient.newHttpClient();
            String auth = "Basic " + Base64.getEncoder().encodeToString("scheduler:scheduler".getBytes());
            AtomicInteger blocks = new AtomicInteger();
            AtomicLong fallbacks = new AtomicLong();
            run(client, base, auth, blocks, fallbacks, WARMUP_MS);
            fallbacks.set(0);
            long[] latencies = run(client, base, auth, blocks, fallbacks, MEASURE_MS);
            String plan = explain(jdbc);
            String report = """
                    ## Feed-time fill over HTTP

                    %s Each request fills one break: a new block (`POST /api/v1/channels/{slug}/blocks/fill`) of
                    one 120 s placeholder, on one of the 100 channels in turn, at air times from the end of the play
                    history on; 4 concurrent clients for 30 s after a 30 s warm-up (the JIT settles); plays, transmission row and
                    decision committed per fill. Client, service and PostgreSQL share the machine.

                    | fills | fills/s | p50 | p99 | max | fallbacks |
                    |---|---|---|---|---|---|
                    | %,d | %.0f | %.1f ms | %.1f ms | %.1f ms | %d |

                    Targets: p99 ≤ 20 ms, ≥ 300 fills/s.

                    The fill order, each asset's latest play and the daily cap's counts come from the replica's memory
                    (`FillMemory`, checked against the database's counters under the channel's lock; a channel's
                    counts for a day are read once). An asset's latest play at or before the air time is its
                    nearest play before it; only assets played after the air time (blocks filled out of air order;
                    none here) have their nearest plays read from the log. Those queries, `EXPLAIN (ANALYZE,
                    BUFFERS)`, excerpts:

                    ```
                    %s
                    ```
                    """.formatted(loaded, latencies.length, latencies.length / (MEASURE_MS / 1000.0),
                    BenchmarkReport.percentile(latencies, 50) / 1e6, BenchmarkReport.percentile(latencies, 99) / 1e6,
                    latencies[latencies.length - 1] / 1e6, fallbacks.get(), plan);
            BenchmarkReport.write("fill", report);
            System.out.println(report);
        }
    }

    /** The asset library and 5,000,000 plays. */
    private static String load(JdbcTemplate jdbc) {
        long started = System.nanoTime();
        loadAssets(jdbc);
        // A plain table, not a temporary one: each statement may run on another pooled connection.
        jdbc.execute("create table bench_asset as select (row_number() over (order by uri) - 1)::int as n, uuid, uri, "
                + "type, duration_ms from assets");
        jdbc.execute("create index on bench_asset (n)");
        // Play g: channel g % 100, every 51 s per channel from LOG_START (about 30 days), cycling through all 2,000
        // assets (7919 is prime to 2,000), so each asset has about 25 plays on each channel.
        jdbc.update("""
                insert into traffic_play_log (channel_slug, asset_uuid, asset_uri, asset_type, played_at, break_index, block_id, duration_ms)
                select 'bench-' || (g %% %d), a.uuid, a.uri, a.type, ?::timestamptz + ((g / %d) * interval '51 seconds'),
                       0, 'seed-' || (g / %d), a.duration_ms
                  from generate_series(0, %d) g join bench_asset a on a.n = ((g / %d)::bigint * 7919 + (g %% %d) * 37) %% %d
                """.formatted(CHANNELS, CHANNELS, CHANNELS, PLAYS - 1, CHANNELS, CHANNELS, ASSETS), java.sql.Timestamp.from(LOG_START));
        jdbc.execute("drop table bench_asset");
        // As autovacuum would have left a log that old: statistics, hint bits and the visibility map set.
        jdbc.execute("vacuum analyze assets");
        jdbc.execute("vacuum analyze traffic_play_log");
        long rows = jdbc.queryForObject("select count(*) from traffic_play_log", Long.class);
        return "%,d assets and %,d plays over %d channels, loaded by SQL and VACUUM ANALYZEd in %.0f s.".formatted(
                jdbc.queryForObject("select count(*) from assets", Long.class), rows, CHANNELS,
                (System.nanoTime() - started) / 1e9);
    }

    /**
     * The library the fills draw from, bin/soak's too: 2,000 assets, five types, six lengths, every 20th in a cooldown
     * group, every 50th pulled.
     */
    static void loadAssets(JdbcTemplate jdbc) {
        jdbc.update("""
                insert into assets (uri, title, type, duration_ms, state, cooldown_group)
                select '/bench/asset-' || lpad(g::text, 4, '0') || '.mp4', 'Asset ' || g,
                       (array['commercial', 'promo', 'station_id', 'psa', 'bumper'])[1 + g %% 5],
                       (array[30000, 15000, 5000, 20000, 10000, 60000])[1 + g %% 6],
                       case when g %% 50 = 0 then 'pulled' else 'ready' end,
                       case when g %% 20 = 0 then 'group-' || (g / 200) end
                  from generate_series(1, %d) g
                """.formatted(ASSETS));
    }

    /** Takes a reused load back to how it was loaded: every run fills the same air times, so its plays would pile up. */
    private static String forgetEarlierRuns(JdbcTemplate jdbc) {
        // The play log's triggers take the deleted plays out of channel_asset_last_play and move the counters.
        jdbc.update("delete from traffic_play_log where played_at >= ?", java.sql.Timestamp.from(FIRST_BLOCK));
        jdbc.update("delete from transmission_log");
        jdbc.execute("vacuum analyze traffic_play_log");
        return "Reused an earlier load, the fills of earlier runs taken out (not for the record).";
    }

    /** Where block {@code block} is filled: channel bench-(block % 100), so consecutive blocks take the channels in turn. */
    static URI blockUri(URI base, int block) {
        return base.resolve("/api/v1/channels/bench-" + (block % CHANNELS) + "/blocks/fill");
    }

    /** Block {@code block}: a new block id, one 120 s placeholder, 25 minutes after its channel's block before. */
    static String blockBody(int block) {
        Instant start = FIRST_BLOCK.plus(Duration.ofMinutes(25L * (block / CHANNELS)));
        return JSON.writeValueAsString(Map.of("blockId", RUN + "-" + block, "start", start.toString(), "segments", List.of(
                Map.of("type", "filler", "durationMs", 120_000))));
    }

    private static long[] run(HttpClient client, URI base, String auth, AtomicInteger blocks, AtomicLong fallbacks,
                              long millis) throws Exception {
        return LoadRun.latencies(CONCURRENCY, millis, number -> {
            int block = blocks.getAndIncrement();
            if (JSON.readTree(LoadRun.post(client, blockUri(base, block), auth, blockBody(block)).body()).get("fallback").asBoolean()) {
                fallbacks.incrementAndGet();
            }
        });
    }

    private static List<String> plan(JdbcTemplate jdbc, String sql, Object... parameters) {
        return jdbc.query("explain (analyze, buffers) " + sql, (row, i) -> row.getString(1), parameters);
    }

    /** The plan lines that show which index each query uses and what it cost. */
    private static String explain(JdbcTemplate jdbc) {
        long air = FIRST_BLOCK.plus(Duration.ofHours(3)).toEpochMilli();
        String nearest = plan(jdbc, PlayLogQueries.nearest(), PlayLogQueries.nearestParameters("bench-7", air, page(jdbc))).stream()
                .filter(line -> line.contains("Index") || line.contains("SubPlan") || line.contains("Function Scan")
                        || line.contains("Planning Time") || line.contains("Execution Time"))
                .collect(Collectors.joining("\n"));
        long dayStart = air - air % 86_400_000;
        String perDay = plan(jdbc, PlayLogQueries.playsPerAsset(), "bench-7", new java.sql.Timestamp(dayStart),
                new java.sql.Timestamp(dayStart + 86_400_000)).stream()
                .filter(line -> line.contains("Index") || line.contains("Execution Time")).collect(Collectors.joining("\n"));
        List<String> listing = plan(jdbc, """
                select asset_uuid, asset_uri, asset_type, played_at, break_index, block_id, duration_ms
                  from traffic_play_log where channel_slug = ? and played_at >= ? and played_at < ? order by played_at, asset_uri
                """, "bench-7", new java.sql.Timestamp(air - 3_600_000), new java.sql.Timestamp(air));
        return "-- cooldown: the nearest plays of 16 candidates played after the air time:\n" + nearest
                + "\n\n-- daily cap: each asset's plays on the channel that UTC day (read once per channel and day, then kept):\n"
                + perDay
                + "\n\n-- the plays listing (GET …/plays?from=&to=, one hour):\n"
                + listing.stream().filter(line -> line.contains("Index") || line.contains("Execution Time")).collect(Collectors.joining("\n"));
    }

    /** The first 16 candidates of bench-7 in fill order, as a fill of a 120 s break reads them. */
    private static List<java.util.UUID> page(JdbcTemplate jdbc) {
        return jdbc.queryForList("""
                select c.asset_uuid from channel_asset_last_play c join assets a on a.uuid = c.asset_uuid
                 where c.channel_slug = 'bench-7' and a.state = 'ready' and a.duration_ms <= 120000
                 order by c.last_played_at, a.uri collate "C" limit 16
                """, java.util.UUID.class);
    }

}
