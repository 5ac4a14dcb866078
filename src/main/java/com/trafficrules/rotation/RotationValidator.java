package com.trafficrules.rotation;

import com.trafficrules.engine.Evaluation;
import com.trafficrules.kernel.Ruleset;
import com.trafficrules.rotation.facts.Fault;
import com.trafficrules.rotation.facts.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Judges a traffic log with the ruleset's rotation rules. */
public final class RotationValidator {

    static final String JOB = "rotation";

    private RotationValidator() {
    }

    public static RotationVerdict validate(Ruleset ruleset, RotationLog log) {
        List<Object> facts = new ArrayList<>(RotationFacts.policy(log.policy()));
        facts.addAll(log.breaks());
        RotationFacts spotFacts = new RotationFacts(ruleset.rules());
        log.spots().forEach(spot -> spotFacts.addSpot(spot, facts));
        Evaluation evaluation = ruleset.rules().evaluate(JOB, facts);
        List<Fault> faults = new ArrayList<>(evaluation.outcomes().of(Fault.class));
        faults.sort(inAirOrder(log));
        boolean valid = faults.stream().noneMatch(fault -> fault.severity() == Severity.CRITICAL);
        return new RotationVerdict(valid, List.copyOf(faults), evaluation.firedRules());
    }

    /** The order a verdict lists its faults in: by the start of what they are about (spot, else break), then rule, then spot id. */
    public static Comparator<Fault> inAirOrder(RotationLog log) {
        Map<String, Long> spotStarts = new HashMap<>();
        log.spots().forEach(spot -> spotStarts.put(spot.id(), spot.startMs()));
        Map<String, Long> breakStarts = new HashMap<>();
        log.breaks().forEach(brk -> breakStarts.put(brk.id(), brk.startMs()));
        Comparator<String> nullsFirst = Comparator.nullsFirst(Comparator.naturalOrder());
        return Comparator.<Fault>comparingLong(fault -> fault.spotId() != null
                        ? spotStarts.getOrDefault(fault.spotId(), Long.MIN_VALUE)
                        : breakStarts.getOrDefault(fault.breakId(), Long.MIN_VALUE))
                .thenComparing(Fault::rule)
                .thenComparing(Fault::spotId, nullsFirst)
                .thenComparing(Fault::breakId, nullsFirst)
                .thenComparing(fault -> String.join(",", fault.conflictingIds()));
    }
}
