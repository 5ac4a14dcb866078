package com.trafficrules.reconciliation;

import com.trafficrules.reconciliation.run.AsRunEntry;
import com.trafficrules.reconciliation.run.PlannedRow;
import com.trafficrules.reconciliation.run.ReconciliationSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * API.md "Avails reconciliation" written as plain Java, line by line: no Drools, nothing of {@code Matching},
 * {@code Reconciler} or the rules in rules/reconciliation/. It is the oracle {@code DrlMatchesReferenceProperties}
 * holds the shipped rules to. Rows come read by {@code RunRequests} / {@code RunRows} (the edge, with its
 * quarantine); everything after that is decided here: whether a row aired (from its status), the billing codes as
 * compared, the matching (quadratic, as a reference may be) and the first class that applies.
 *
 * <p>Where API.md leaves a choice open, this takes the one the scenarios pin: items are the planned rows in
 * planned order, then the unmatched as-run rows that aired in as-run order; an item's spotId is the planned row's,
 * else the as-run row's, and its availId the planned row's, else the one the as-run row carries; planned rows
 * sharing a spotId are taken in planned order; as-run rows starting at the same instant are taken in list order;
 * "the smaller availId" is String order.
 */
final class ReferenceReconciliation {

    private ReferenceReconciliation() {
    }

    /** The numbers the contract names: the two tolerances, the match window and the billing dictionary. */
    record Numbers(long driftToleranceMs, long lengthToleranceMs, long matchWindowMs, List<String> prefixes,
                   Map<String, String> aliases) {

        /** The numbers as API.md states them. Its aliases are examples; the dictionary's own list is the version's. */
        static final long API_TOLERANCE_MS = 500;
        static final long API_WINDOW_MS = 5 * 60_000;
        static final List<String> API_PREFIXES = List.of("NAT-", "LOC-", "AFF-", "MKG-");
        static final Map<String, String> API_ALIAS_EXAMPLES = Map.of("NATL-", "NAT-", "LCL-", "LOC-");

        /** A version's numbers, only read off its settings (their fields; none of their methods). */
        static Numbers of(ReconciliationSettings settings) {
            return new Numbers(settings.policy().driftToleranceMs(), settings.policy().lengthToleranceMs(),
                    settings.matchWindowMs(), List.copyOf(settings.prefixes()), new LinkedHashMap<>(settings.aliases()));
        }
    }

    /** One line of the answer. {@code driftMs} is as-run start less planned start when both sides are there. */
    record Item(String availId, String spotId, String eventId, String itemClass, Long driftMs) {
    }

    /** "AIRED, TRUNCATED and SHORT aired ...; SUBSTITUTED aired another asset"; PREEMPTED, SKIPPED and ERROR did not. */
    static final Set<String> AIRED = Set.of("AIRED", "TRUNCATED", "SHORT", "SUBSTITUTED");

    static boolean aired(AsRunEntry row) {
        return AIRED.contains(row.status());
    }

    /** What the matching did, for a test to see which of its cases a run reaches; no part of the answer. */
    interface Trace {
        /** "by spotId", "by availId", "by start", "tie: equal distance, earlier start", "tie: same start, smaller availId". */
        void note(String what);
    }

    static List<Item> reconcile(Numbers numbers, List<PlannedRow> planned, List<AsRunEntry> asRun) {
        return reconcile(numbers, planned, asRun, what -> { });
    }

