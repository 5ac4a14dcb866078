package com.trafficrules.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.trafficrules.TrafficRulesApplication;
import com.trafficrules.bench.RatingsFeed.Kind;
import com.trafficrules.bench.SoakFigures.Activation;
import com.trafficrules.bench.SoakFigures.Answer;
import com.trafficrules.bench.SoakFigures.Collection;
import com.trafficrules.bench.SoakFigures.PoolSample;
import com.trafficrules.engine.RulesetFiles;
import com.trafficrules.support.SchemaOwner;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The soak (issue #13, part 5). Run: {@code bin/soak [duration] [validate=5] [fill=20] [ratings=2] [reconciliation=2]
 * [bucket=30s] [warmup=60s]}: rates in requests per second (0 leaves an endpoint out), durations written {@code 10m},
 * {@code 90s} or {@code 1h30m}; the default is 10 minutes. Writes docs/soak.md and docs/soak.png.
 *
 * <p>The service runs in this JVM, with the service's JVM options, on an embedded PostgreSQL of its own, durable as in
 * production. After a warm-up over which the rates climb linearly to their full values, each endpoint is sent requests
 * open-loop: at its fixed rate whether or not the earlier ones have been answered, each request's latency running from
 * when it was due, so that a stall counts against every request due during it instead of slowing the load down (as a
 * closed loop of clients would). Every minute a ruleset version is
 * proposed, approved by a second user and activated. Recorded meanwhile: each request's latency and outcome, the heap
 * after every garbage collection, and each second the pool's connections, the database's sessions and the CPU.
 */
public final class Soak {

    /** The endpoints under load, with their default rates: in docs/soak.md's run the JVM (service and client) used 10–25 % of two cores. */
    enum Endpoint {
        VALIDATE("validate", "POST /api/v1/rotation/validate", 5,
                "one channel-day of 576 spots (`NetworkDay`, 8 bodies in turn)"),
        FILL("fill", "POST /api/v1/channels/{slug}/blocks/fill", 20,
                "a new block of one 120 s placeholder, 100 channels in turn, from 2,000 assets (`FillBenchmark`'s)"),
        RATINGS("ratings", "POST /api/v1/ratings", 2,
                "100 new payloads: 70 within tolerance, 25 triggered, 5 quarantined (`RatingsFeed`), into 100,000 avails"),
        RECONCILIATION("reconciliation", "POST /api/v1/reconciliations", 2,
                "a channel-day of 600 planned rows and their as-run rows (`ReconciliationBenchmark`'s), 200 channels in turn");

        final String key;
        final String path;
        final double defaultRate;
        /** What each request carries, for the report. */
        final String load;

        Endpoint(String key, String path, double defaultRate, String load) {
            this.key = key;
            this.path = path;
            this.defaultRate = defaultRate;
            this.load = load;
        }
    }

    /** How long the soak runs, how finely it reports, and how fast each endpoint is sent requests (per second). */
    record Settings(Duration duration, Duration bucket, Duration warmup, Map<Endpoint, Double> rates) {

        static final String USAGE = "usage: bin/soak [duration, e.g. 10m or 90s] [validate=5] [fill=20] [ratings=2] "
                + "[reconciliation=2] [bucket=30s] [warmup=60s]";

        static Settings of(String[] args) {
            Duration duration = Duration.ofMinutes(10);
            Duration bucket = Duration.ofSeconds(30);
            Duration warmup = Duration.ofSeconds(60);
            Map<Endpoint, Double> rates = new EnumMap<>(Endpoint.class);
            for (Endpoint endpoint : Endpoint.values()) {
                rates.put(endpoint, endpoint.defaultRate);
            }
            for (String arg : args) {
                int equals = arg.indexOf('=');
                if (equals < 0) {
                    duration = duration(arg);
                    continue;
                }
                String key = arg.substring(0, equals);
                String value = arg.substring(equals + 1);
                switch (key) {
                    case "bucket" -> bucket = duration(value);
                    case "warmup" -> warmup = duration(value);
                    default -> rates.put(endpoint(key), rate(key, value));
                }
            }
            if (duration.isZero() || bucket.isZero()) {
                throw new IllegalArgumentException("The duration and the bucket must be longer than 0. " + USAGE);
            }
            return new Settings(duration, bucket, warmup, rates);
        }

