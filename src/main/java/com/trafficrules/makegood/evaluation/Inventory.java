package com.trafficrules.makegood.evaluation;

import com.trafficrules.makegood.facts.AvailOption;
import com.trafficrules.makegood.facts.MakegoodNeed;
import java.util.List;

/** The future avails a batch's make-goods are routed into: the database's, or a scenario's in memory. */
public interface Inventory {

    /** The avails of the need's market around its cure window, as they stand now. */
    List<AvailOption> around(MakegoodNeed need);

    /**
     * Takes the spot's length from each avail and adds its product codes, all or none, provided each is still as
     * {@link #around} showed it; the placements when it did, none when another make-good got there first.
     */
    List<Placement> reserve(MakegoodNeed need, List<AvailOption> avails);

    /** Where a make-good sits: its avail, its start in the avail and its length. */
    record Placement(String availId, long startMs, long durationMs, String programId, double estimatedGrps) {
    }
}