    static List<Item> reconcile(Numbers numbers, List<PlannedRow> planned, List<AsRunEntry> asRun, Trace trace) {
        // planned index -> as-run index
        int[] matchOf = new int[planned.size()];
        boolean[] asRunMatched = new boolean[asRun.size()];
        java.util.Arrays.fill(matchOf, -1);

        // 1. every as-run row with a spotId equal to an unmatched planned row's; 2. then by availId
        for (int pass = 0; pass < 2; pass++) {
            for (int a = 0; a < asRun.size(); a++) {
                String id = pass == 0 ? asRun.get(a).spotId() : asRun.get(a).availId();
                if (asRunMatched[a] || id == null) {
                    continue;
                }
                for (int p = 0; p < planned.size(); p++) {
                    String plannedId = pass == 0 ? planned.get(p).spotId() : planned.get(p).availId();
                    if (matchOf[p] < 0 && id.equals(plannedId)) {
                        matchOf[p] = a;
                        asRunMatched[a] = true;
                        trace.note(pass == 0 ? "by spotId" : "by availId");
                        break;
                    }
                }
            }
        }

        // 3. the remaining as-run rows that aired, in start order: the unmatched planned row with the nearest start
        // within the window inclusive; ties the earlier planned start, then the smaller availId
        List<Integer> remaining = new ArrayList<>();
        for (int a = 0; a < asRun.size(); a++) {
            if (!asRunMatched[a] && aired(asRun.get(a))) {
                remaining.add(a);
            }
        }
        remaining.sort(Comparator.comparingLong((Integer a) -> asRun.get(a).startMs()).thenComparingInt(a -> a));
        for (int a : remaining) {
            AsRunEntry row = asRun.get(a);
            int best = -1;
            for (int p = 0; p < planned.size(); p++) {
                PlannedRow candidate = planned.get(p);
                if (matchOf[p] >= 0 || !Objects.equals(candidate.matchKey(), row.matchKey())) {
                    continue;
                }
                long distance = Math.abs(row.startMs() - candidate.startMs());
                if (distance > numbers.matchWindowMs()) {
                    continue;
                }
                if (best < 0 || closer(row, candidate, planned.get(best), trace)) {
                    best = p;
                }
            }
            if (best >= 0) {
                matchOf[best] = a;
                asRunMatched[a] = true;
                trace.note("by start");
            }
        }

        // One item per planned row, and one per unmatched as-run row that aired
        List<Item> items = new ArrayList<>();
        for (int p = 0; p < planned.size(); p++) {
            PlannedRow plannedRow = planned.get(p);
            AsRunEntry asRunRow = matchOf[p] < 0 ? null : asRun.get(matchOf[p]);
            items.add(new Item(plannedRow.availId(),
                    plannedRow.spotId() != null ? plannedRow.spotId() : asRunRow == null ? null : asRunRow.spotId(),
                    asRunRow == null ? null : asRunRow.eventId(),
                    classOf(numbers, plannedRow, asRunRow),
                    asRunRow == null ? null : asRunRow.startMs() - plannedRow.startMs()));
        }
        for (int a = 0; a < asRun.size(); a++) {
            AsRunEntry row = asRun.get(a);
            if (!asRunMatched[a] && aired(row)) {
                items.add(new Item(row.availId(), row.spotId(), row.eventId(), classOf(numbers, null, row), null));
            }
        }
        return items;
    }

    /** Whether {@code candidate} is to be preferred to {@code best} for {@code row}. */
    private static boolean closer(AsRunEntry row, PlannedRow candidate, PlannedRow best, Trace trace) {
        long candidateDistance = Math.abs(row.startMs() - candidate.startMs());
        long bestDistance = Math.abs(row.startMs() - best.startMs());
        if (candidateDistance != bestDistance) {
            return candidateDistance < bestDistance;
        }
        if (candidate.startMs() != best.startMs()) {
            trace.note("tie: equal distance, earlier start");
            return candidate.startMs() < best.startMs();
        }
        trace.note("tie: same start, smaller availId");
        return candidate.availId().compareTo(best.availId()) < 0;
    }

    /** The first class that applies, in API.md's order. Either side may be null, not both. */
    static String classOf(Numbers numbers, PlannedRow planned, AsRunEntry asRun) {
        boolean aired = asRun != null && aired(asRun);
        if (planned != null && "PREEMPTED".equals(planned.status()) || asRun != null && "PREEMPTED".equals(asRun.status())) {
            return "MAKEGOOD_PENDING";
        }
        if (planned != null && !aired) {
            return "MISSING";
        }
        // from here on the as-run row aired
        if ("SUBSTITUTED".equals(asRun.status())
                || planned != null && planned.assetUri() != null && asRun.assetUri() != null && !planned.assetUri().equals(asRun.assetUri())) {
            return "SUBSTITUTED";
        }
        if (planned == null) {
            return "UNPLANNED";
        }
        String plannedCode = canonical(numbers, planned.billingCode());
        String asRunCode = canonical(numbers, asRun.billingCode());
        if (plannedCode != null && !known(numbers, plannedCode) || asRunCode != null && !known(numbers, asRunCode)
                || plannedCode != null && asRunCode != null && !plannedCode.equals(asRunCode)) {
            return "BILLING_MISMATCH";
        }
        if (Math.abs(asRun.startMs() - planned.startMs()) > numbers.driftToleranceMs()) {
            return "TIMECODE_DRIFT";
        }
        if (Math.abs(asRun.durationMs() - planned.lengthMs()) > numbers.lengthToleranceMs()) {
            return "LENGTH_MISMATCH";
        }
        return "CONFIRMED";
    }

    /** "codes are trimmed and alias-mapped": an alias prefix replaced by its canonical one; none (or blank) is null. */
    static String canonical(Numbers numbers, String code) {
        if (code == null || code.trim().isEmpty()) {
            return null;
        }
        String trimmed = code.trim();
        String longest = null;
        for (String alias : numbers.aliases().keySet()) {
            if (trimmed.startsWith(alias) && (longest == null || alias.length() > longest.length())) {
                longest = alias;
            }
        }
        return longest == null ? trimmed : numbers.aliases().get(longest) + trimmed.substring(longest.length());
    }

    /** A code in the dictionary starts with one of the canonical prefixes. */
    static boolean known(Numbers numbers, String canonicalCode) {
        for (String prefix : numbers.prefixes()) {
            if (canonicalCode.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
