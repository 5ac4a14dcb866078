package com.trafficrules.fill.block;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@code compiled_block}: blocks compiled ahead of air, kept for the feed step. */
@Repository
class CompiledBlocks {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    CompiledBlocks(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Stores the block once; returns the stored one when the block id is taken, with the hash it was stored under. */
    Optional<TransmissionLog.Stored> storeOnce(String channel, String blockId, String requestHash, String block) {
        int inserted = jdbc.update("""
                insert into compiled_block (channel_slug, block_id, request_hash, block, created_at)
                values (?, ?, ?, ?::jsonb, ?) on conflict (channel_slug, block_id) do nothing
                """, channel, blockId, requestHash, block, Timestamp.from(clock.instant()));
        if (inserted == 1) {
            return Optional.empty();
        }
        return jdbc.query("select request_hash, block::text as block from compiled_block where channel_slug = ? and block_id = ?",
                (row, index) -> new TransmissionLog.Stored(row.getString("request_hash"), row.getString("block")),
                channel, blockId).stream().findFirst();
    }
}
