package com.trafficrules.makegood.evaluation;

import com.trafficrules.makegood.facts.RatingPayload;
import com.trafficrules.makegood.facts.ToleranceBand;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How the history a batch's rolling ratios count is condensed. A rolling ratio sums what a contract's spots delivered in
 * its market over a window ending at the payload's air time. The windows of a batch's payloads cut each contract's
 * air times in a market into stretches, between the windows' starts and ends, within which every spot falls in the
 * same windows: its spots are only ever counted together. So the store sums each stretch, and the rules get one
 * delivery a stretch, at its last spot's air time; they decide the same on it, and a batch's decision stores a few
 * hundred deliveries instead of every spot of its contracts' last week. Condensed for
 * the version's window: replaying under another window counts the stretches, not the spots.
 */
public final class RollingHistory {

    private RollingHistory() {
    }

    /** A contract's spots in one market aired in {@code (afterMs, untilMs]}: all of them in the same windows of the batch. */
    public record Stretch(String contractId, String market, long afterMs, long untilMs) {
    }

    /**
     * The stretches of the batch's contracts that lie in some rolling window of {@code inputs}' payloads under
     * {@code settings}, by contract, market and time.
     */
    public static List<Stretch> stretches(MakegoodSettings settings, List<RatingInput> inputs) {
        long windowMs = settings.policy().rollingWindowMs();
        Map<ContractMarket, TreeSet<Long>> windowEnds = new TreeMap<>(ContractMarket.ORDER);
        for (RatingInput input : inputs) {
            RatingPayload p = input.payload();
            ToleranceBand band = p == null ? null : settings.band(p.marketTier());
            if (band != null && band.rolling() && p.contractId() != null) {
                windowEnds.computeIfAbsent(new ContractMarket(p.contractId(), p.market()), k -> new TreeSet<>()).add(p.airedStartMs());
            }
        }
        List<Stretch> stretches = new ArrayList<>();
        windowEnds.forEach((key, ends) -> {
            TreeSet<Long> edges = new TreeSet<>(ends);
            ends.forEach(end -> edges.add(end - windowMs));
            Long after = null;
            for (long until : edges) {
                // Every spot of (after, until] is in the window of the first end at or after until, if that is in any.
                Long end = ends.ceiling(until);
                if (after != null && end != null && end - windowMs < until) {
                    stretches.add(new Stretch(key.contractId(), key.market(), after, until));
                }
                after = until;
            }
        });
        return List.copyOf(stretches);
    }

    private record ContractMarket(String contractId, String market) {
        static final Comparator<ContractMarket> ORDER = Comparator.comparing(ContractMarket::contractId)
                .thenComparing(ContractMarket::market);
    }
}
