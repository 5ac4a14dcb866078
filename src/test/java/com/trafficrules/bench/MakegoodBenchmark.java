package com.trafficrules.bench;

import com.trafficrules.TrafficRulesApplication;
import com.trafficrules.bench.RatingsFeed.Kind;
import com.trafficrules.support.SchemaOwner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ratings make-goods benchmark. Run: {@code bin/benchmark makegood}. Writes its figures to docs/benchmarks.md.
 * The service runs in-process on an embedded PostgreSQL of its own; 100,000 avails over 50 markets are loaded
 * with SQL, then batches of 500 payloads (70 % within tolerance, 25 % triggered, 5 % quarantined; 10 % of them
 * replays of payloads answered in earlier batches) are posted over HTTP at concurrency 4 for 30 s after a
 * warm-up. The warm-up has markets and avails of its own, of the same shape: it lasts until the JIT compilers are
 * quiet, and however much it does, the measured batches start from their inventory as loaded and with no history
 * (with a shared inventory, a warm-up that got more done left the measured batches fuller avails and longer rolling
 * histories). Every answer is checked as it comes back, and the orders and reservations by SQL after the run.
 */
public final class MakegoodBenchmark {

    private static final int AVAILS = 100_000;
    /** bin/soak's ratings feed covers the same markets as the avails it loads. */
    static final int MARKETS = 50;
    /** The measured batches' markets are M00…M49 (bin/soak's too), the warm-up's W00…W49. */
    static final String MEASURED_MARKETS = "M";
    private static final String WARM_UP_MARKETS = "W";
    private static final int DAYS = 90;
    private static final int BATCH = 500;
    /** Of each batch: new payloads of each kind, and replays of each kind; 350 within, 125 triggered, 25 quarantined. */
    private static final int NEW_WITHIN = 315;
    private static final int NEW_TRIGGERED = 110;
    private static final int NEW_QUARANTINED = 25;
    private static final int REPLAYED_WITHIN = 35;
    private static final int REPLAYED_TRIGGERED = 15;
    private static final int CONCURRENCY = 4;
    private static final long WARM_UP_MIN_MS = 30_000;
    private static final long WARM_UP_MAX_MS = 180_000;
    /** How many of the statements PostgreSQL spent longest on the report lists. */
    private static final int TOP_STATEMENTS = 10;
    private static final long MEASURE_MS = 30_000;
    private static final long LOCK_SAMPLE_MS = 250;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Spot ids are new on every run. */
    private static final String RUN = "mg-" + Long.toString(System.currentTimeMillis(), 36);

    private MakegoodBenchmark() {
    }

    /** One batch as sent: its body, and for each payload its kind, the text sent, and whether it is a replay. */
    private record Batch(byte[] body, Kind[] kinds, String[] payloads, Sent[] replayOf, int[] quarantineWay) {
    }

    /** A payload answered with a final result: what a replay of it sends, and the order it got. */
    private record Sent(String payload, String orderId) {
    }

    /** What came back in one phase of the run. */
    private static final class Tally {
        final LongAdder batches = new LongAdder();
        final LongAdder errors = new LongAdder();
        final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
        final Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
        final Map<String, LongAdder> unexpected = new ConcurrentHashMap<>();
        final LongAdder replays = new LongAdder();
        final LongAdder replaysDuplicate = new LongAdder();
        final LongAdder replayedOrders = new LongAdder();
        final LongAdder replayedOrdersSame = new LongAdder();
        final LongAdder newAnsweredDuplicate = new LongAdder();
        final LongAdder ordersIssued = new LongAdder();
        final Set<String> orderIds = ConcurrentHashMap.newKeySet();
        final LongAdder orderIdsSeenTwice = new LongAdder();
        volatile String firstError;

        void count(Map<String, LongAdder> counts, String key) {
            counts.computeIfAbsent(key, k -> new LongAdder()).increment();
        }
    }

    /** The final answers so far, by kind, that replays are drawn from. */
    private static final class ReplayPool {
        private final List<Sent> within = new ArrayList<>();
        private final List<Sent> triggered = new ArrayList<>();

        synchronized void add(Kind kind, Sent sent) {
            (kind == Kind.WITHIN ? within : triggered).add(sent);
        }