        private static Duration duration(String text) {
            try {
                Duration duration = Duration.parse("PT" + text.toUpperCase(Locale.ROOT));
                if (duration.isNegative()) {
                    throw new IllegalArgumentException("A negative duration: " + text + ". " + USAGE);
                }
                return duration;
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Not a duration: " + text + " (e.g. 10m, 90s, 1h30m). " + USAGE, e);
            }
        }

        private static Endpoint endpoint(String key) {
            for (Endpoint endpoint : Endpoint.values()) {
                if (endpoint.key.equals(key)) {
                    return endpoint;
                }
            }
            throw new IllegalArgumentException("Unknown setting " + key + ". " + USAGE);
        }

        private static double rate(String key, String value) {
            double rate = Double.parseDouble(value);
            if (!(rate >= 0)) {
                throw new IllegalArgumentException(key + " must be 0 or more requests per second. " + USAGE);
            }
            return rate;
        }
    }

    /** What one endpoint is sent, request by request, and why an answer counts as an error (null: it does not). */
    private record Traffic(LongFunction<Request> request, Function<HttpResponse<String>, String> error) {
    }

    private record Request(URI uri, byte[] body) {
    }

    /** A ruleset activation every minute, the first half a minute in: they fall in every other 30 s bucket. */
    static final Duration FIRST_ACTIVATION = Duration.ofSeconds(30);
    static final Duration ACTIVATION_EVERY = Duration.ofMinutes(1);
    /** Enough senders that requests wait for the service, not for a free sender, through a stall of several seconds. */
    static final int SENDERS = 64;
    /** How long answers are waited for once the last request is sent; whatever is still open then is an error. */
    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(1);
    private static final int VALIDATE_BODIES = 8;
    private static final int RATINGS_BATCH = 100;
    /** Of each ratings batch, as in the make-goods benchmark: 70 % within tolerance, 25 % triggered, the rest quarantined. */
    private static final int RATINGS_WITHIN = 70;
    private static final int RATINGS_TRIGGERED = 25;
    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("scheduler:scheduler".getBytes(StandardCharsets.UTF_8));
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Spot ids are new on every run. */
    private static final String RUN = "soak-" + Long.toString(System.currentTimeMillis(), 36);

