package com.trafficrules.fill;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.fill.asset.LibraryAsset;
import com.trafficrules.fill.block.Block;
import com.trafficrules.fill.block.Segment;
import com.trafficrules.fill.playlog.InMemoryPlayHistory;
import com.trafficrules.fill.playlog.LoggedPlay;
import com.trafficrules.kernel.Ruleset;
import com.trafficrules.policy.ChannelPolicies;
import com.trafficrules.policy.InterstitialType;
import com.trafficrules.support.ShippedRuleset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the placeholders and the library, a fill is exact: each placeholder's pieces sum to it, no asset
 * twice in a break, pads of one break within 1 ms of each other and never 0 ms, and segments air back to
 * back from the block's start. The shipped ruleset decides eligibility; the play history is in memory.
 */
class BlockFillerProperties {

    private static final long START_MS = Instant.parse("2026-11-20T20:00:00Z").toEpochMilli();
    private static final List<String> CHANNELS = List.of("default", "retro-prime", "showtime-cinema", "fill-demo");

    private static Ruleset ruleset;

    private static synchronized Ruleset ruleset() {
        if (ruleset == null) {
            ruleset = ShippedRuleset.compiled();
        }
        return ruleset;
    }

    /** A block to fill on a channel, the library and the plays already in the log. */
    record Case(String channel, Block block, List<LibraryAsset> library, List<LoggedPlay> plays) {

        List<Segment> fill() {
            return fill(BlockFiller.PAGE);
        }

        List<Segment> fill(int pageSize) {
            return BlockFiller.fill(ruleset(), ChannelPolicies.of(ruleset()).forChannel(channel), block,
                    new InMemoryPlayHistory(library, plays), pageSize).segments();
        }

        Map<Integer, List<Segment>> breaks(List<Segment> segments) {
            return segments.stream().filter(s -> s.breakIndex() != null).collect(Collectors.groupingBy(Segment::breakIndex));
        }

        List<Long> placeholders() {
            return block.parts().stream().filter(Block.Part::isPlaceholder).map(Block.Part::durationMs).toList();
        }
    }

    @Provide
    Arbitrary<Case> blocks() {
        // Short placeholders too, so the time left is often smaller than the number of items (pads of 0 ms).
        Arbitrary<Long> placeholder = Arbitraries.oneOf(Arbitraries.longs().between(1, 1_000),
                Arbitraries.longs().between(1, 240_000), Arbitraries.of(30_000L, 60_000L, 90_000L, 120_000L));
        Arbitrary<List<Block.Part>> parts = Combinators.combine(placeholder, Arbitraries.longs().between(1, 900_000),
                        Arbitraries.of(true, false))
                .as((ms, contentMs, withContent) -> withContent
                        ? List.of(new Block.Part(Segment.CONTENT, "/shows/ep1.mp4", 0, contentMs), new Block.Part(Segment.FILLER, "", 0, ms))
                        : List.of(new Block.Part(Segment.FILLER, "", 0, ms)))
                .list().ofMinSize(1).ofMaxSize(4)
                .map(lists -> lists.stream().flatMap(List::stream).toList());
        Arbitrary<LibraryAsset> asset = Combinators.combine(
                        Arbitraries.oneOf(Arbitraries.longs().between(1, 1_000), Arbitraries.longs().between(1, 120_000),
                                Arbitraries.of(5_000L, 10_000L, 15_000L, 30_000L, 60_000L)),
                        Arbitraries.of(InterstitialType.ALL),
                        Arbitraries.of("ready", "ready", "ready", "pulled"),
                        Arbitraries.of("g1", "g2").injectNull(0.7))
                .as((ms, type, state, group) -> new LibraryAsset(null, null, type, ms, state, group));
        Arbitrary<List<LibraryAsset>> library = asset.list().ofMaxSize(12).map(assets -> {
            List<LibraryAsset> named = new ArrayList<>();
            for (int i = 0; i < assets.size(); i++) {
                LibraryAsset a = assets.get(i);
                String uri = "/media/asset-" + i + ".mp4";
                named.add(new LibraryAsset(UUID.nameUUIDFromBytes(uri.getBytes()), uri, a.type(), a.durationMs(),
                        a.state(), a.cooldownGroup()));
            }
            return named;
        });
        // Earlier plays, some inside and some outside the cooldowns, of assets picked by index.
        Arbitrary<List<long[]>> plays = Combinators.combine(Arbitraries.integers().between(0, 11),
                        Arbitraries.longs().between(-4 * 3_600_000L, 2 * 3_600_000L))
                .as((index, offset) -> new long[] {index, offset}).list().ofMaxSize(10);
        return Combinators.combine(Arbitraries.of(CHANNELS), parts, library, plays).as((channel, segments, assets, history) -> {
            List<LoggedPlay> logged = history.stream().filter(p -> p[0] < assets.size()).map(p -> {
                LibraryAsset a = assets.get((int) p[0]);
                return new LoggedPlay(a.uuid(), a.uri(), a.type(), START_MS + p[1], null, null, a.durationMs());
            }).toList();
            return new Case(channel, new Block("blk-1", START_MS, segments), assets, logged);
        });
    }

