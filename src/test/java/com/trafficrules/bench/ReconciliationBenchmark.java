package com.trafficrules.bench;

import com.trafficrules.TrafficRulesApplication;
import com.trafficrules.support.SchemaOwner;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Avails reconciliation benchmark. Run: {@code bin/benchmark reconciliation}. Writes its figures to docs/benchmarks.md.
 * The service runs in-process on an embedded PostgreSQL of its own. A network day: 200 channels × 600 planned rows with
 * their as-run rows (2 % drifted, 1 % missing, 1 % unplanned, 1 % with another billing code), one JSON run per
 * channel-day posted at concurrency 4, after eight warm-up days; then one 50,000-line RetroVue {@code .asrun.jsonl} file
 * against a channel's transmission log of 25,000 filled segments, with the heap's growth sampled while it is read.
 */
public final class ReconciliationBenchmark {

    static final int CHANNELS = 200;
    private static final int ROWS = 600;
    private static final int CONCURRENCY = 4;
    /** Days of the same size sent before measuring, so that what is measured is compiled code (one was not enough). */
    private static final int WARM_UP_DAYS = 8;
    private static final int FILE_SEGMENTS = 25_000;
    private static final int SEGMENTS_PER_BLOCK = 25;
    private static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Bodies are new on every run, so a reused database never answers from an earlier run. */
    private static final String RUN = "bench-" + Long.toString(System.currentTimeMillis(), 36);