        /** Up to {@code count} distinct earlier payloads of {@code kind}. */
        synchronized List<Sent> draw(Kind kind, int count, SplittableRandom random) {
            List<Sent> from = kind == Kind.WITHIN ? within : triggered;
            Set<Integer> picked = new HashSet<>();
            List<Sent> drawn = new ArrayList<>();
            while (drawn.size() < Math.min(count, from.size())) {
                int i = random.nextInt(from.size());
                if (picked.add(i)) {
                    drawn.add(from.get(i));
                }
            }
            return drawn;
        }
    }

    public static void main(String[] args) throws Exception {
        // Command-line arguments: they outrank the test application.yaml on the classpath (default properties would not).
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TrafficRulesApplication.class).run(
                "--server.port=0", "--traffic.embedded-db.data-dir=target/bench-makegood-postgres", "--traffic.embedded-db.clean=true",
                "--traffic.embedded-db.isolate=false", "--traffic.embedded-db.statement-statistics=true", "--logging.level.root=WARN",
                "--logging.level.com.trafficrules=WARN")) {
            JdbcTemplate jdbc = SchemaOwner.jdbc(app);
            StatementStatistics statements = StatementStatistics.of(app);
            String loaded = loadAvails(jdbc, MEASURED_MARKETS);
            System.out.println(loaded);
            System.out.println("For the warm-up: " + loadAvails(jdbc, WARM_UP_MARKETS));
            URI ratings = URI.create("http://localhost:" + app.getEnvironment().getProperty("local.server.port") + "/api/v1/ratings");
            HttpClient client = HttpClient.newHttpClient();
            String auth = "Basic " + Base64.getEncoder().encodeToString("scheduler:scheduler".getBytes());
            AtomicLong payloadNumbers = new AtomicLong();
            RatingsFeed warmUpFeed = new RatingsFeed(RUN, WARM_UP_MARKETS, MARKETS);
            ReplayPool warmUpPool = new ReplayPool();
            WarmUp.Done warmUp = WarmUp.untilCompilersQuiet(WARM_UP_MIN_MS, WARM_UP_MAX_MS,
                    millis -> run(client, ratings, auth, warmUpFeed, warmUpPool, payloadNumbers, new Tally(), millis));
            System.out.println("Warm-up done (" + warmUp.describe() + "); measuring for " + MEASURE_MS / 1000 + " s.");
            RatingsFeed feed = new RatingsFeed(RUN, MEASURED_MARKETS, MARKETS);
            ReplayPool pool = new ReplayPool();
            long deadlocksBefore = deadlocks(jdbc);
            Tally tally = new Tally();
            List<Long> lockWaits = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean measuring = new AtomicBoolean(true);
            Thread sampler = lockSampler(jdbc, lockWaits, measuring);
            sampler.start();
            statements.reset();
            CpuUse before = CpuUse.now(jdbc);
            long started = System.nanoTime();
            long[] latencies = run(client, ratings, auth, feed, pool, payloadNumbers, tally, MEASURE_MS);
            double seconds = (System.nanoTime() - started) / 1e9;
            String cpu = CpuUse.now(jdbc).since(before).describe(latencies.length, "batch");
            String slowest = statements.top(TOP_STATEMENTS, latencies.length, "batch");
            measuring.set(false);
            sampler.join();
            long deadlocks = deadlocks(jdbc) - deadlocksBefore;
            String checks = checks(jdbc);
            String report = report(loaded, warmUp, latencies, seconds, cpu, tally, lockWaits, deadlocks, slowest, checks);
            BenchmarkReport.write("makegood", report);
            System.out.println(report);
        }
    }

    /** 100,000 avails over the markets M00…M49, bin/soak's inventory too (see {@link #loadAvails(JdbcTemplate, String)}). */
    static String loadAvails(JdbcTemplate jdbc) {
        return loadAvails(jdbc, MEASURED_MARKETS);
    }

    /**
     * 100,000 avails over the markets {@code prefix}00…49: market g % 50, over the next 90 days (~22 a market a day),
     * 60–180 s of a 180 s avail left.
     */
    private static String loadAvails(JdbcTemplate jdbc, String prefix) {
        long started = System.nanoTime();
        Instant first = Instant.now().plus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
        long spacingS = DAYS * 86_400L / (AVAILS / MARKETS);
        // Booked codes kept sorted and distinct, as the service keeps them: a reservation compares them for equality.
        jdbc.update("""
                insert into avail (id, market, program_id, start_at, duration_ms, booked_remaining_ms, booked_product_codes,
                                   remaining_ms, product_codes, estimated_grps, updated_at)
                select ? || '-AV-' || lpad(g::text, 6, '0'), ? || lpad((g %% %1$d)::text, 2, '0'),
                       'P-' || (g %% %1$d) || '-' || ((g / %1$d) %% 40),
                       ?::timestamptz + ((g / %1$d) * %2$d + (g * 7919) %% 1800) * interval '1 second', 180000,
                       room, codes, room, codes, round((0.5 + ((g * 7919) %% 1151) / 100.0)::numeric, 1)::float8, now()
                  from generate_series(0, %3$d) g,
                       lateral (select (array[60000, 90000, 120000, 150000, 180000])[1 + (g * 31) %% 5] as room,
                                       case (g * 13) %% 8 when 1 then '{AUTO}'::text[] when 2 then '{BANK,QSR}' when 3 then '{TELCO}'
                                            when 5 then '{BEER,RETAIL}' when 6 then '{PHARMA}' else '{}' end as codes) v
                """.formatted(MARKETS, spacingS, AVAILS - 1), prefix, prefix, java.sql.Timestamp.from(first));
        jdbc.execute("vacuum analyze avail");
        return "%,d avails over %d markets loaded by SQL as the schema owner and VACUUM ANALYZEd in %.1f s".formatted(
                jdbc.queryForObject("select count(*) from avail where market like ? || '%'", Long.class, prefix),
                jdbc.queryForObject("select count(distinct market) from avail where market like ? || '%'", Long.class, prefix),
                (System.nanoTime() - started) / 1e9);
    }

    private static long[] run(HttpClient client, URI ratings, String auth, RatingsFeed feed, ReplayPool pool,
                              AtomicLong payloadNumbers, Tally tally, long millis) throws Exception {
        return LoadRun.latencies(CONCURRENCY, millis, new LoadRun.Exchange<Batch, HttpResponse<String>>() {
            @Override
            public Batch prepare(int number) {
                return batch(feed, pool, payloadNumbers, new SplittableRandom(number * 0x9E3779B97F4A7C15L + 7));
            }

            @Override
            public HttpResponse<String> send(Batch batch) throws Exception {
                return LoadRun.send(client, ratings, auth, batch.body());
            }

            @Override
            public void check(Batch batch, HttpResponse<String> response) {
                MakegoodBenchmark.check(batch, response, pool, tally);
            }
        });
    }

    /** A batch of 500 in random order: new payloads of each kind and replays of answered ones (new ones while too few). */
    private static Batch batch(RatingsFeed feed, ReplayPool pool, AtomicLong payloadNumbers, SplittableRandom random) {
        Instant now = Instant.now();
        List<Object[]> slots = new ArrayList<>(BATCH);
        for (Kind kind : List.of(Kind.WITHIN, Kind.TRIGGERED)) {
            List<Sent> replays = pool.draw(kind, kind == Kind.WITHIN ? REPLAYED_WITHIN : REPLAYED_TRIGGERED, random);
            replays.forEach(sent -> slots.add(new Object[] {kind, sent.payload(), sent, -1}));
            int fresh = kind == Kind.WITHIN ? NEW_WITHIN + REPLAYED_WITHIN : NEW_TRIGGERED + REPLAYED_TRIGGERED;
            for (int i = replays.size(); i < fresh; i++) {
                slots.add(new Object[] {kind, feed.payload(kind, payloadNumbers.getAndIncrement(), now, random), null, -1});
            }
        }
        for (int i = 0; i < NEW_QUARANTINED; i++) {
            long number = payloadNumbers.getAndIncrement();
            slots.add(new Object[] {Kind.QUARANTINED, feed.payload(Kind.QUARANTINED, number, now, random), null,
                    (int) (number % RatingsFeed.QUARANTINE_CODES.size())});
        }
        for (int i = slots.size() - 1; i > 0; i--) {
            Collections.swap(slots, i, random.nextInt(i + 1));
        }
        Kind[] kinds = new Kind[BATCH];
        String[] payloads = new String[BATCH];
        Sent[] replayOf = new Sent[BATCH];
        int[] ways = new int[BATCH];
        StringBuilder body = new StringBuilder(BATCH * 480).append("{\"payloads\":[");
        for (int i = 0; i < BATCH; i++) {
            Object[] slot = slots.get(i);
            kinds[i] = (Kind) slot[0];
            payloads[i] = (String) slot[1];
            replayOf[i] = (Sent) slot[2];
            ways[i] = (int) slot[3];
            body.append(i == 0 ? "" : ",").append(payloads[i]);
        }
        return new Batch(body.append("]}").toString().getBytes(StandardCharsets.UTF_8), kinds, payloads, replayOf, ways);
    }

    /** Counts what came back and checks each answer against what was sent; final answers join the replay pool. */
    private static void check(Batch batch, HttpResponse<String> response, ReplayPool pool, Tally tally) {
        if (response.statusCode() != 200) {
            tally.errors.increment();
            if (tally.firstError == null) {
                tally.firstError = "HTTP " + response.statusCode() + ": " + response.body();
            }
            return;
        }
        tally.batches.increment();
        JsonNode results = JSON.readTree(response.body()).get("results");
        if (results.size() != BATCH) {
            throw new IllegalStateException(results.size() + " results for " + BATCH + " payloads");
        }
        for (int i = 0; i < BATCH; i++) {
            JsonNode result = results.get(i);
            String status = result.get("status").asString();
            boolean duplicate = result.get("duplicate").asBoolean();
            JsonNode order = result.get("order");
            String orderId = order == null || order.isNull() ? null : order.get("orderId").asString();
            Kind kind = batch.kinds()[i];
            tally.count(tally.statuses, status);
            if (result.get("index").asInt() != i) {
                tally.count(tally.unexpected, "result " + i + " has index " + result.get("index"));
            }
            String expected = switch (kind) {
                case WITHIN -> "WITHIN_TOLERANCE";
                case TRIGGERED -> status.equals("ROUTING_FAILED") ? status : "TRIGGERED";
                case QUARANTINED -> "QUARANTINED";
            };
            if (!status.equals(expected)) {
                tally.count(tally.unexpected, kind + " answered " + status);
            }
            if (status.equals("TRIGGERED") && orderId == null) {
                tally.count(tally.unexpected, "TRIGGERED without an order");
            }
            if (kind == Kind.QUARANTINED) {
                String reason = result.get("reason").asString();
                tally.count(tally.reasons, reason);
                if (!reason.equals(RatingsFeed.QUARANTINE_CODES.get(batch.quarantineWay()[i]))) {
                    tally.count(tally.unexpected, "quarantined way " + batch.quarantineWay()[i] + " answered " + reason);
                }
            }
            Sent replayOf = batch.replayOf()[i];
            if (replayOf != null) {
                tally.replays.increment();
                if (duplicate) {
                    tally.replaysDuplicate.increment();
                }
                if (replayOf.orderId() != null) {
                    tally.replayedOrders.increment();
                    if (replayOf.orderId().equals(orderId)) {
                        tally.replayedOrdersSame.increment();
                    }
                }
                continue;
            }
            if (duplicate) {
                tally.newAnsweredDuplicate.increment();
            }
            if (orderId != null) {
                tally.ordersIssued.increment();
                if (!tally.orderIds.add(orderId)) {
                    tally.orderIdsSeenTwice.increment();
                }
            }
            if (!duplicate && (status.equals("WITHIN_TOLERANCE") || status.equals("TRIGGERED"))) {
                pool.add(kind, new Sent(batch.payloads()[i], orderId));
            }
        }
    }

    private static long deadlocks(JdbcTemplate jdbc) {
        return jdbc.queryForObject("select deadlocks from pg_stat_database where datname = current_database()", Long.class);
    }

    /** Samples, while the run measures, how many lock requests wait (pg_locks, readable without privileges), on one connection. */
    private static Thread lockSampler(JdbcTemplate jdbc, List<Long> samples, AtomicBoolean measuring) {
        return new Thread(() -> {
            try (Connection connection = jdbc.getDataSource().getConnection();
                 PreparedStatement waiting = connection.prepareStatement("select count(*) from pg_locks where not granted")) {
                while (measuring.get()) {
                    try (ResultSet row = waiting.executeQuery()) {
                        row.next();
                        samples.add(row.getLong(1));
                    }
                    Thread.sleep(LOCK_SAMPLE_MS);
                }
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException("the lock sampler stopped", e);
            }
        }, "lock-sampler");
    }

    /** The checks by SQL over everything the run committed, the warm-up's batches included. */
    private static String checks(JdbcTemplate jdbc) {
        Map<String, String> checks = new java.util.LinkedHashMap<>();
        List<Map<String, Object>> duplicateOrders = jdbc.queryForList(
                "select idempotency_key, count(*) from makegood_order group by 1 having count(*) > 1");
        checks.put("duplicate orders: `select idempotency_key, count(*) from makegood_order group by 1 having count(*) > 1`",
                duplicateOrders.size() + " rows");
        checks.put("avails whose `booked_remaining_ms − remaining_ms` ≠ the sum of their active reservations' `duration_ms`",
                count(jdbc, """
                        select count(*) from avail a where a.booked_remaining_ms - a.remaining_ms <> coalesce((
                            select sum(r.duration_ms) from makegood_reservation r where r.avail_id = a.id and r.released_at is null), 0)"""));
        checks.put("over-reserved avails: active reservations' `duration_ms` summing to more than `booked_remaining_ms`",
                count(jdbc, """
                        select count(*) from avail a where a.booked_remaining_ms < (
                            select sum(r.duration_ms) from makegood_reservation r where r.avail_id = a.id and r.released_at is null)"""));
        checks.put("placements overlapping another in the same avail", count(jdbc, """
                select count(*) from makegood_reservation r1 join makegood_reservation r2
                    on r1.avail_id = r2.avail_id and r1.order_id < r2.order_id
                 where r1.released_at is null and r2.released_at is null
                   and r1.start_at < r2.start_at + r2.duration_ms * interval '1 millisecond'
                   and r2.start_at < r1.start_at + r1.duration_ms * interval '1 millisecond'"""));
        checks.put("reservations sharing a product code with their avail's booked codes or another reservation there",
                count(jdbc, """
                        select count(*) from makegood_reservation r join avail a on a.id = r.avail_id
                         where r.released_at is null and (r.product_codes && a.booked_product_codes or exists (
                            select 1 from makegood_reservation o where o.avail_id = r.avail_id and o.order_id <> r.order_id
                               and o.released_at is null and o.product_codes && r.product_codes))"""));
        checks.put("TRIGGERED ratings without exactly one order", count(jdbc, """
                select count(*) from rating r where r.status = 'TRIGGERED'
                   and (select count(*) from makegood_order o where o.idempotency_key = r.idempotency_key) <> 1"""));
        checks.put("orders whose rating is not TRIGGERED, or whose result names another order", count(jdbc, """
                select count(*) from makegood_order o left join rating r on r.idempotency_key = o.idempotency_key
                 where r.status is distinct from 'TRIGGERED' or r.result -> 'order' ->> 'orderId' is distinct from o.order_id"""));
        checks.put("orders whose placements are not their reservations, or without their outbox entry", count(jdbc, """
                select count(*) from makegood_order o
                 where json_array_length(o.body -> 'placements') <> (select count(*) from makegood_reservation r where r.order_id = o.order_id)
                    or not exists (select 1 from makegood_outbox x where x.order_id = o.order_id)"""));
        String totals = jdbc.queryForObject("""
                select format('%s ratings stored (%s), %s orders, %s reservations in %s avails, %s avails with no room left',
                    (select count(*) from rating),
                    (select string_agg(status || ' ' || n, ', ' order by status) from (select status, count(*) n from rating group by 1) s),
                    (select count(*) from makegood_order), (select count(*) from makegood_reservation),
                    (select count(distinct avail_id) from makegood_reservation), (select count(*) from avail where remaining_ms = 0))""",
                String.class);
        StringBuilder table = new StringBuilder("| check | found |\n|---|---|\n");
        checks.forEach((check, found) -> table.append("| ").append(check).append(" | ").append(found).append(" |\n"));
        return table + "\n" + totals + ".";
    }

    private static String count(JdbcTemplate jdbc, String sql) {
        return String.valueOf(jdbc.queryForObject(sql, Long.class));
    }

    private static String report(String loaded, WarmUp.Done warmUp, long[] latencies, double seconds, String cpu, Tally tally, List<Long> lockWaits,
                                 long deadlocks, String slowest, String checks) {
        long batches = tally.batches.sum();
        String statuses = new TreeMap<>(tally.statuses).entrySet().stream()
                .map(e -> "%s %,d".formatted(e.getKey(), e.getValue().sum())).collect(Collectors.joining(", "));
        String reasons = new TreeMap<>(tally.reasons).entrySet().stream()
                .map(e -> "%s %,d".formatted(e.getKey(), e.getValue().sum())).collect(Collectors.joining(", "));
        String unexpected = tally.unexpected.isEmpty() ? "none" : new TreeMap<>(tally.unexpected).entrySet().stream()
                .map(e -> "%s: %,d".formatted(e.getKey(), e.getValue().sum())).collect(Collectors.joining("; "));
        double waiting = lockWaits.stream().mapToLong(Long::longValue).average().orElse(0);
        long maxWaiting = lockWaits.stream().mapToLong(Long::longValue).max().orElse(0);
        return """
                ## Ratings make-goods over HTTP

                %s: each market's avails spread over the next %d days (~%d a market a day), 60–180 s left of
                180 s, 0–2 booked product codes, 0.5–12 estimated GRPs. Each request is one `POST /api/v1/ratings` of %d
                payloads as the scheduler, in random order: %d within tolerance, %d triggered, %d quarantined (13 ways
                malformed), %d of them replays of payloads answered in earlier batches (%d within tolerance, %d triggered);
                DMA/LOCAL/NATIONAL/REGIONAL/NICHE, 50 markets, aired in the last 24 h, cure deadline airedEnd + 7 days
                (5 %%: + 10 days; 10 %%: none, so the 14-day default). %d concurrent clients for %d s, each batch's
                decision, answers, orders, reservations and outbox entries committed in its transaction. Before them a
                warm-up of the same batches until the JIT compilers are quiet (under %.0f %% of a core over a round of
                %.0f s, at least %.0f s, at most %.0f s; this run %s), on 50 markets of its own (W00–W49, as many
                avails, loaded the same way), so that the measured batches start from their inventory as loaded and
                with no rolling history. Latency is the HTTP exchange alone (the client makes the body before and reads the answer
                after); client, service and PostgreSQL share the machine.

                | batches | batches/s | payloads/s | p50 | p95 | p99 | max | errors |
                |---|---|---|---|---|---|---|---|
                | %,d | %.2f | %,.0f | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %d |

                Targets: ≥ 5,000 payloads/s, p99 per batch ≤ 250 ms. While measuring, the lock sampler included: %s.

                Answers in the measured batches: %s. Quarantine reasons: %s. Replays: %,d sent, %,d came back
                `duplicate: true`; %,d of them replayed a triggered payload, %,d with its first order. New payloads answered as
                duplicates: %d. Orders issued: %,d (order ids seen twice: %d). Answers other than the payload's kind: %s.
                Lock requests waiting (`pg_locks`, sampled every %d ms while measuring): %.1f on average, %d at most;
                deadlocks: %d.

                Where PostgreSQL's time went while measuring, the %d statements that took longest (`pg_stat_statements`:
                execution time, waits for locks included):

                %s

                Checked by SQL after the run, over the warm-up's markets and avails too:

                %s
                """.formatted(loaded, DAYS, AVAILS / MARKETS / DAYS, BATCH, NEW_WITHIN + REPLAYED_WITHIN,
                NEW_TRIGGERED + REPLAYED_TRIGGERED, NEW_QUARANTINED, REPLAYED_WITHIN + REPLAYED_TRIGGERED, REPLAYED_WITHIN,
                REPLAYED_TRIGGERED, CONCURRENCY, MEASURE_MS / 1000, WarmUp.QUIET_SHARE * 100, WarmUp.ROUND_MILLIS / 1000.0,
                WARM_UP_MIN_MS / 1000.0, WARM_UP_MAX_MS / 1000.0, warmUp.describe(),
                batches, batches / seconds, batches * BATCH / seconds,
                BenchmarkReport.percentile(latencies, 50) / 1e6, BenchmarkReport.percentile(latencies, 95) / 1e6,
                BenchmarkReport.percentile(latencies, 99) / 1e6, latencies[latencies.length - 1] / 1e6, tally.errors.sum(),
                cpu, statuses, reasons, tally.replays.sum(), tally.replaysDuplicate.sum(), tally.replayedOrders.sum(),
                tally.replayedOrdersSame.sum(), tally.newAnsweredDuplicate.sum(), tally.ordersIssued.sum(),
                tally.orderIdsSeenTwice.sum(), unexpected, LOCK_SAMPLE_MS, waiting, maxWaiting, deadlocks, TOP_STATEMENTS, slowest, checks)
                + (tally.firstError == null ? "" : "\nFirst error: " + tally.firstError.lines().findFirst().orElse("") + "\n");
    }
}
