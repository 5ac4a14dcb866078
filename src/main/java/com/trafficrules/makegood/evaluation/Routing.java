package com.trafficrules.makegood.evaluation;

import com.trafficrules.makegood.facts.AvailOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Where a make-good goes among the avails the rules let it use. */
public final class Routing {

    private static final Comparator<AvailOption> LARGEST = Comparator.comparingDouble(AvailOption::estimatedGrps).reversed()
            .thenComparing(AvailOption.EARLIEST);

    private Routing() {
    }

    /**
     * The earliest single avail whose estimated GRPs cover the deficit; else the largest estimates first (ties
     * earliest) until they cover it, at most {@code maxPlacements}; else none.
     */
    public static List<AvailOption> choose(double deficitGrps, List<AvailOption> usable, int maxPlacements) {
        List<AvailOption> byStart = usable.stream().sorted(AvailOption.EARLIEST).toList();
        for (AvailOption avail : byStart) {
            if (avail.estimatedGrps() >= deficitGrps) {
                return List.of(avail);
            }
        }
        List<AvailOption> chosen = new ArrayList<>();
        double covered = 0;
        for (AvailOption avail : usable.stream().sorted(LARGEST).limit(maxPlacements).toList()) {
            chosen.add(avail);
            covered += avail.estimatedGrps();
            if (covered >= deficitGrps) {
                return chosen;
            }
        }
        return List.of();
    }
}
