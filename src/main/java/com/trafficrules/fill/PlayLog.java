package com.trafficrules.fill;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code traffic_play_log}: every play on every channel. Reads go through its two indexes,
 * (channel_slug, played_at) and (channel_slug, asset_uuid, played_at) — never the whole log.
 */
@Repository
class PlayLog {

    private static final String AROUND = """
            select a.uuid, a.uri, a.type, a.duration_ms, a.cooldown_group,
                   (select max(p.played_at) from traffic_play_log p
                     where p.channel_slug = ? and p.asset_uuid = a.uuid and p.played_at <= ?) as last_before,
                   (select min(p.played_at) from traffic_play_log p
                     where p.channel_slug = ? and p.asset_uuid = a.uuid and p.played_at > ?) as first_after,
                   (select count(*) from traffic_play_log p
                     where p.channel_slug = ? and p.asset_uuid = a.uuid and p.played_at >= ? and p.played_at < ?) as plays_today
              from assets a
             where a.state = 'ready' and a.duration_ms <= ?
            """;

    private final JdbcTemplate jdbc;

    PlayLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The play log of one channel as a fill sees it. */
    PlayHistory of(String channel) {
        return new PlayHistory() {
            @Override
            public List<AssetHistory> around(long airAtMs, long maxDurationMs) {
                Timestamp air = new Timestamp(airAtMs);
                Instant dayStart = Instant.ofEpochMilli(airAtMs).atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
                return jdbc.query(AROUND, PlayLog::history, channel, air, channel, air, channel,
                        Timestamp.from(dayStart), Timestamp.from(dayStart.plus(1, ChronoUnit.DAYS)), maxDurationMs);
            }

            @Override
            public void record(List<LoggedPlay> plays) {
                insert(channel, plays);
            }
        };
    }

    private static AssetHistory history(ResultSet row, int index) throws SQLException {
        Timestamp lastBefore = row.getTimestamp("last_before");
        Timestamp firstAfter = row.getTimestamp("first_after");
        return new AssetHistory(row.getObject("uuid", UUID.class), row.getString("uri"), row.getString("type"),
                row.getLong("duration_ms"), row.getString("cooldown_group"),
                lastBefore == null ? null : lastBefore.getTime(), firstAfter == null ? null : firstAfter.getTime(),
                row.getLong("plays_today"));
    }

    void insert(String channel, List<LoggedPlay> plays) {
        jdbc.batchUpdate("""
                insert into traffic_play_log (channel_slug, asset_uuid, asset_uri, asset_type, played_at, break_index, block_id, duration_ms)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                """, plays, plays.size(), (statement, play) -> {
            statement.setString(1, channel);
            statement.setObject(2, play.assetUuid());
            statement.setString(3, play.assetUri());
            statement.setString(4, play.assetType());
            statement.setTimestamp(5, new Timestamp(play.playedAtMs()));
            statement.setObject(6, play.breakIndex());
            statement.setString(7, play.blockId());
            statement.setLong(8, play.durationMs());
        });
    }

    /** The channel's plays with {@code from <= played_at < to}, either bound optional, oldest first. */
    List<LoggedPlay> between(String channel, Instant from, Instant to) {
        return jdbc.query("""
                select asset_uuid, asset_uri, asset_type, played_at, break_index, block_id, duration_ms
                  from traffic_play_log
                 where channel_slug = ? and played_at >= ? and played_at < ?
                 order by played_at, asset_uri
                """, (row, index) -> new LoggedPlay(row.getObject("asset_uuid", UUID.class), row.getString("asset_uri"),
                        row.getString("asset_type"), row.getTimestamp("played_at").getTime(),
                        (Integer) row.getObject("break_index"), row.getString("block_id"), row.getLong("duration_ms")),
                channel, Timestamp.from(from == null ? Instant.EPOCH.minus(365_000, ChronoUnit.DAYS) : from),
                Timestamp.from(to == null ? Instant.parse("9999-12-31T23:59:59Z") : to));
    }
}