    private ReconciliationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TrafficRulesApplication.class).run(
                "--server.port=0", "--traffic.embedded-db.data-dir=target/bench-reconciliation-postgres",
                "--traffic.embedded-db.clean=true", "--traffic.embedded-db.isolate=false", "--logging.level.root=WARN",
                "--logging.level.com.trafficrules=WARN")) {
            URI base = URI.create("http://localhost:" + app.getEnvironment().getProperty("local.server.port"));
            HttpClient client = HttpClient.newHttpClient();
            String auth = "Basic " + Base64.getEncoder().encodeToString("scheduler:scheduler".getBytes(StandardCharsets.UTF_8));
            URI runs = base.resolve("/api/v1/reconciliations");
            for (int warmUp = 0; warmUp < WARM_UP_DAYS; warmUp++) {
                networkDay(client, runs, auth, bodies("warm-up-" + warmUp, new long[1]));
            }
            long[] rows = new long[1];
            List<byte[]> day = bodies("day", rows);
            // The client's bodies would otherwise be copied by the first young collections while measuring, a pause no
            // client on another machine puts into the service.
            System.gc();
            JdbcTemplate jdbc = SchemaOwner.jdbc(app);
            CpuUse before = CpuUse.now(jdbc);
            long started = System.nanoTime();
            long[] latencies = networkDay(client, runs, auth, day);
            double seconds = (System.nanoTime() - started) / 1e9;
            String cpu = CpuUse.now(jdbc).since(before).describe(latencies.length, "run");
            String file = file(client, base, auth, jdbc);
            String report = """
                    ## Avails reconciliation over HTTP

                    A network day: %d channels × %d planned rows, each with its as-run row (2 %% started 501–3,000 ms
                    off, 1 %% missing, 1 %% with another billing code) and 1 %% unplanned as-run rows besides, matched by
                    spotId, availId or nearest start; one `POST /api/v1/reconciliations` per channel-day at concurrency
                    %d, after %d warm-up days of the same size (after a shorter warm-up, much of the code still ran
                    uncompiled while measuring; see the history below); each run's decision, run row and items committed. The bodies are made, and a collection run, before
                    the clock starts. Client, service and PostgreSQL share the machine.

                    | runs | rows (planned + as-run) | rows/s | p50 | p99 | max |
                    |---|---|---|---|---|---|
                    | %d | %,d | %,.0f | %.1f ms | %.1f ms | %.1f ms |

                    Targets: ≥ 50,000 rows/s, p99 ≤ 150 ms per channel-day. While measuring: %s (%.1f s).

                    %s
                    """.formatted(CHANNELS, ROWS, CONCURRENCY, WARM_UP_DAYS, latencies.length, rows[0], rows[0] / seconds,
                    BenchmarkReport.percentile(latencies, 50) / 1e6, BenchmarkReport.percentile(latencies, 99) / 1e6,
                    latencies[latencies.length - 1] / 1e6, cpu, seconds, file);
            BenchmarkReport.write("reconciliation", report);
            System.out.println(report);
        }
    }

    /** One body per channel of the network day; rows counted. */
    private static List<byte[]> bodies(String day, long[] rows) {
        List<byte[]> bodies = new ArrayList<>();
        for (int channel = 0; channel < CHANNELS; channel++) {
            bodies.add(channelDay(channel, day, rows));
        }
        return bodies;
    }

    /** Posts one run per body, {@link #CONCURRENCY} at a time; each run's latency in ns, sorted. */
    private static long[] networkDay(HttpClient client, URI runs, String auth, List<byte[]> bodies) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < CONCURRENCY; t++) {
            Thread thread = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                    try {
                        long start = System.nanoTime();
                        LoadRun.post(client, runs, auth, bodies.get(i));
                        latencies.add(System.nanoTime() - start);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /**
     * One channel's day: planned rows 60 s apart with their as-run rows, seeded by the channel so runs repeat; {@code day}
     * makes the body new (the same bytes again are answered as a duplicate); its rows are added to {@code rows[0]}.
     */
    static byte[] channelDay(int channel, String day, long[] rows) {
        Random random = new Random(channel);
        StringBuilder planned = new StringBuilder();
        StringBuilder asRun = new StringBuilder();
        for (int i = 0; i < ROWS; i++) {
            long start = DAY.toEpochMilli() + i * 60_000L;
            String spot = "S-" + i;
            planned.append(i == 0 ? "" : ",").append("{\"availId\":\"A-").append(i).append("\",\"spotId\":\"").append(spot)
                    .append("\",\"start\":\"").append(Instant.ofEpochMilli(start)).append("\",\"end\":\"")
                    .append(Instant.ofEpochMilli(start + 30_000)).append("\",\"lengthMs\":30000,\"billingCode\":\"NAT-")
                    .append(1000 + i % 50).append("\",\"status\":\"SCHEDULED\"}");
            rows[0]++;
            int roll = random.nextInt(100);
            if (roll == 0) {
                continue;
            }
            long aired = start + (roll <= 2 ? 501 + random.nextInt(2500) : random.nextInt(400));
            String billing = roll == 3 ? "LOC-9" : "NAT-" + (1000 + i % 50);
            asRun.append(asRun.isEmpty() ? "" : ",").append("{\"eventId\":\"E-").append(i).append("\",\"spotId\":\"").append(spot)
                    .append("\",\"start\":\"").append(Instant.ofEpochMilli(aired)).append("\",\"durationMs\":30000,\"status\":\"AIRED\",")
                    .append("\"billingCode\":\"").append(billing).append("\"}");
            rows[0]++;
            if (roll == 4) {
                asRun.append(",{\"eventId\":\"U-").append(i).append("\",\"start\":\"").append(Instant.ofEpochMilli(start + 45_000))
                        .append("\",\"durationMs\":15000,\"status\":\"AIRED\"}");
                rows[0]++;
            }
        }
        return ("{\"channel\":\"bench-" + channel + "\",\"broadcastDate\":\"2026-11-20\",\"run\":\"" + RUN + "-" + day
                + "\",\"planned\":[" + planned + "],\"asRun\":[" + asRun + "]}").getBytes(StandardCharsets.UTF_8);
    }

    /** The 50,000-line RetroVue file: its figures as a paragraph. */
    private static String file(HttpClient client, URI base, String auth, JdbcTemplate jdbc) throws Exception {
        // The plan: 1,000 filled blocks of 25 commercial segments on one channel, written as fill writes them.
        jdbc.update("""
                insert into transmission_log (channel_slug, block_id, start_at, end_at, request_hash, segments, response, created_at)
                select 'bench-file', 'blk-' || b, ?::timestamptz + b * interval '3400 milliseconds' * 25,
                       ?::timestamptz + (b + 1) * interval '3400 milliseconds' * 25, 'bench', (
                         select jsonb_agg(jsonb_build_object('index', s, 'type', 'commercial',
                                   'assetUri', '/bench/spot-' || ((b * 25 + s) %% 500) || '.mp4', 'assetStartOffsetMs', 0,
                                   'durationMs', 3000, 'breakIndex', 0,
                                   'start', to_char((?::timestamptz + (b * 25 + s) * interval '3400 milliseconds') at time zone 'UTC',
                                                    'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) order by s)
                           from generate_series(0, %d) s), '{}'::jsonb, now()
                  from generate_series(0, %d) b""".formatted(SEGMENTS_PER_BLOCK - 1, FILE_SEGMENTS / SEGMENTS_PER_BLOCK - 1),
                java.sql.Timestamp.from(DAY), java.sql.Timestamp.from(DAY), java.sql.Timestamp.from(DAY));
        StringBuilder file = new StringBuilder(FILE_SEGMENTS * 260);
        for (int n = 0; n < FILE_SEGMENTS; n++) {
            int block = n / SEGMENTS_PER_BLOCK;
            int segment = n % SEGMENTS_PER_BLOCK;
            long start = DAY.toEpochMilli() + n * 3_400L + (n % 50 == 0 ? 1_200 : 0);
            String uri = "/bench/spot-" + (n % 500) + ".mp4";
            file.append("{\"status\":\"SEG_START\",\"block_id\":\"blk-").append(block).append("\",\"segment_index\":").append(segment)
                    .append(",\"segment_uuid\":\"u-").append(n).append("\",\"segment_type\":\"commercial\",\"asset_uri\":\"").append(uri)
                    .append("\",\"scheduled_duration_ms\":3000}\n");
            file.append("{\"status\":\"").append(n % 100 == 7 ? "SKIPPED" : "AIRED").append("\",\"event_id\":\"ev-").append(n)
                    .append("\",\"block_id\":\"blk-").append(block).append("\",\"segment_uuid\":\"u-").append(n)
                    .append("\",\"actual_start_utc_ms\":").append(start).append(",\"actual_duration_ms\":3000}\n");
        }
        byte[] body = file.toString().getBytes(StandardCharsets.UTF_8);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(before);
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (reading.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long started = System.nanoTime();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        base.resolve("/api/v1/channels/bench-file/reconciliations?broadcastDate=2026-11-20&format=retrovue-jsonl"))
                .header("Authorization", auth).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - started) / 1e9;
        reading.set(false);
        sampler.join();
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        JsonNode counts = JSON.readTree(response.body()).get("counts");
        return ("The file: %,d lines (%,d segments, each a SEG_START and its AIRED or SKIPPED record; every 50th 1.2 s late), %.1f MB, "
                + "against 1,000 filled blocks of %d commercial segments of 3 s, 3.4 s apart, on one channel's day: answered in %.2f s (target ≤ 3 s); "
                + "the heap's peak growth while it was read, sampled every 5 ms, %.0f MB (target ≤ 256 MB; the parallel collector's "
                + "young generation is 1.2 GB, so this counts garbage not yet collected too). Counts: %s.").formatted(
                FILE_SEGMENTS * 2, FILE_SEGMENTS, body.length / 1e6, SEGMENTS_PER_BLOCK, seconds,
                (peak.get() - before) / 1e6, counts);
    }
}
