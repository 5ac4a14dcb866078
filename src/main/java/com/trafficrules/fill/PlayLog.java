package com.trafficrules.fill;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code traffic_play_log}: every play on every channel. Reads go through its two indexes,
 * (channel_slug, played_at) and (channel_slug, asset_uuid, played_at) — never the whole log.
 */
@Repository
class PlayLog {

    /**
     * One page of candidates: the ready assets that fit and are not yet seen, least recently played on the
     * channel first (never played first, ties by uri in code-point order), each with its nearest plays around
     * the break's air time, its plays that UTC day, and its cooldown group's nearest plays over all of the
     * group's assets (pulled or long ones too). The order comes from {@code channel_asset_last_play}'s index;
     * the per-asset subqueries run for the page only, each one probe of the (channel_slug, asset_uuid,
     * played_at) index of the play log.
     */
    static final String AROUND = """
            with page as (
              select * from (
                (select a.uuid, a.uri, a.type, a.duration_ms, a.cooldown_group, null::timestamptz as last_played
                   from assets a
                  where a.state = 'ready' and a.duration_ms <= ? and not (a.uuid = any (?))
                    and not exists (select 1 from channel_asset_last_play c
                                     where c.channel_slug = ? and c.asset_uuid = a.uuid)
                  order by a.uri collate "C"
                  limit ?)
                union all
                (select a.uuid, a.uri, a.type, a.duration_ms, a.cooldown_group, c.last_played_at
                   from channel_asset_last_play c join assets a on a.uuid = c.asset_uuid
                  where c.channel_slug = ? and a.state = 'ready' and a.duration_ms <= ? and not (a.uuid = any (?))
                  order by c.last_played_at, a.uri collate "C"
                  limit ?)) candidates
              order by last_played nulls first, uri collate "C"
              limit ?),
            key_plays as (
                select g.cooldown_group,
                       max((select max(p.played_at) from traffic_play_log p
                             where p.channel_slug = ? and p.asset_uuid = g.uuid and p.played_at <= ?)) as last_before,
                       min((select min(p.played_at) from traffic_play_log p
                             where p.channel_slug = ? and p.asset_uuid = g.uuid and p.played_at > ?)) as first_after
                  from assets g
                 where g.cooldown_group in (select cooldown_group from page)
                 group by g.cooldown_group),
            today as (
                select p.asset_uuid, count(*) as plays
                  from traffic_play_log p
                 where p.channel_slug = ? and p.played_at >= ? and p.played_at < ?
                 group by p.asset_uuid)
            select page.uuid, page.uri, page.type, page.duration_ms, page.cooldown_group, page.last_played,
                   (select max(p.played_at) from traffic_play_log p
                     where p.channel_slug = ? and p.asset_uuid = page.uuid and p.played_at <= ?) as last_before,
                   (select min(p.played_at) from traffic_play_log p
                     where p.channel_slug = ? and p.asset_uuid = page.uuid and p.played_at > ?) as first_after,
                   coalesce(today.plays, 0) as plays_today,
                   k.last_before as group_last_before, k.first_after as group_first_after
              from page left join key_plays k on k.cooldown_group = page.cooldown_group
                        left join today on today.asset_uuid = page.uuid
             order by page.last_played nulls first, page.uri collate "C"
            """;

    /** The parameters of {@link #AROUND} for one channel, break and page. */
    static Object[] aroundParameters(String channel, long airAtMs, long maxDurationMs, Set<UUID> seen, int limit) {
        Timestamp air = new Timestamp(airAtMs);
        Instant dayStart = Instant.ofEpochMilli(airAtMs).atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
        UUID[] seenArray = seen.toArray(UUID[]::new);
        return new Object[] {maxDurationMs, seenArray, channel, limit, channel, maxDurationMs, seenArray, limit, limit,
                channel, air, channel, air, channel, Timestamp.from(dayStart), Timestamp.from(dayStart.plus(1, ChronoUnit.DAYS)),
                channel, air, channel, air};
    }

    private final JdbcTemplate jdbc;

    PlayLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The play log of one channel as a fill sees it. */
    PlayHistory of(String channel) {
        return new PlayHistory() {
            @Override
            public List<AssetHistory> around(long airAtMs, long maxDurationMs, Set<UUID> seen, int limit) {
                return jdbc.query(AROUND, PlayLog::history, aroundParameters(channel, airAtMs, maxDurationMs, seen, limit));
            }

            @Override
            public void record(List<LoggedPlay> plays) {
                insert(channel, plays);
            }
        };
    }

    private static AssetHistory history(ResultSet row, int index) throws SQLException {
        boolean grouped = row.getString("cooldown_group") != null;
        return new AssetHistory(row.getObject("uuid", UUID.class), row.getString("uri"), row.getString("type"),
                row.getLong("duration_ms"), row.getString("cooldown_group"), millis(row, "last_played"),
                row.getLong("plays_today"), millis(row, grouped ? "group_last_before" : "last_before"),
                millis(row, grouped ? "group_first_after" : "first_after"));
    }

    private static Long millis(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.getTime();
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
