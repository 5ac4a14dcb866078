package com.trafficrules.fill.playlog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.trafficrules.fill.asset.Asset;
import com.trafficrules.fill.asset.AssetLibrary;
import com.trafficrules.fill.asset.AssetRepository;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What this replica remembers between fills: the asset library and, for recently filled channels, the
 * least-recently-played order. Both are stamped with the database counter they were read at
 * ({@code asset_library_version}, {@code channel_play_version}); a fill compares the stamps under its
 * channel's lock and reads again only what changed — a play recorded through the API, another replica's
 * fill, an asset upserted or deleted. The plays per asset per UTC day (the daily cap's count) are kept
 * with the order; the nearest plays that decide cooldowns are read for every page of candidates.
 */
@Component
public class FillMemory {

    /**
     * Channels whose order is kept; beyond this one is forgotten (Caffeine picks which, mostly one seldom filled)
     * and read again when next filled.
     */
    private static final int CHANNELS_KEPT = 512;

    private record Stamped<T>(long version, T value) {
    }

    private final JdbcTemplate jdbc;
    private final PlayLog playLog;
    private final AssetRepository assets;
    /** One lock per channel ever filled here: a handful of bytes each, so they are kept. */
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private volatile Stamped<AssetLibrary> library = new Stamped<>(-1, AssetLibrary.EMPTY);
    /** What is remembered of one channel's play log: the fill order and the plays per asset per day. */
    private record ChannelPlays(PlayOrder order, DailyPlays daily) {
    }

    /**
     * Each channel's entry is read, replaced and forgotten only by the fill holding the channel's lock, in the order
     * the fill's commit needs; the cache's own thread safety covers the rest. An eviction only forgets an entry.
     */
    private final Cache<String, Stamped<ChannelPlays>> channels;

    @Autowired
    FillMemory(JdbcTemplate jdbc, PlayLog playLog, AssetRepository assets) {
        this(jdbc, playLog, assets, CHANNELS_KEPT);
    }

    FillMemory(JdbcTemplate jdbc, PlayLog playLog, AssetRepository assets, int channelsKept) {
        this.jdbc = jdbc;
        this.playLog = playLog;
        this.assets = assets;
        // Evicts on the fill's own thread, not the common pool: the limit holds when a fill returns, at little cost.
        this.channels = Caffeine.newBuilder().maximumSize(channelsKept).executor(Runnable::run).build();
    }

    /**
     * This replica's turn at the channel: fills of one channel on one replica take turns here before they
     * queue on the database's advisory lock, so the order one fill leaves behind is the next one's start.
     * Waits at most {@code waitMs}; the hold tells how much of that is left for the database's lock.
     */
    public Hold hold(String channel, long waitMs) {
        ReentrantLock lock = locks.computeIfAbsent(channel, name -> new ReentrantLock());
        long started = System.nanoTime();
        try {
            if (!lock.tryLock(waitMs, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Another fill of " + channel + " held it for over " + waitMs + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for another fill of " + channel, e);
        }
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        return new Hold(channel, lock, Math.max(1, waitMs - waitedMs));
    }

    /** Fills of two channels may read the library at once: the counter only grows, so the higher one stays. */
    private synchronized void keepNewer(Stamped<AssetLibrary> read) {
        if (read.version() > library.version()) {
            library = read;
        }
    }

    /** One fill's use of the channel's memory; close it whatever happens. */
    public final class Hold implements AutoCloseable {

        private final String channel;
        private final ReentrantLock lock;
        private final long waitLeftMs;
        private AssetLibrary heldLibrary;
        private ChannelPlays plays;
        private long versionRead;
        /** Statements that logged plays of the channel: each moves its counter by exactly one. */
        private int loggingStatements;
        private boolean committed;

        private Hold(String channel, ReentrantLock lock, long waitLeftMs) {
            this.channel = channel;
            this.lock = lock;
            this.waitLeftMs = waitLeftMs;
        }

        /** What is left of the fill's wait once this replica's turn came. */
        public long waitLeftMs() {
            return waitLeftMs;
        }

        /**
         * Brings the library and the channel's order up to the database's. Call it inside the fill's
         * transaction after its advisory lock is taken, so no other fill of the channel commits meanwhile.
         */
        public void catchUp() {
            Map<String, Object> versions = jdbc.queryForMap("""
                    select coalesce((select version from channel_play_version where channel_slug = ?), 0) as plays,
                           (select version from asset_library_version) as library
                    """, channel);
            long libraryVersion = (Long) versions.get("library");
            Stamped<AssetLibrary> known = library;
            if (known.version() != libraryVersion) {
                known = new Stamped<>(libraryVersion,
                        new AssetLibrary(assets.findAll().stream().map(Asset::toLibraryAsset).toList()));
                keepNewer(known);
            }
            heldLibrary = known.value();
            long playsVersion = (Long) versions.get("plays");
            versionRead = playsVersion;
            Stamped<ChannelPlays> remembered = channels.getIfPresent(channel);
            if (remembered == null || remembered.version() != playsVersion) {
                PlayOrder read = new PlayOrder();
                jdbc.query("""
                        select c.asset_uuid, a.uri, c.last_played_at
                          from channel_asset_last_play c join assets a on a.uuid = c.asset_uuid
                         where c.channel_slug = ?
                        """, row -> {
                    read.played(row.getObject("asset_uuid", UUID.class), row.getString("uri"),
                            row.getTimestamp("last_played_at").getTime());
                }, channel);
                remembered = new Stamped<>(playsVersion, new ChannelPlays(read, new DailyPlays()));
                channels.put(channel, remembered);
            }
            plays = remembered.value();
        }

        public AssetLibrary library() {
            return heldLibrary;
        }

        public PlayOrder order() {
            return plays.order();
        }

        /** The asset's plays on the channel during the UTC day of {@code atMs} (the daily cap's count). */
        public long playsThatDay(UUID asset, long atMs) {
            // A day after the channel's latest play has no plays yet: fills moving forward in time need not ask.
            return plays.daily().on(asset, atMs, dayStartMs -> plays.order().latestPlayMs() < dayStartMs
                    ? Map.of() : playLog.playsPerAsset(channel, dayStartMs, DailyPlays.DAY_MS));
        }

        /** The fill logged these plays in one statement: they count, if the fill commits. */
        public void played(List<LoggedPlay> logged) {
            if (logged.isEmpty()) {
                return;
            }
            loggingStatements++;
            for (LoggedPlay play : logged) {
                plays.order().played(play.assetUuid(), play.assetUri(), play.playedAtMs());
                plays.daily().played(play.assetUuid(), play.playedAtMs());
            }
        }

        /**
         * The fill's transaction committed: what it changed is now what the database holds, at the counter it read
         * plus one per statement that logged plays. Had anyone else logged plays of the channel meanwhile, the
         * counter has moved further (their update waited for the fill's, or the fill's for theirs) and the next
         * fill reads the channel again.
         */
        public void committed() {
            committed = true;
            if (loggingStatements > 0) {
                channels.put(channel, new Stamped<>(versionRead + loggingStatements, plays));
            }
        }

        @Override
        public void close() {
            try {
                if (loggingStatements > 0 && !committed) {
                    // The plays were rolled back; the order that counted them must not outlive them.
                    channels.invalidate(channel);
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
