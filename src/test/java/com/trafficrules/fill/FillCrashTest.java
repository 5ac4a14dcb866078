package com.trafficrules.fill;

import static com.trafficrules.fill.FillApi.asset;
import static com.trafficrules.fill.FillApi.block;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.ServiceProcess;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.Driver;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.ResourceAccessException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Crash safety of the feed-time fill, measured. The service runs as a process of its own on its embedded PostgreSQL
 * (durable, as shipped), clients fill blocks on several channels, and the service is killed with SIGKILL at a seeded
 * moment in the middle of it; then it is started again on the same data directory, and the database is asked what
 * became of every block the clients sent. One crash for the whole class: each test judges one part of its aftermath.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FillCrashTest {

    /** Where the kill falls; {@code -Dtraffic.crash.seed=…} tries another moment. */
    private static final long SEED = Long.getLong("traffic.crash.seed", 13);
    private static final List<String> CHANNELS = List.of("crash-one", "crash-two", "crash-three");
    /** Two clients per channel, so fills of one channel also wait for each other's lock when the kill comes. */
    private static final int CLIENTS_PER_CHANNEL = 2;
    /** Bounds of the load, whatever happens: fills per client, and how long the kill may wait for its moment. */
    private static final int MAX_FILLS_PER_CLIENT = 500;
    private static final Duration LOAD_AT_MOST = Duration.ofSeconds(60);
    /** Three hours between a channel's blocks: more than any cooldown, so every block has assets to play. */
    private static final Duration BLOCK_SPACING = Duration.ofHours(3);
    private static final Instant FIRST_BLOCK = Instant.parse("2027-01-04T00:00:00Z");
    private static final List<String> LIBRARY = IntStream.range(0, 12).mapToObj(i -> "/crash/ad-" + i + ".mp4").toList();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Static: JUnit hands a per-class test instance its temporary directory only after @BeforeAll. */
    @TempDir
    static Path work;

    private ServiceProcess service;
    /** Every block a client sent, by channel and block id, with the body it sent. */
    private final Map<BlockKey, Map<String, Object>> sent = new ConcurrentHashMap<>();
    /** The stored-fill answers (200, not a fallback) the clients got before the kill. */
    private final Map<BlockKey, Map<?, ?>> acknowledged = new ConcurrentHashMap<>();
    private final AtomicInteger fallbacks = new AtomicInteger();
    private Aftermath afterRestart;

    record BlockKey(String channel, String blockId) {
    }

    @BeforeAll
    void fillKillAndRestart() throws Exception {
        service = ServiceProcess.start(work.resolve("service.log"), Map.of(),
                "--traffic.embedded-db.data-dir=" + dataDir(),
                // The crash is of fills; no proposal is checked, so no check worker needs to be kept warm.
                "--traffic.rules.check.prestart=false");
        service.http("scheduler").put().uri("/api/v1/assets").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("assets", LIBRARY.stream().map(uri -> asset(uri, "commercial", 15_000)).toList()))
                .retrieve().toBodilessEntity();

        Random random = new Random(SEED);
        int killAfter = 30 + random.nextInt(50);
        long thenMs = random.nextInt(20);
        RestClient http = service.http("scheduler");
        ExecutorService clients = Executors.newFixedThreadPool(CHANNELS.size() * CLIENTS_PER_CHANNEL);
        List<Future<?>> running = new ArrayList<>();
        for (String channel : CHANNELS) {
            for (int client = 0; client < CLIENTS_PER_CHANNEL; client++) {
                int number = client;
                running.add(clients.submit(() -> fillUntilTheServiceIsGone(http, channel, number)));
            }
        }
        awaitAcknowledged(killAfter);
        Thread.sleep(thenMs);
        assertThat(service.kill()).as("exit status: killed by SIGKILL").isEqualTo(ServiceProcess.KILLED);
        clients.shutdown();
        for (Future<?> client : running) {
            // Any answer but the lost connection (a 4xx or 5xx) fails here.
            client.get(60, TimeUnit.SECONDS);
        }

        // zonky's pg_ctl start detached the postmaster: the kill did not reach it, and it still holds the data directory.
        Optional<ProcessHandle> leftover = postmaster();
        System.out.printf("Fill crash (seed %d): killed after %d acknowledged fills + %d ms; its postmaster %s%n", SEED,
                killAfter, thenMs, leftover.map(p -> "(pid " + p.pid() + ") outlived it").orElse("did not outlive it"));

        service = service.startAgain();
        leftover.ifPresent(process -> assertThat(process.isAlive()).as("the restart stopped the postmaster left running").isFalse());
        afterRestart = Aftermath.read(database(), sent.keySet());
        System.out.printf("Fill crash (seed %d): sent=%d, acknowledged=%d, fallback answers=%d, found=%d, duplicated=%d, "
                        + "partial=%d; unanswered=%d, of which committed=%d%n", SEED, sent.size(), acknowledged.size(),
                fallbacks.get(), found(afterRestart), afterRestart.duplicated().size(), afterRestart.partial().size(),
                sent.size() - acknowledged.size() - fallbacks.get(), unansweredButStored(afterRestart));
    }

    @AfterAll
    void stopTheServiceAndWhatItLeft() throws IOException {
        if (service != null) {
            service.close();
        }
        // Should the restart have failed, the killed service's postmaster would still run: nothing else stops it.
        postmaster().ifPresent(ProcessHandle::destroy);
    }

    /** One client: blocks of its own on its channel, one after the other, until the service stops answering. */
    private void fillUntilTheServiceIsGone(RestClient http, String channel, int client) {
        for (int i = 0; i < MAX_FILLS_PER_CLIENT; i++) {
            BlockKey key = new BlockKey(channel, "blk-" + client + "-" + i);
            Instant start = FIRST_BLOCK.plus(BLOCK_SPACING.multipliedBy((long) i * CLIENTS_PER_CHANNEL + client));
            Map<String, Object> body = block(key.blockId(), start.toString()).content("/shows/crash.mp4", 300_000)
                    .placeholder(60_000).content("/shows/crash.mp4", 300_000).placeholder(60_000).body();
            sent.put(key, body);
            Map<?, ?> answer;
            try {
                answer = fill(http, key, body);
            } catch (ResourceAccessException killed) {
                return;
            }
            if (Boolean.TRUE.equals(answer.get("fallback"))) {
                fallbacks.incrementAndGet();
            } else {
                acknowledged.put(key, answer);
            }
        }
    }

    private static Map<?, ?> fill(RestClient http, BlockKey key, Map<String, Object> body) {
        return http.post().uri("/api/v1/channels/{slug}/blocks/fill", key.channel()).contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().body(Map.class);
    }

    private void awaitAcknowledged(int count) throws InterruptedException {
        long deadline = System.nanoTime() + LOAD_AT_MOST.toNanos();
        while (acknowledged.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    @Test
    void everyAcknowledgedFillIsStoredWithItsPlaysAndItsDecision() {
        assertThat(acknowledged).as("fills acknowledged before the kill").isNotEmpty();

        assertThat(found(afterRestart)).as("acknowledged fills found whole, as answered").isEqualTo(acknowledged.size());
    }

    @Test
    void noBlockIsStoredTwice() {
        assertThat(afterRestart.duplicated()).as("blocks with a second transmission row, decision or play").isEmpty();
    }

    @Test
    void noBlockIsLeftHalfWritten() {
        assertThat(afterRestart.partial()).as("blocks with some of their rows but not all").isEmpty();
    }

    /**
     * Every block again, as playout retries after a restart: an acknowledged one gets the very answer it got before
     * the kill, and one whose answer the kill cut off gets a fill, stored once, whether or not it had committed.
     */
    @Test
    void aBlockSentAgainAfterTheRestartGetsItsStoredFillBackAndNoSecondOne() {
        RestClient http = service.http("scheduler");
        Map<BlockKey, Map<?, ?>> answers = new HashMap<>();
        sent.forEach((key, body) -> answers.put(key, fill(http, key, body)));
        Aftermath afterResending = Aftermath.read(database(), sent.keySet());
        long sameAnswer = acknowledged.entrySet().stream().filter(ack -> sameFill(ack.getValue(), answers.get(ack.getKey()))).count();
        System.out.printf("Fill crash (seed %d), every block sent again: resent=%d, acknowledged answered the same=%d of %d, "
                        + "stored whole=%d, duplicated=%d, partial=%d%n", SEED, answers.size(), sameAnswer, acknowledged.size(),
                afterResending.whole().size(), afterResending.duplicated().size(), afterResending.partial().size());

        assertThat(sameAnswer).as("acknowledged blocks answered as before").isEqualTo(acknowledged.size());
        assertThat(afterResending.whole()).as("blocks stored whole").containsExactlyInAnyOrderElementsOf(sent.keySet());
        assertThat(afterResending.duplicated()).as("blocks stored twice").isEmpty();
        assertThat(afterResending.partial()).as("blocks half written").isEmpty();
    }

    /** Acknowledged fills stored whole and as they were answered. */
    private long found(Aftermath aftermath) {
        return acknowledged.entrySet().stream()
                .filter(ack -> aftermath.whole().contains(ack.getKey()) && sameFill(ack.getValue(), aftermath.stored().get(ack.getKey())))
                .count();
    }

    private long unansweredButStored(Aftermath aftermath) {
        return aftermath.whole().stream().filter(key -> !acknowledged.containsKey(key)).count();
    }

    private static boolean sameFill(Map<?, ?> answer, Map<?, ?> other) {
        return other != null && answer.get("decisionId").equals(other.get("decisionId"))
                && answer.get("segments").equals(other.get("segments"));
    }

    /**
     * What the database holds of each block sent, read as the superuser of the embedded PostgreSQL (its password is
     * kept in the data directory, its port in postmaster.pid).
     *
     * @param stored     each stored block's answer, from its transmission row
     * @param whole      blocks with one transmission row, the one decision it names and exactly its plays
     * @param duplicated blocks with a second transmission row, a second decision or a play logged twice
     * @param partial    blocks with some of those rows but not all, and not duplicated
     */
    record Aftermath(Map<BlockKey, Map<?, ?>> stored, Set<BlockKey> whole, Set<BlockKey> duplicated, Set<BlockKey> partial) {

        static Aftermath read(JdbcTemplate database, Set<BlockKey> sent) {
            Map<BlockKey, List<Map<?, ?>>> transmissions = group(database.query(
                    "select channel_slug, block_id, response::text from transmission_log",
                    (row, i) -> Map.entry(new BlockKey(row.getString(1), row.getString(2)),
                            (Map<?, ?>) JSON.readValue(row.getString(3), Map.class))));
            Map<BlockKey, List<String>> decisions = group(database.query(
                    "select channel, request->>'blockId', id::text from decision where kind = 'fill'",
                    (row, i) -> Map.entry(new BlockKey(row.getString(1), row.getString(2)), row.getString(3))));
            Map<BlockKey, List<String>> plays = group(database.query(
                    "select channel_slug, block_id, asset_uri, played_at from traffic_play_log",
                    (row, i) -> Map.entry(new BlockKey(row.getString(1), row.getString(2)),
                            play(row.getString(3), row.getTimestamp(4).toInstant()))));
            Map<BlockKey, Map<?, ?>> stored = new HashMap<>();
            Set<BlockKey> whole = new HashSet<>();
            Set<BlockKey> duplicated = new HashSet<>();
            Set<BlockKey> partial = new HashSet<>();
            for (BlockKey key : sent) {
                List<Map<?, ?>> rows = transmissions.getOrDefault(key, List.of());
                List<String> decided = decisions.getOrDefault(key, List.of());
                List<String> played = plays.getOrDefault(key, List.of());
                if (rows.size() == 1) {
                    stored.put(key, rows.get(0));
                }
                if (rows.size() > 1 || decided.size() > 1 || new HashSet<>(played).size() < played.size()) {
                    duplicated.add(key);
                } else if (rows.size() == 1 && decided.equals(List.of(rows.get(0).get("decisionId")))
                        && new HashSet<>(played).equals(plays(rows.get(0)))) {
                    whole.add(key);
                } else if (!rows.isEmpty() || !decided.isEmpty() || !played.isEmpty()) {
                    partial.add(key);
                }
            }
            return new Aftermath(stored, whole, duplicated, partial);
        }

        private static <T> Map<BlockKey, List<T>> group(List<Map.Entry<BlockKey, T>> rows) {
            Map<BlockKey, List<T>> grouped = new HashMap<>();
            rows.forEach(row -> grouped.computeIfAbsent(row.getKey(), key -> new ArrayList<>()).add(row.getValue()));
            return grouped;
        }

        /** The plays a stored answer logs: its segments from the library (not the programme, pads or static filler). */
        private static Set<String> plays(Map<?, ?> answer) {
            Set<String> plays = new HashSet<>();
            for (Object segment : (List<?>) answer.get("segments")) {
                Map<?, ?> item = (Map<?, ?>) segment;
                if (item.get("breakIndex") != null && LIBRARY.contains(item.get("assetUri"))) {
                    plays.add(play((String) item.get("assetUri"), Instant.parse((String) item.get("start"))));
                }
            }
            return plays;
        }

        private static String play(String assetUri, Instant at) {
            return assetUri + " at " + at;
        }
    }

    private Path dataDir() {
        return work.resolve("postgres");
    }

    private JdbcTemplate database() {
        try (Reader passwords = Files.newBufferedReader(dataDir().resolve("traffic-roles.properties"), StandardCharsets.UTF_8)) {
            Properties kept = new Properties();
            kept.load(passwords);
            // postmaster.pid: line 4 is the port.
            String port = Files.readAllLines(dataDir().resolve("postmaster.pid")).get(3).trim();
            return new JdbcTemplate(new SimpleDriverDataSource(new Driver(), "jdbc:postgresql://localhost:" + port + "/traffic",
                    "postgres", kept.getProperty("superuser")));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read how to reach the embedded PostgreSQL in " + dataDir(), e);
        }
    }

    /** The postmaster that postmaster.pid names, if it runs. */
    private Optional<ProcessHandle> postmaster() throws IOException {
        Path pidFile = dataDir().resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim())).filter(ProcessHandle::isAlive);
    }
}
