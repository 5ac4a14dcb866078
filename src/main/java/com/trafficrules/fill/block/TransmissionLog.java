package com.trafficrules.fill.block;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@code transmission_log}: each filled block once per channel, with the answer given for it. */
@Repository
public class TransmissionLog {

    /** What was stored under a block id: the hash of the request that made it and the stored JSON. */
    public record Stored(String requestHash, String body) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    TransmissionLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Stored> find(String channel, String blockId) {
        List<Stored> found = jdbc.query("select request_hash, response::text as response from transmission_log "
                        + "where channel_slug = ? and block_id = ?",
                (row, index) -> new Stored(row.getString("request_hash"), row.getString("response")), channel, blockId);
        return found.stream().findFirst();
    }

    public void insert(String channel, Block block, String requestHash, String segments, String response) {
        jdbc.update("""
                insert into transmission_log (channel_slug, block_id, start_at, end_at, request_hash, segments, response, created_at)
                values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)
                """, channel, block.blockId(), new Timestamp(block.startMs()), new Timestamp(block.startMs() + block.durationMs()),
                requestHash, segments, response, Timestamp.from(clock.instant()));
    }
}
