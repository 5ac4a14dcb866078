package com.trafficrules.makegood.evaluation;

import com.trafficrules.makegood.facts.AvailOption;
import com.trafficrules.makegood.facts.MakegoodNeed;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The future avails a batch's make-goods are routed into: the database's, or a scenario's in memory. A batch reads
 * what it needs without holding anything; then it holds the markets it routes in, learns how the avails it read
 * stand now, and routes and reserves against that, so that the time it holds the markets is short.
 */
public interface Inventory {

    /**
     * For each need (by its index), the avails of its market around its cure window as they stand now, by start:
     * the {@code earliest} first ones, or all of them when {@code earliest} is 0. A list of fewer than
     * {@code earliest} is all there is.
     */
    Map<Integer, List<AvailOption>> around(List<MakegoodNeed> needs, int earliest);

    /**
     * Holds these markets for the batch until it ends (another batch routing there waits), and says how these
     * avails of theirs stand now.
     */
    Map<String, AvailOption> hold(Collection<String> markets, Collection<String> availIds);

    /**
     * Reserves each make-good in its avails, whose markets this batch holds and which stand as it last saw them, in
     * the order given: the spot's length taken from each and its product codes added. Where each one sits, by need index.
     */
    Map<Integer, List<Placement>> reserve(List<Taking> takings);

    /** A make-good and the avails it was routed into. */
    record Taking(MakegoodNeed need, List<AvailOption> avails) {
    }

    /** Where a make-good sits: its avail, its start in the avail and its length. */
    record Placement(String availId, long startMs, long durationMs, String programId, double estimatedGrps) {
    }

    /**
     * The placements of {@code takings} one after another, each spot after what was taken from its avail before:
     * {@code bookedRemainingMs} less the room left. {@code standing} holds each avail as it stands and is left as
     * the takings leave it.
     */
    static Map<Integer, List<Placement>> place(List<Taking> takings, Map<String, AvailOption> standing,
                                               Map<String, Long> bookedRemainingMs) {
        Map<Integer, List<Placement>> placed = new LinkedHashMap<>();
        for (Taking taking : takings) {
            MakegoodNeed need = taking.need();
            List<Placement> placements = new ArrayList<>();
            for (AvailOption chosen : taking.avails()) {
                AvailOption avail = standing.get(chosen.availId());
                long offsetMs = bookedRemainingMs.get(avail.availId()) - avail.remainingMs();
                placements.add(new Placement(avail.availId(), avail.startMs() + offsetMs, need.spotLengthMs(), avail.programId(),
                        avail.estimatedGrps()));
                standing.put(avail.availId(), taken(avail, need));
            }
            placed.put(need.index(), List.copyOf(placements));
        }
        return placed;
    }

    /** The avail as a reservation for {@code need} leaves it: the spot's length less room, its codes added. */
    static AvailOption taken(AvailOption avail, MakegoodNeed need) {
        TreeSet<String> codes = new TreeSet<>(avail.productCodes());
        codes.addAll(need.productCodes());
        return new AvailOption(avail.availId(), avail.market(), avail.programId(), avail.startMs(), avail.durationMs(),
                avail.remainingMs() - need.spotLengthMs(), avail.estimatedGrps(), List.copyOf(codes));
    }
}
