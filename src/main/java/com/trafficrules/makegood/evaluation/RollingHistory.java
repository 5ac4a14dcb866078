package com.trafficrules.makegood.evaluation;

import com.trafficrules.makegood.facts.PastDelivery;
import com.trafficrules.makegood.facts.RatingPayload;
import com.trafficrules.makegood.facts.ToleranceBand;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The history a batch's rolling ratios count, condensed. A rolling ratio sums what a contract's spots delivered in
 * its market over a window ending at the payload's air time; spots that fall in exactly the same windows of the
 * batch's payloads are only ever counted together, so each such group becomes one delivery with their sums, at
 * the last one's air time. The rules decide the same on it, and a batch's decision stores a few hundred
 * deliveries instead of every spot of its contracts' last week (some 14,000 in the benchmark, 3 MB of JSON).
 * A spot in no window is left out. Condensed for the version's window: replaying under another window counts
 * the groups, not the spots.
 */
public final class RollingHistory {

    private RollingHistory() {
    }

    /** {@code history} condensed for the rolling windows of {@code inputs}' payloads under {@code settings}. */
    public static List<PastDelivery> condensed(MakegoodSettings settings, List<RatingInput> inputs, List<PastDelivery> history) {
        long windowMs = settings.policy().rollingWindowMs();
        Map<String, List<Long>> windowEnds = new HashMap<>();
        for (RatingInput input : inputs) {
            RatingPayload p = input.payload();
            ToleranceBand band = p == null ? null : settings.band(p.marketTier());
            if (band != null && band.rolling() && p.contractId() != null) {
                windowEnds.computeIfAbsent(key(p.contractId(), p.market()), k -> new ArrayList<>()).add(p.airedStartMs());
            }
        }
        Map<Group, PastDelivery> groups = new LinkedHashMap<>();
        for (PastDelivery delivery : history) {
            List<Long> ends = windowEnds.getOrDefault(key(delivery.contractId(), delivery.market()), List.of());
            BitSet windows = new BitSet(ends.size());
            for (int i = 0; i < ends.size(); i++) {
                if (delivery.airedStartMs() > ends.get(i) - windowMs && delivery.airedStartMs() <= ends.get(i)) {
                    windows.set(i);
                }
            }
            if (!windows.isEmpty()) {
                groups.merge(new Group(delivery.contractId(), delivery.market(), windows), delivery, RollingHistory::together);
            }
        }
        return List.copyOf(groups.values());
    }

    private static PastDelivery together(PastDelivery a, PastDelivery b) {
        return new PastDelivery(null, a.contractId(), a.market(), Math.max(a.airedStartMs(), b.airedStartMs()),
                a.contractedGrps() + b.contractedGrps(), a.actualGrps() + b.actualGrps());
    }

    private static String key(String contractId, String market) {
        return contractId + "\u0000" + market;
    }

    private record Group(String contractId, String market, BitSet windows) {
    }
}