    private final URI base;
    private final Settings settings;
    private final SoakFigures figures;
    private final HikariPoolMXBean pool;
    private final JdbcTemplate owner;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private Soak(URI base, Settings settings, SoakFigures figures, HikariPoolMXBean pool, JdbcTemplate owner) {
        this.base = base;
        this.settings = settings;
        this.figures = figures;
        this.pool = pool;
        this.owner = owner;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.of(args);
        // Command-line arguments: they outrank the test application.yaml on the classpath, which is not durable.
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TrafficRulesApplication.class).run(
                "--server.port=0", "--traffic.embedded-db.data-dir=target/soak-postgres", "--traffic.embedded-db.clean=true",
                "--traffic.embedded-db.isolate=false", "--traffic.embedded-db.durable=true", "--logging.level.root=WARN",
                "--logging.level.com.trafficrules=WARN")) {
            // The fills' asset library and the make-goods' inventory, loaded as the benchmarks load them.
            JdbcTemplate owner = SchemaOwner.jdbc(app);
            FillBenchmark.loadAssets(owner);
            String avails = MakegoodBenchmark.loadAvails(owner);
            System.out.println("Loaded 2,000 assets; " + avails + ".");
            URI base = URI.create("http://localhost:" + app.getEnvironment().getProperty("local.server.port"));
            SoakFigures figures = new SoakFigures(settings);
            new Soak(base, settings, figures, app.getBean(HikariDataSource.class).getHikariPoolMXBean(), owner).run();
            figures.write(Path.of("docs/soak.md"), Path.of("docs/soak.png"), BenchmarkReport.machine());
            System.out.println(figures.summary());
        }
    }

    private void run() throws Exception {
        Map<Endpoint, Traffic> traffic = traffic();
        long liveBefore = liveHeap();
        long origin = System.nanoTime() + settings.warmup().toNanos();
        long end = origin + settings.duration().toNanos();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        ExecutorService pacing = Executors.newCachedThreadPool();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        System.out.printf("Warming up for %s, then soaking for %s.%n", settings.warmup(), settings.duration());
        try (AutoCloseable collections = watchCollections(origin);
             Connection connection = owner.getDataSource().getConnection();
             PreparedStatement sessions = connection.prepareStatement(
                     "select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()")) {
            sampler.scheduleAtFixedRate(() -> sample(origin, sessions), 0, SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            List<Future<?>> loops = new ArrayList<>();
            traffic.forEach((endpoint, endpointTraffic) -> loops.add(pacing.submit(
                    pace(endpoint, endpointTraffic, origin - settings.warmup().toNanos(), origin, end, senders))));
            loops.add(pacing.submit(activations(origin, end)));
            for (Future<?> loop : loops) {
                loop.get();
            }
            senders.shutdown();
            if (!senders.awaitTermination(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                // Interrupted sends are recorded as unanswered; requests never started stay due without an answer.
                senders.shutdownNow();
                senders.awaitTermination(5, TimeUnit.SECONDS);
            }
            sampler.shutdown();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
        } finally {
            pacing.shutdownNow();
            senders.shutdownNow();
            sampler.shutdownNow();
        }
        figures.liveHeap(liveBefore, liveHeap());
    }

    /** The request builders of the benchmarks, one stream of requests per endpoint with a rate above 0. */
    private Map<Endpoint, Traffic> traffic() {
        NetworkDay day = new NetworkDay(20261120L);
        List<byte[]> channelDays = IntStream.range(0, VALIDATE_BODIES)
                .mapToObj(c -> JSON.writeValueAsBytes(day.channelDay("retro-prime", c))).toList();
        URI validate = base.resolve("/api/v1/rotation/validate");
        RatingsFeed feed = new RatingsFeed(RUN, MakegoodBenchmark.MEASURED_MARKETS, MakegoodBenchmark.MARKETS);
        URI ratings = base.resolve("/api/v1/ratings");
        URI reconciliations = base.resolve("/api/v1/reconciliations");
        Map<Endpoint, Traffic> all = Map.of(
                Endpoint.VALIDATE, new Traffic(n -> new Request(validate, channelDays.get((int) (n % VALIDATE_BODIES))), Soak::notOk),
                Endpoint.FILL, new Traffic(n -> new Request(FillBenchmark.blockUri(base, (int) n),
                        FillBenchmark.blockBody((int) n).getBytes(StandardCharsets.UTF_8)), Soak::notFilled),
                Endpoint.RATINGS, new Traffic(n -> new Request(ratings, ratingsBatch(feed, n)), Soak::notOk),
                // A body of its own for each run (the same bytes again would be answered from the earlier run).
                Endpoint.RECONCILIATION, new Traffic(n -> new Request(reconciliations, ReconciliationBenchmark.channelDay(
                        (int) (n % ReconciliationBenchmark.CHANNELS), RUN + "-" + n, new long[1])), Soak::notOk));
        Map<Endpoint, Traffic> running = new EnumMap<>(Endpoint.class);
        all.forEach((endpoint, traffic) -> {
            if (settings.rates().get(endpoint) > 0) {
                running.put(endpoint, traffic);
            }
        });
        return running;
    }

    /** Batch {@code number}: {@value #RATINGS_BATCH} new payloads. */
    private static byte[] ratingsBatch(RatingsFeed feed, long number) {
        SplittableRandom random = new SplittableRandom(number);
        Instant now = Instant.now();
        StringJoiner body = new StringJoiner(",", "{\"payloads\":[", "]}");
        for (int i = 0; i < RATINGS_BATCH; i++) {
            Kind kind = i < RATINGS_WITHIN ? Kind.WITHIN : i < RATINGS_WITHIN + RATINGS_TRIGGERED ? Kind.TRIGGERED : Kind.QUARANTINED;
            body.add(feed.payload(kind, number * RATINGS_BATCH + i, now, random));
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String notOk(HttpResponse<String> response) {
        return response.statusCode() == 200 ? null : "HTTP " + response.statusCode();
    }

    /** A fill never fails with a 5xx: it answers with its static filler and {@code fallback: true} instead. */
    private static String notFilled(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return notOk(response);
        }
        JsonNode fill = JSON.readTree(response.body());
        if (!fill.get("fallback").asBoolean()) {
            return null;
        }
        // The reason's head (an exception's name) groups the errors; its tail carries counts that differ every time.
        String reason = fill.get("fallbackReason").asString();
        return "fallback: " + (reason.contains(":") ? reason.substring(0, reason.indexOf(':')) : reason);
    }

    /**
     * Sends request n of {@code endpoint} when it is due ({@link #dueAfterStart}) from {@code from} until {@code until};
     * each is built before it is due and sent by one of the senders, so neither building it nor an unanswered request
     * before it holds it up.
     */
    private Callable<Void> pace(Endpoint endpoint, Traffic traffic, long from, long origin, long until, ExecutorService senders) {
        double rate = settings.rates().get(endpoint);
        long warmup = settings.warmup().toNanos();
        return () -> {
            for (long n = 0; from + dueAfterStart(n, rate, warmup) < until; n++) {
                long due = from + dueAfterStart(n, rate, warmup);
                Request request = traffic.request().apply(n);
                sleepUntil(due);
                figures.due(endpoint, due - origin);
                senders.execute(() -> send(endpoint, traffic, request, due, origin));
            }
            return null;
        };
    }

    /**
     * When request n is due, in nanoseconds from the start of the warm-up: the rate climbs linearly from 0 to
     * {@code perSecond} over the warm-up, so that the JIT warms up under load rather than a cold service meeting the
     * full rates at once (its first seconds are slower), and stays there after it.
     */
    static long dueAfterStart(long n, double perSecond, long warmupNanos) {
        double perNano = perSecond / 1e9;
        // Sent during the ramp: the area under the rate's line, rate × warm-up / 2.
        double ramped = perNano * warmupNanos / 2;
        return n < ramped ? Math.round(Math.sqrt(2.0 * warmupNanos * n / perNano)) : warmupNanos + Math.round((n - ramped) / perNano);
    }

    private void send(Endpoint endpoint, Traffic traffic, Request request, long due, long origin) {
        String error;
        try {
            error = traffic.error().apply(LoadRun.send(client, request.uri(), AUTH, request.body()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "no answer " + DRAIN.toSeconds() + " s after the end";
        } catch (Exception e) {
            error = e.getClass().getSimpleName();
        }
        figures.answered(new Answer(endpoint, due - origin, System.nanoTime() - due, error));
    }

    /**
     * Every minute: a version proposed by manager (the shipped files with a new comment in one DRL, so a new hash),
     * approved by approver, activated, and a validation waited for that the new version answers. One more at the start
     * of the warm-up, not counted: the first activation in a JVM loads and JIT-compiles the rule compiler.
     */
    private Callable<Void> activations(long origin, long end) throws Exception {
        GovernanceBenchmark governance = GovernanceBenchmark.on(base);
        String overlap = RulesetFiles.fromDirectory(Path.of(".")).all().get(GovernanceBenchmark.OVERLAP);
        List<Long> times = new ArrayList<>(List.of(origin - settings.warmup().toNanos()));
        for (long at = origin + FIRST_ACTIVATION.toNanos(); at < end; at += ACTIVATION_EVERY.toNanos()) {
            times.add(at);
        }
        return () -> {
            for (int n = 0; n < times.size(); n++) {
                long at = times.get(n);
                sleepUntil(at);
                try {
                    GovernanceBenchmark.Run run = governance.proposeToActive(RUN + " activation " + n,
                            Map.of(GovernanceBenchmark.OVERLAP, overlap + "\n// " + RUN + " activation " + n + "\n"));
                    figures.activated(new Activation(at - origin, run, null));
                } catch (Exception e) {
                    figures.activated(new Activation(at - origin, null, whyNotActivated(e)));
                }
            }
            return null;
        };
    }

    /** Why an activation failed, in a line: for a refused proposal its problem's detail and why its checks stopped, not its files. */
    private static String whyNotActivated(Exception e) {
        String message = String.valueOf(e.getMessage());
        int body = message.indexOf('{');
        if (body < 0) {
            return message.lines().findFirst().orElse("");
        }
        JsonNode problem = JSON.readTree(message.substring(body));
        JsonNode stopped = problem.path("ruleset").path("checks").path("stopped");
        return message.substring(0, body).strip() + " " + problem.path("detail").asString("")
                + (stopped.isString() ? "; " + stopped.asString() : "");
    }

    /** Records each collection with the heap and the old generation after it, until closed. */
    private AutoCloseable watchCollections(long origin) {
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        NotificationListener listener = (notification, handback) -> {
            if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                return;
            }
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            Map<String, MemoryUsage> after = info.getGcInfo().getMemoryUsageAfterGc();
            long heap = 0;
            long oldGeneration = 0;
            for (String pool : heapPools) {
                heap += after.get(pool).getUsed();
                // ParallelGC's "PS Old Gen" (G1's "G1 Old Gen", Serial's "Tenured Gen").
                if (pool.endsWith("Old Gen") || pool.equals("Tenured Gen")) {
                    oldGeneration += after.get(pool).getUsed();
                }
            }
            figures.collected(new Collection(System.nanoTime() - origin, info.getGcName(), info.getGcAction().equals("end of major GC"),
                    info.getGcCause(), heap, oldGeneration, info.getGcInfo().getDuration()));
        };
        List<NotificationEmitter> collectors = new ArrayList<>();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            NotificationEmitter emitter = (NotificationEmitter) collector;
            emitter.addNotificationListener(listener, null, null);
            collectors.add(emitter);
        }
        return () -> {
            for (NotificationEmitter emitter : collectors) {
                emitter.removeNotificationListener(listener);
            }
        };
    }

    private void sample(long origin, PreparedStatement sessions) {
        try (ResultSet row = sessions.executeQuery()) {
            row.next();
            long now = System.nanoTime() - origin;
            figures.sampled(new PoolSample(now, pool.getActiveConnections(), pool.getTotalConnections(),
                    pool.getThreadsAwaitingConnection(), row.getLong(1), os.getProcessCpuLoad(), os.getCpuLoad(), os.getSystemLoadAverage()));
            figures.progress(now).ifPresent(System.out::println);
        } catch (SQLException e) {
            // A missed sample is a gap in the figures; the soak goes on.
            System.out.println("Sample failed: " + e.getMessage());
        }
    }

    /** Parks until {@code System.nanoTime()} reaches {@code due}: to the tens of microseconds, where a sleep rounds to milliseconds. */
    private static void sleepUntil(long due) throws InterruptedException {
        for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** The heap used right after a full collection: what is live, as near as the JVM tells. */
    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
