package com.trafficrules.fill.playlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.fill.asset.AssetRepository;
import com.trafficrules.support.HttpTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A replica remembers the fill order of a limited number of channels. Each test has a memory of its own with a
 * small limit, over the real database. A play written straight into the order's table moves no counter, so a
 * fill sees it only when its memory of the channel is gone and the channel is read again.
 */
@HttpTest
class FillMemoryTest {

    private static final Instant PLAYED = Instant.parse("2026-11-20T19:00:00Z");

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlayLog playLog;

    @Autowired
    AssetRepository assets;

    private final String prefix = "memory-" + UUID.randomUUID().toString().substring(0, 8);
    private UUID asset;

    @BeforeEach
    void anAsset() {
        asset = jdbc.queryForObject("insert into assets (uri, type, duration_ms) values (?, 'promo', 10000) returning uuid",
                UUID.class, "/promos/" + prefix + ".mp4");
    }

    /** Suites share the database; the asset's rows in the order's table go with it. */
    @AfterEach
    void withoutTheAsset() {
        jdbc.update("delete from assets where uuid = ?", asset);
    }

    private List<String> channels(int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
    }

    /** What a fill of the channel would take the asset's latest play to be: null when never played. */
    private Long latestPlayAFillSees(FillMemory memory, String channel) {
        try (FillMemory.Hold held = memory.hold(channel, 1_000)) {
            held.catchUp();
            return held.order().latestPlayMs(asset);
        }
    }

    /** A play of the asset in the order's table, behind the play log's back: the channel's counter stays. */
    private void playedUncounted(String channel) {
        jdbc.update("insert into channel_asset_last_play (channel_slug, asset_uuid, last_played_at) values (?, ?, ?)",
                channel, asset, Timestamp.from(PLAYED));
    }

    @Test
    void aFreshMemorySeesThePlayWrittenPastTheCounter() {
        String channel = channels(1).get(0);
        playedUncounted(channel);

        assertThat(latestPlayAFillSees(new FillMemory(jdbc, playLog, assets, 2), channel)).isEqualTo(PLAYED.toEpochMilli());
    }

    /** A memory of at most two channels that filled each of these once; each has since played uncounted. */
    private FillMemory filledThenPlayedUncounted(List<String> channels) {
        FillMemory memory = new FillMemory(jdbc, playLog, assets, 2);
        channels.forEach(channel -> latestPlayAFillSees(memory, channel));
        channels.forEach(this::playedUncounted);
        return memory;
    }

    @Test
    void asManyChannelsAsTheLimitAreAllRemembered() {
        List<String> channels = channels(2);

        FillMemory memory = filledThenPlayedUncounted(channels);

        assertThat(channels).allSatisfy(channel -> assertThat(latestPlayAFillSees(memory, channel)).isNull());
    }

    @Test
    void oneChannelMoreThanTheLimitIsReadAgain() {
        List<String> channels = channels(3);

        FillMemory memory = filledThenPlayedUncounted(channels);

        // Caffeine picks which to forget; one read again is remembered in turn and may push out another.
        assertThat(channels.stream().map(channel -> latestPlayAFillSees(memory, channel)).filter(Objects::nonNull))
                .isNotEmpty().allSatisfy(seen -> assertThat(seen).isEqualTo(PLAYED.toEpochMilli()));
    }
}