    @Property(tries = 300)
    void everyPlaceholderIsFilledExactly(@ForAll("blocks") Case fill) {
        Map<Integer, List<Segment>> breaks = fill.breaks(fill.fill());

        List<Long> placeholders = fill.placeholders();
        assertThat(breaks.keySet()).hasSize(placeholders.size());
        for (int i = 0; i < placeholders.size(); i++) {
            assertThat(breaks.get(i).stream().mapToLong(Segment::durationMs).sum()).as("break %d", i).isEqualTo(placeholders.get(i));
        }
    }

    @Property(tries = 300)
    void noAssetAirsTwiceInOneBreak(@ForAll("blocks") Case fill) {
        Set<String> libraryUris = fill.library().stream().map(LibraryAsset::uri).collect(Collectors.toSet());

        fill.breaks(fill.fill()).forEach((index, pieces) -> {
            List<String> items = pieces.stream().map(Segment::assetUri).filter(libraryUris::contains).toList();
            assertThat(new HashSet<>(items)).as("break %d: %s", index, items).hasSameSizeAs(items);
        });
    }

    @Property(tries = 300)
    void padsOfOneBreakDifferByAtMostOneMillisecond(@ForAll("blocks") Case fill) {
        fill.breaks(fill.fill()).forEach((index, pieces) -> {
            List<Long> pads = pieces.stream().filter(s -> Segment.PAD.equals(s.type())).map(Segment::durationMs).toList();
            if (!pads.isEmpty()) {
                assertThat(pads.stream().mapToLong(Long::longValue).max().orElseThrow()
                        - pads.stream().mapToLong(Long::longValue).min().orElseThrow()).as("break %d pads %s", index, pads)
                        .isLessThanOrEqualTo(1);
            }
        });
    }

    @Property(tries = 300)
    void noPadIsZeroMilliseconds(@ForAll("blocks") Case fill) {
        assertThat(fill.fill()).filteredOn(s -> Segment.PAD.equals(s.type())).allSatisfy(pad -> assertThat(pad.durationMs()).isPositive());
    }

    @Property(tries = 300)
    void segmentsAirBackToBackFromTheBlockStart(@ForAll("blocks") Case fill) {
        List<Segment> segments = fill.fill();

        long at = START_MS;
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            assertThat(segment.index()).isEqualTo(i);
            assertThat(segment.start()).as("segment %d", i).isEqualTo(Instant.ofEpochMilli(at));
            at += segment.durationMs();
        }
        assertThat(at - START_MS).isEqualTo(fill.block().durationMs());
    }

    @Property(tries = 200)
    void readingCandidatesAPageAtATimeChangesNothing(@ForAll("blocks") Case fill) {
        List<Segment> wholeLibrary = fill.fill(Integer.MAX_VALUE);

        assertThat(fill.fill(1)).isEqualTo(wholeLibrary);
        assertThat(fill.fill(3)).isEqualTo(wholeLibrary);
    }
}
