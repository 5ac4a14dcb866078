package com.trafficrules.fill;

import com.trafficrules.engine.RuleWorkspace;
import com.trafficrules.fill.block.Block;
import com.trafficrules.fill.block.Segment;
import com.trafficrules.fill.facts.BreakSlot;
import com.trafficrules.fill.facts.Candidate;
import com.trafficrules.fill.facts.FillPolicy;
import com.trafficrules.fill.facts.Ineligible;
import com.trafficrules.fill.facts.KeyPlay;
import com.trafficrules.fill.facts.TypeCooldown;
import com.trafficrules.fill.playlog.AssetHistory;
import com.trafficrules.fill.playlog.LoggedPlay;
import com.trafficrules.fill.playlog.PlayHistory;
import com.trafficrules.kernel.Ruleset;
import com.trafficrules.policy.ChannelPolicy;
import com.trafficrules.policy.InterstitialType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Fills a block's placeholders at feed time. The fill rules say which assets are eligible as of each
 * break's air time; this class orders them least recently played first (never played first, ties by
 * uri), packs them greedily without repeats, and spreads the time left as pads after the items.
 * Each break's plays are written back to the history before the next break is filled.
 */
final class BlockFiller {

    static final String JOB = "fill";

    /** Candidates are read from the play history this many at a time, in this order, until the break is full. */
    static final int PAGE = 16;

