package com.trafficrules.reconciliation.store;

import com.trafficrules.reconciliation.run.PlannedRow;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The fill's own plan for a channel's broadcast day, read from {@code transmission_log}: one planned row per filled
 * segment that is neither content nor a pad, keyed {@code blockId:segmentIndex}, with its asset's billing code. This
 * reads the fill's table, not its code: the table is what fill promises the rest of the house (DESIGN.md, "the loop
 * the jobs close"), so reconciliation imports nothing of fill.
 */
@Repository
public class FilledPlan {

    private final JdbcTemplate jdbc;

    FilledPlan(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The planned rows of segments starting in {@code [dayStart, dayEnd)}, in air order; positions count from 0. */
    public List<PlannedRow> of(String channel, Instant dayStart, Instant dayEnd) {
        int[] position = {0};
        return jdbc.query("""
                        select t.block_id, (s.seg ->> 'index')::int as segment_index, s.seg ->> 'assetUri' as asset_uri,
                               (s.seg ->> 'start')::timestamptz as start_at, (s.seg ->> 'durationMs')::bigint as duration_ms,
                               a.billing_code
                          from transmission_log t
                         cross join lateral jsonb_array_elements(t.segments) as s(seg)
                          left join assets a on a.uri = s.seg ->> 'assetUri'
                         where t.channel_slug = ? and t.start_at < ? and t.end_at > ?
                           and s.seg ->> 'type' not in ('content', 'pad')
                           and (s.seg ->> 'start')::timestamptz >= ? and (s.seg ->> 'start')::timestamptz < ?
                         order by start_at, t.block_id, segment_index""",
                (row, n) -> {
                    String key = row.getString("block_id") + ":" + row.getInt("segment_index");
                    long start = row.getTimestamp("start_at").toInstant().toEpochMilli();
                    long length = row.getLong("duration_ms");
                    return new PlannedRow(position[0]++, key, null, start, start + length, length, "SCHEDULED",
                            row.getString("billing_code"), row.getString("asset_uri"), row.getString("asset_uri"));
                },
                channel, Timestamp.from(dayEnd), Timestamp.from(dayStart), Timestamp.from(dayStart), Timestamp.from(dayEnd));
    }
}
