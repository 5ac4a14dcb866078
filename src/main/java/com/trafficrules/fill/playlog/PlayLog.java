package com.trafficrules.fill.playlog;

import com.trafficrules.database.InstantArrays;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToLongFunction;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code traffic_play_log}: every play on every channel. Reads go through its two indexes,
 * (channel_slug, played_at) and (channel_slug, asset_uuid, played_at) — never the whole log.
 */
@Repository
public class PlayLog {

    /**
     * The nearest plays of some assets before and after one break's air time: two probes of the
     * (channel_slug, asset_uuid, played_at) index per asset.
     */
    static final String NEAREST = """
            select u.uuid,
                   (select max(p.played_at) from traffic_play_log p
                     where p.channel_slug = ? and p.asset_uuid = u.uuid and p.played_at <= ?) as last_before,
                   (select min(p.played_at) from traffic_play_log p
                     where p.channel_slug = ? and p.asset_uuid = u.uuid and p.played_at > ?) as first_after
              from unnest(?::uuid[]) as u(uuid)
            """;

    /** Each asset's plays on the channel in a span of time: one range of the (channel_slug, played_at) index. */
    static final String PLAYS_PER_ASSET = """
            select asset_uuid, count(*) as plays from traffic_play_log
             where channel_slug = ? and played_at >= ? and played_at < ?
             group by asset_uuid
            """;

    /** The parameters of {@link #NEAREST} for one channel, break and set of assets. */
    static Object[] nearestParameters(String channel, long airAtMs, Collection<UUID> assets) {
        Timestamp air = new Timestamp(airAtMs);
        return new Object[] {channel, air, channel, air, assets.toArray(UUID[]::new)};
    }

    private final JdbcTemplate jdbc;

    public PlayLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The nearest plays of {@code assets} on the channel before and after {@code airAtMs}, with their day's plays. */
    Map<UUID, AssetHistory.Nearest> nearest(String channel, long airAtMs, Collection<UUID> assets,
                                            ToLongFunction<UUID> playsThatDay) {
        Map<UUID, AssetHistory.Nearest> nearest = new HashMap<>();
        jdbc.query(NEAREST, row -> {
            UUID uuid = row.getObject("uuid", UUID.class);
            nearest.put(uuid, new AssetHistory.Nearest(millis(row, "last_before"), millis(row, "first_after"),
                    playsThatDay.applyAsLong(uuid)));
        }, nearestParameters(channel, airAtMs, assets));
        return nearest;
    }

    private static Long millis(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.getTime();
    }

    /** Each asset's plays on the channel from {@code fromMs} for {@code spanMs}; assets without plays are left out. */
    Map<UUID, Long> playsPerAsset(String channel, long fromMs, long spanMs) {
        Map<UUID, Long> counts = new HashMap<>();
        jdbc.query(PLAYS_PER_ASSET, row -> {
            counts.put(row.getObject("asset_uuid", UUID.class), row.getLong("plays"));
        }, channel, new Timestamp(fromMs), new Timestamp(fromMs + spanMs));
        return counts;
    }

    /** Logs the plays in one statement, so the play log's statement triggers run once for them all. */
    void insert(String channel, List<LoggedPlay> plays) {
        if (plays.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    insert into traffic_play_log (channel_slug, asset_uuid, asset_uri, asset_type, played_at, break_index, block_id, duration_ms)
                    select ?, * from unnest(?::uuid[], ?::text[], ?::text[], ?::timestamptz[], ?::integer[], ?::text[], ?::bigint[])
                    """);
            statement.setString(1, channel);
            statement.setArray(2, connection.createArrayOf("uuid", plays.stream().map(LoggedPlay::assetUuid).toArray()));
            statement.setArray(3, connection.createArrayOf("text", plays.stream().map(LoggedPlay::assetUri).toArray()));
            statement.setArray(4, connection.createArrayOf("text", plays.stream().map(LoggedPlay::assetType).toArray()));
            statement.setArray(5, InstantArrays.of(connection,
                    plays.stream().map(play -> Instant.ofEpochMilli(play.playedAtMs())).toList()));
            statement.setArray(6, connection.createArrayOf("integer", plays.stream().map(LoggedPlay::breakIndex).toArray()));
            statement.setArray(7, connection.createArrayOf("text", plays.stream().map(LoggedPlay::blockId).toArray()));
            statement.setArray(8, connection.createArrayOf("bigint", plays.stream().map(LoggedPlay::durationMs).toArray()));
            return statement;
        });
    }

    /**
     * Each of these assets' latest play on the channel before {@code before}, if it has one: what decides the fill
     * order and no more, one probe of the (channel_slug, asset_uuid, played_at) index per asset.
     */
    public List<LoggedPlay> latestBefore(String channel, Instant before, Collection<UUID> assets) {
        return jdbc.query("""
                select p.asset_uuid, p.asset_uri, p.asset_type, p.played_at, p.break_index, p.block_id, p.duration_ms
                  from unnest(?::uuid[]) as u(uuid)
                  cross join lateral (select * from traffic_play_log l
                                       where l.channel_slug = ? and l.asset_uuid = u.uuid and l.played_at < ?
                                       order by l.played_at desc limit 1) p
                 order by p.played_at, p.asset_uri
                """, PlayLog::loggedPlay, assets.toArray(UUID[]::new), channel, Timestamp.from(before));
    }

    /** The channel's plays with {@code from <= played_at < to}, either bound optional, oldest first. */
    public List<LoggedPlay> between(String channel, Instant from, Instant to) {
        return jdbc.query("""
                select asset_uuid, asset_uri, asset_type, played_at, break_index, block_id, duration_ms
                  from traffic_play_log
                 where channel_slug = ? and played_at >= ? and played_at < ?
                 order by played_at, asset_uri
                """, PlayLog::loggedPlay, channel, Timestamp.from(from == null ? Instant.EPOCH.minus(365_000, ChronoUnit.DAYS) : from),
                Timestamp.from(to == null ? Instant.parse("9999-12-31T23:59:59Z") : to));
    }

    /** When the channel's latest play airs (or aired); empty for a channel never played. */
    public Optional<Instant> latestPlayedAt(String channel) {
        Timestamp latest = jdbc.queryForObject("select max(played_at) from traffic_play_log where channel_slug = ?",
                Timestamp.class, channel);
        return Optional.ofNullable(latest).map(Timestamp::toInstant);
    }

    private static LoggedPlay loggedPlay(ResultSet row, int index) throws SQLException {
        return new LoggedPlay(row.getObject("asset_uuid", UUID.class), row.getString("asset_uri"), row.getString("asset_type"),
                row.getTimestamp("played_at").getTime(), (Integer) row.getObject("break_index"), row.getString("block_id"),
                row.getLong("duration_ms"));
    }
}