    static final Comparator<AssetHistory> LEAST_RECENTLY_PLAYED = Comparator
            .comparing(AssetHistory::lastPlayedMs, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(AssetHistory::uri);

    private BlockFiller() {
    }

    record Filled(List<Segment> segments, List<String> firedRules) {
    }

    /** A piece of a filled break before it is placed in time; {@code asset} is null for pads and static filler. */
    private record Piece(String type, String assetUri, long assetStartOffsetMs, long durationMs, AssetHistory asset) {
    }

    static Filled fill(Ruleset ruleset, ChannelPolicy policy, Block block, PlayHistory history) {
        return fill(ruleset, policy, block, history, PAGE);
    }

    /** As above, reading candidates {@code pageSize} at a time (the answer does not depend on it). */
    static Filled fill(Ruleset ruleset, ChannelPolicy policy, Block block, PlayHistory history, int pageSize) {
        Set<String> fired = new TreeSet<>();
        return layOut(block, (breakIndex, airAtMs, durationMs) -> {
            List<Piece> pieces = fillBreak(ruleset, policy, new BreakSlot(breakIndex, airAtMs, durationMs), history, pageSize,
                    fired);
            List<LoggedPlay> plays = new ArrayList<>();
            long at = airAtMs;
            for (Piece piece : pieces) {
                if (piece.asset() != null) {
                    plays.add(new LoggedPlay(piece.asset().uuid(), piece.assetUri(), piece.type(), at, breakIndex,
                            block.blockId(), piece.durationMs()));
                }
                at += piece.durationMs();
            }
            history.record(plays);
            return pieces;
        }, fired);
    }

    /** The answer when anything fails: every placeholder gets the channel's static filler, else a pad. */
    static List<Segment> fallback(ChannelPolicy policy, Block block) {
        return layOut(block, (breakIndex, airAtMs, durationMs) -> staticFiller(policy, durationMs), new TreeSet<>()).segments();
    }

    private interface BreakFill {
        List<Piece> fill(int breakIndex, long airAtMs, long durationMs);
    }

    private static Filled layOut(Block block, BreakFill breakFill, Set<String> fired) {
        List<Segment> segments = new ArrayList<>();
        long at = block.startMs();
        int breakIndex = 0;
        for (Block.Part part : block.parts()) {
            if (!part.isPlaceholder()) {
                segments.add(new Segment(segments.size(), part.type(), part.assetUri(), part.assetStartOffsetMs(),
                        part.durationMs(), Instant.ofEpochMilli(at), null));
                at += part.durationMs();
                continue;
            }
            for (Piece piece : breakFill.fill(breakIndex, at, part.durationMs())) {
                segments.add(new Segment(segments.size(), piece.type(), piece.assetUri(), piece.assetStartOffsetMs(),
                        piece.durationMs(), Instant.ofEpochMilli(at), breakIndex));
                at += piece.durationMs();
            }
            breakIndex++;
        }
        return new Filled(List.copyOf(segments), List.copyOf(fired));
    }

    private static List<Piece> fillBreak(Ruleset ruleset, ChannelPolicy policy, BreakSlot slot, PlayHistory history,
                                         int pageSize, Set<String> fired) {
        List<AssetHistory> chosen = new ArrayList<>();
        long remaining = slot.durationMs();
        try (RuleWorkspace rules = ruleset.rules().openWorkspace(JOB)) {
            policyFacts(policy).forEach(rules::insert);
            rules.insert(slot);
            // The greedy pack takes candidates in least-recently-played order, so it only needs them a page at
            // a time: a later page holds only assets after every earlier one in that order, and an asset too
            // long for the time left now never fits later. The rules judge each page as it comes in, with the
            // plays chosen so far already in the workspace.
            Set<UUID> seen = new HashSet<>();
            Set<String> ineligible = new HashSet<>();
            while (remaining > 0) {
                List<AssetHistory> page = history.around(slot.airAtMs(), remaining, seen, pageSize);
                for (AssetHistory asset : page) {
                    seen.add(asset.uuid());
                    rules.insert(new Candidate(asset.uri(), asset.type(), asset.durationMs(), asset.cooldownKey(), asset.playsToday()));
                    if (asset.keyLastPlayedBeforeMs() != null) {
                        rules.insert(new KeyPlay(asset.cooldownKey(), asset.keyLastPlayedBeforeMs()));
                    }
                    if (asset.keyFirstPlayedAfterMs() != null) {
                        rules.insert(new KeyPlay(asset.cooldownKey(), asset.keyFirstPlayedAfterMs()));
                    }
                }
                ineligible.addAll(ineligibleUris(rules.fire()));
                for (AssetHistory asset : page.stream().sorted(LEAST_RECENTLY_PLAYED).toList()) {
                    if (ineligible.contains(asset.uri()) || asset.durationMs() > remaining) {
                        continue;
                    }
                    chosen.add(asset);
                    ineligible.add(asset.uri());
                    remaining -= asset.durationMs();
                    // Chosen now: its cooldown key (a whole group, maybe) counts as played at this break's air time.
                    rules.insert(new KeyPlay(asset.cooldownKey(), slot.airAtMs()));
                    ineligible.addAll(ineligibleUris(rules.fire()));
                }
                if (page.size() < pageSize) {
                    break;
                }
            }
            fired.addAll(rules.firedRules());
        }
        return chosen.isEmpty() ? staticFiller(policy, slot.durationMs()) : withPads(chosen, remaining);
    }

    private static List<Object> policyFacts(ChannelPolicy policy) {
        ChannelPolicy.Traffic traffic = policy.traffic();
        List<Object> facts = new ArrayList<>();
        facts.add(new FillPolicy(traffic.allowedTypes(), traffic.maxPlaysPerDay()));
        for (String type : InterstitialType.ALL) {
            facts.add(new TypeCooldown(type, traffic.cooldownSeconds(type) * 1000));
        }
        return facts;
    }

    private static Set<String> ineligibleUris(List<Object> outcomes) {
        Set<String> uris = new HashSet<>();
        outcomes.stream().filter(Ineligible.class::isInstance).map(Ineligible.class::cast).forEach(i -> uris.add(i.uri()));
        return uris;
    }

    /** Items with a pad after each: gap / n ms each, the last gap % n pads one ms longer; no 0 ms pads. */
    private static List<Piece> withPads(List<AssetHistory> items, long gapMs) {
        int n = items.size();
        List<Piece> pieces = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            AssetHistory item = items.get(i);
            pieces.add(new Piece(item.type(), item.uri(), 0, item.durationMs(), item));
            long pad = gapMs / n + (i >= n - gapMs % n ? 1 : 0);
            if (pad > 0) {
                pieces.add(new Piece(Segment.PAD, "", 0, pad, null));
            }
        }
        return pieces;
    }

    /** The static filler file from its start, again and again, cut to fit; one pad when there is none. */
    private static List<Piece> staticFiller(ChannelPolicy policy, long durationMs) {
        ChannelPolicy.StaticFiller filler = policy.traffic().staticFiller();
        if (filler == null) {
            return List.of(new Piece(Segment.PAD, "", 0, durationMs, null));
        }
        List<Piece> pieces = new ArrayList<>();
        for (long left = durationMs; left > 0; left -= filler.durationMs()) {
            pieces.add(new Piece(Segment.FILLER, filler.uri(), 0, Math.min(left, filler.durationMs()), null));
        }
        return pieces;
    }
}
