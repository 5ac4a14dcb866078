package com.trafficrules.rotation;

import com.trafficrules.engine.RuleWorkspace;
import com.trafficrules.kernel.Ruleset;
import com.trafficrules.rotation.facts.Break;
import com.trafficrules.rotation.facts.Fault;
import com.trafficrules.rotation.facts.Severity;
import com.trafficrules.rotation.facts.Spot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Builds a rotation with the same rules that validate one. Candidates are taken by priority, then
 * weight, then a seeded draw; each is tried in the breaks in air order, laid back to back from the
 * break's start (FIRST in front, LAST at the end). A placement stays only if the rules find no new
 * CRITICAL fault; otherwise it is taken back and the next break is tried. A candidate no break
 * takes is quarantined with the rules that blocked it.
 */
final class RotationBuilder {

    private static final String OVERFILL = "break-overfill";

    private static final Comparator<BuildPlan.Candidate> PRIORITY_THEN_WEIGHT = Comparator
            .comparingInt((BuildPlan.Candidate candidate) -> candidate.spot().priority()).reversed()
            .thenComparing(Comparator.comparingInt(BuildPlan.Candidate::weight).reversed());

    private final BuildPlan plan;
    private final LocalClock clock;
    private final RuleWorkspace workspace;
    private final RotationFacts spotFacts;
    private final Map<String, List<SpotAttributes>> breakContents = new HashMap<>();
    private final Map<String, Placed> placed = new HashMap<>();
    /**
     * Per break, the shortest candidate the rules found it overfilled by. A break only fills up during a
     * build, so any candidate at least that long would be refused there again: it is not tried.
     */
    private final Map<String, Long> overfilledFrom = new HashMap<>();

    private record Placed(Spot spot, List<RuleWorkspace.Handle> handles) {
    }

    private RotationBuilder(BuildPlan plan, RuleWorkspace workspace, RotationFacts spotFacts) {
        this.plan = plan;
        this.spotFacts = spotFacts;
        this.clock = new LocalClock(plan.policy().zone());
        this.workspace = workspace;
    }

    static Rotation build(Ruleset ruleset, BuildPlan plan) {
        try (RuleWorkspace workspace = ruleset.rules().openWorkspace(RotationValidator.JOB)) {
            return new RotationBuilder(plan, workspace, new RotationFacts(ruleset.rules())).build();
        }
    }

    private Rotation build() {
        RotationFacts.policy(plan.policy()).forEach(workspace::insert);
        plan.breaks().forEach(workspace::insert);
        workspace.fire();
        List<Break> breaksInAirOrder = plan.breaks().stream()
                .sorted(Comparator.comparingLong(Break::startMs).thenComparing(Break::id)).toList();
        List<Rotation.Quarantined> quarantined = new ArrayList<>();
        for (BuildPlan.Candidate candidate : inPlacementOrder()) {
            Set<Rotation.Reason> reasons = new LinkedHashSet<>();
            boolean taken = false;
            long length = candidate.spot().lengthMs();
            for (Break brk : breaksInAirOrder) {
                if (length >= overfilledFrom.getOrDefault(brk.id(), Long.MAX_VALUE)) {
                    reasons.add(new Rotation.Reason(OVERFILL, contentIds(brk)));
                    continue;
                }
                List<Fault> blocking = tryPlacing(candidate.spot(), brk);
                if (blocking.isEmpty()) {
                    taken = true;
                    break;
                }
                blocking.forEach(fault -> reasons.add(reason(fault, candidate.spot().id(), brk)));
                if (blocking.stream().anyMatch(fault -> OVERFILL.equals(fault.rule()) && brk.id().equals(fault.breakId()))) {
                    overfilledFrom.merge(brk.id(), length, Math::min);
                }
            }
            if (!taken) {
                if (reasons.isEmpty()) {
                    reasons.add(new Rotation.Reason("no-break", List.of()));
                }
                quarantined.add(new Rotation.Quarantined(candidate.spot().id(), List.copyOf(reasons)));
            }
        }
        List<Rotation.Placement> placements = placed.values().stream()
                .map(p -> new Rotation.Placement(p.spot().id(), p.spot().breakId(), Instant.ofEpochMilli(p.spot().startMs())))
                .sorted(Comparator.comparing(Rotation.Placement::start).thenComparing(Rotation.Placement::spotId))
                .toList();
        quarantined.sort(Comparator.comparing(Rotation.Quarantined::spotId));
        return new Rotation(placements, List.copyOf(quarantined), workspace.firedRules());
    }

