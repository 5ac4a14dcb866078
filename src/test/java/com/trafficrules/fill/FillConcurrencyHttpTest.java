package com.trafficrules.fill;

import static com.trafficrules.fill.FillApi.asset;
import static com.trafficrules.fill.FillApi.block;
import static com.trafficrules.fill.FillApi.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.HttpTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Concurrent fills of one channel behave as if serialised: the play log never breaks a cooldown. */
@HttpTest
class FillConcurrencyHttpTest {

    private static final int THREADS = 8;
    private static final int BLOCKS_PER_THREAD = 3;
    private static final Instant FIRST_START = Instant.parse("2026-11-20T20:00:00Z");
    /** The defaults' commercial cooldown. */
    private static final Duration COOLDOWN = Duration.ofMinutes(60);

    @Autowired
    RestTestClient http;

    @Autowired
    JdbcTemplate jdbc;

    private record Play(UUID asset, Instant at) {
    }

    /**
     * Blocks of 22 minutes (a 60 s break, 20 min of programme, a 60 s break) starting every 5 minutes over
     * 25 minutes, so they overlap; four 30 s commercials, so fills compete for the same few assets.
     */
    private static Map<String, Object> overlappingBlock(int thread, int block) {
        Instant start = FIRST_START.plus(Duration.ofMinutes(5L * ((thread + block * 3) % 6)));
        return block(unique("blk-" + thread + "-" + block), start.toString())
                .placeholder(60_000).content("/shows/ep1.mp4", 1_200_000).placeholder(60_000).body();
    }

    @Test
    void eightThreadsFillingOverlappingBlocksNeverPlayAnAssetTwiceInsideItsCooldown() throws Exception {
        jdbc.update("delete from assets"); // suites share the database: a library of these four assets only
        String channel = unique("t");
        String prefix = "/ads/" + unique("busy");
        FillApi api = new FillApi(http);
        api.putAssets(asset(prefix + "-a.mp4", "commercial", 30_000), asset(prefix + "-b.mp4", "commercial", 30_000),
                asset(prefix + "-c.mp4", "commercial", 30_000), asset(prefix + "-d.mp4", "commercial", 30_000));

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Map<String, Object>>>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            workers.add(pool.submit(() -> {
                go.await();
                List<Map<String, Object>> fills = new ArrayList<>();
                for (int b = 0; b < BLOCKS_PER_THREAD; b++) {
                    fills.add(api.filled(channel, overlappingBlock(thread, b)));
                }
                return fills;
            }));
        }
        go.countDown();
        List<Map<String, Object>> fills = new ArrayList<>();
        for (Future<List<Map<String, Object>>> worker : workers) {
            fills.addAll(worker.get());
        }
        pool.shutdown();

        assertThat(fills).hasSize(THREADS * BLOCKS_PER_THREAD).allSatisfy(fill -> assertThat(fill).containsEntry("fallback", false));
        Map<UUID, List<Instant>> playsByAsset = jdbc.query(
                        "select asset_uuid, played_at from traffic_play_log where channel_slug = ? order by played_at", (row, i) ->
                                new Play(row.getObject("asset_uuid", UUID.class), row.getTimestamp("played_at").toInstant()), channel)
                .stream().collect(Collectors.groupingBy(Play::asset, Collectors.mapping(Play::at, Collectors.toList())));
        assertThat(playsByAsset).as("some breaks were filled from the library").isNotEmpty();
        playsByAsset.forEach((asset, times) -> {
            for (int i = 0; i < times.size(); i++) {
                for (int j = i + 1; j < times.size(); j++) {
                    assertThat(Duration.between(times.get(i), times.get(j)).abs())
                            .as("asset %s played at %s and %s", asset, times.get(i), times.get(j)).isGreaterThanOrEqualTo(COOLDOWN);
                }
            }
        });
    }
}
