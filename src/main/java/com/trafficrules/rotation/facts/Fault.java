package com.trafficrules.rotation.facts;

import java.util.List;

/**
 * A broken rule, named by the rule itself. A pair fault sits on the later spot and names the earlier
 * one in {@code conflictingIds}; {@code breakId} is set only for faults of a whole break.
 */
public record Fault(String rule, Severity severity, String spotId, String breakId, List<String> conflictingIds,
                    String message) {

    public Fault {
        conflictingIds = List.copyOf(conflictingIds);
    }

    public static Fault pair(String rule, Severity severity, Spot later, Spot earlier, String message) {
        return new Fault(rule, severity, later.id(), null, List.of(earlier.id()), message);
    }

    public static Fault ofSpot(String rule, Severity severity, Spot spot, String message) {
        return new Fault(rule, severity, spot.id(), null, List.of(), message);
    }

    /** A spot in fault because of several earlier ones, e.g. the plays a cap already counted, named in air order. */
    public static Fault against(String rule, Severity severity, Spot spot, List<Spot> earlier, String message) {
        List<String> earlierIds = earlier.stream()
                .sorted((a, b) -> a.airsBefore(b) ? -1 : b.airsBefore(a) ? 1 : 0)
                .map(Spot::id).toList();
        return new Fault(rule, severity, spot.id(), null, earlierIds, message);
    }

    public static Fault ofBreak(String rule, Severity severity, Break brk, String message) {
        return new Fault(rule, severity, null, brk.id(), List.of(), message);
    }
}