    /** Priority first, then weight; equal ones in the order of a draw seeded by the request. */
    private List<BuildPlan.Candidate> inPlacementOrder() {
        List<BuildPlan.Candidate> order = new ArrayList<>(plan.candidates());
        Collections.shuffle(order, new Random(plan.seed()));
        order.sort(PRIORITY_THEN_WEIGHT);
        return order;
    }

    /** Places the spot in the break; keeps it and returns nothing, or takes it back and returns the CRITICAL faults. */
    private List<Fault> tryPlacing(SpotAttributes candidate, Break brk) {
        List<SpotAttributes> before = breakContents.getOrDefault(brk.id(), List.of());
        List<SpotAttributes> after = withCandidate(before, candidate);
        relayBreak(brk, after);
        List<Fault> critical = critical(workspace.fire());
        if (critical.isEmpty()) {
            breakContents.put(brk.id(), after);
            return List.of();
        }
        unplace(candidate.id());
        relayBreak(brk, before);
        workspace.fire();
        return critical;
    }

    private static List<SpotAttributes> withCandidate(List<SpotAttributes> contents, SpotAttributes candidate) {
        List<SpotAttributes> firsts = contents.stream().filter(s -> s.position() == SoldPosition.FIRST).toList();
        List<SpotAttributes> middle = contents.stream().filter(s -> s.position() == null).toList();
        List<SpotAttributes> lasts = contents.stream().filter(s -> s.position() == SoldPosition.LAST).toList();
        List<SpotAttributes> ordered = new ArrayList<>(contents.size() + 1);
        ordered.addAll(firsts);
        if (candidate.position() == SoldPosition.FIRST) {
            ordered.add(candidate);
        }
        ordered.addAll(middle);
        if (candidate.position() == null) {
            ordered.add(candidate);
        }
        ordered.addAll(lasts);
        if (candidate.position() == SoldPosition.LAST) {
            ordered.add(candidate);
        }
        return ordered;
    }

    /** The break's spots back to back from its start, in the given order. */
    private List<Spot> layOut(Break brk, List<SpotAttributes> contents) {
        List<Spot> spots = new ArrayList<>(contents.size());
        long start = brk.startMs();
        for (SpotAttributes attributes : contents) {
            spots.add(attributes.airingAt(brk.id(), start, clock));
            start += attributes.lengthMs();
        }
        return spots;
    }

    /** Puts the break's spots in the workspace as laid out, replacing only those whose start moved. */
    private void relayBreak(Break brk, List<SpotAttributes> contents) {
        for (Spot spot : layOut(brk, contents)) {
            Placed current = placed.get(spot.id());
            if (current != null && current.spot().equals(spot)) {
                continue;
            }
            if (current != null) {
                current.handles().forEach(workspace::delete);
            }
            placed.put(spot.id(), new Placed(spot, spotFacts.of(spot).stream().map(workspace::insert).toList()));
        }
    }

    private void unplace(String spotId) {
        Placed removed = placed.remove(spotId);
        if (removed != null) {
            removed.handles().forEach(workspace::delete);
        }
    }

    private List<String> contentIds(Break brk) {
        return breakContents.getOrDefault(brk.id(), List.of()).stream().map(SpotAttributes::id).sorted().toList();
    }

    private static List<Fault> critical(List<Object> outcomes) {
        return outcomes.stream().filter(Fault.class::isInstance).map(Fault.class::cast)
                .filter(fault -> fault.severity() == Severity.CRITICAL).toList();
    }

    /** The fault seen from the candidate: which rule, and which other spots it clashed with. */
    private Rotation.Reason reason(Fault fault, String candidateId, Break brk) {
        List<String> others = fault.breakId() != null
                ? contentIds(brk)
                : Stream.concat(Stream.of(fault.spotId()), fault.conflictingIds().stream())
                        .filter(id -> !id.equals(candidateId)).distinct().sorted().toList();
        return new Rotation.Reason(fault.rule(), others);
    }
}
