package com.trafficrules.makegood.evaluation;

import com.trafficrules.makegood.facts.AvailOption;
import com.trafficrules.makegood.facts.MakegoodNeed;
import java.util.List;
import java.util.Map;

/** The future avails a batch's make-goods are routed into: the database's, or a scenario's in memory. */
public interface Inventory {

    /** For each need (by its index), the avails of its market around its cure window, as they stand now. */
    Map<Integer, List<AvailOption>> around(List<MakegoodNeed> needs);

    /**
     * Takes the spot's length from each avail and adds its product codes, all or none, provided each is still as
     * {@link #around} showed it; the placements when it did, none when another make-good got there first.
     */
    List<Placement> reserve(MakegoodNeed need, List<AvailOption> avails);

    /** Where a make-good sits: its avail, its start in the avail and its length. */
    record Placement(String availId, long startMs, long durationMs, String programId, double estimatedGrps) {
    }
}
