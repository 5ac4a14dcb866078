package com.trafficrules.reconciliation.run;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Pairs as-run rows with planned ones, in the contract's order: by spotId, then by availId, then each remaining
 * aired row in start order with the unmatched planned row of the same match key whose start is nearest, within the
 * window inclusive (ties: the earlier planned start, then the smaller availId). The last step keeps each key's
 * unmatched planned rows in a sorted map by start and looks up the two neighbours of each as-run start, so a run is
 * matched in O(n log n), never all pairs.
 */
public final class Matching {

    private Matching() {
    }

    /** A planned row and its as-run match, or either alone. */
    public record Pair(PlannedRow planned, AsRunEntry asRun) {
    }

    /** One pair per planned row in planned order, then one per unmatched as-run row in as-run order. */
    public static List<Pair> match(List<PlannedRow> planned, List<AsRunEntry> asRun, long windowMs) {
        // By identity: each row is its own, and a record's hash reads every field.
        Map<PlannedRow, AsRunEntry> matched = new IdentityHashMap<>();
        Map<AsRunEntry, PlannedRow> matchedAsRun = new IdentityHashMap<>();
        byId(planned, asRun, matched, matchedAsRun, PlannedRow::spotId, AsRunEntry::spotId);
        byId(planned, asRun, matched, matchedAsRun, PlannedRow::availId, AsRunEntry::availId);
        Map<String, TreeMap<Long, List<PlannedRow>>> open = new HashMap<>();
        for (PlannedRow row : planned) {
            if (!matched.containsKey(row)) {
                open.computeIfAbsent(keyOf(row.matchKey()), key -> new TreeMap<>())
                        .computeIfAbsent(row.startMs(), start -> new ArrayList<>()).add(row);
            }
        }
        open.values().forEach(byStart -> byStart.values().forEach(rows -> rows.sort(Comparator.comparing(PlannedRow::availId))));
        asRun.stream().filter(row -> row.aired() && !matchedAsRun.containsKey(row))
                .sorted(Comparator.comparingLong(AsRunEntry::startMs).thenComparingInt(AsRunEntry::position))
                .forEach(row -> {
                    TreeMap<Long, List<PlannedRow>> byStart = open.get(keyOf(row.matchKey()));
                    PlannedRow nearest = byStart == null ? null : nearest(byStart, row.startMs(), windowMs);
                    if (nearest != null) {
                        matched.put(nearest, row);
                        matchedAsRun.put(row, nearest);
                        List<PlannedRow> atStart = byStart.get(nearest.startMs());
                        atStart.remove(nearest);
                        if (atStart.isEmpty()) {
                            byStart.remove(nearest.startMs());
                        }
                    }
                });
        List<Pair> pairs = new ArrayList<>(planned.size() + asRun.size());
        planned.forEach(row -> pairs.add(new Pair(row, matched.get(row))));
        asRun.stream().filter(row -> !matchedAsRun.containsKey(row)).forEach(row -> pairs.add(new Pair(null, row)));
        return pairs;
    }

    private static void byId(List<PlannedRow> planned, List<AsRunEntry> asRun, Map<PlannedRow, AsRunEntry> matched,
                             Map<AsRunEntry, PlannedRow> matchedAsRun, Function<PlannedRow, String> plannedId,
                             Function<AsRunEntry, String> asRunId) {
        // Every unmatched planned row with the id, in planned order: spotIds need not be unique (a spot booked twice).
        Map<String, ArrayDeque<PlannedRow>> unmatched = new HashMap<>();
        for (PlannedRow row : planned) {
            String id = plannedId.apply(row);
            if (id != null && !matched.containsKey(row)) {
                unmatched.computeIfAbsent(id, key -> new ArrayDeque<>()).add(row);
            }
        }
        for (AsRunEntry row : asRun) {
            String id = asRunId.apply(row);
            if (id == null || matchedAsRun.containsKey(row)) {
                continue;
            }
            ArrayDeque<PlannedRow> candidates = unmatched.get(id);
            PlannedRow match = candidates == null ? null : candidates.poll();
            if (match != null) {
                matched.put(match, row);
                matchedAsRun.put(row, match);
            }
        }
    }

    /** The planned row of {@code byStart} nearest to {@code startMs} within the window: ties the earlier, then the smaller availId. */
    private static PlannedRow nearest(TreeMap<Long, List<PlannedRow>> byStart, long startMs, long windowMs) {
        Map.Entry<Long, List<PlannedRow>> before = byStart.floorEntry(startMs);
        Map.Entry<Long, List<PlannedRow>> after = byStart.ceilingEntry(startMs);
        long beforeGap = before == null ? Long.MAX_VALUE : startMs - before.getKey();
        long afterGap = after == null ? Long.MAX_VALUE : after.getKey() - startMs;
        Map.Entry<Long, List<PlannedRow>> best = beforeGap <= afterGap ? before : after;
        if (best == null || Math.min(beforeGap, afterGap) > windowMs) {
            return null;
        }
        return best.getValue().get(0);
    }

    private static String keyOf(String matchKey) {
        return matchKey == null ? "" : matchKey;
    }
}
