package com.trafficrules.makegood.evaluation;

import com.trafficrules.engine.Evaluation;
import com.trafficrules.kernel.Ruleset;
import com.trafficrules.makegood.facts.AvailOption;
import com.trafficrules.makegood.facts.Exclusion;
import com.trafficrules.makegood.facts.Ingestion;
import com.trafficrules.makegood.facts.Judged;
import com.trafficrules.makegood.facts.MakegoodNeed;
import com.trafficrules.makegood.facts.PastDelivery;
import com.trafficrules.makegood.facts.PriorityEscalated;
import com.trafficrules.makegood.facts.Quarantined;
import com.trafficrules.makegood.facts.RatingPayload;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** The two questions the make-good rules answer: how each payload delivered, and which avails each make-good may use. */
public final class MakegoodRules {

    /** The job's folder under {@code rules/} and {@code rule-tests/}. */
    public static final String JOB = "makegood";
    /** The decision kind of a ratings batch. */
    public static final String KIND = "ratings";

    /** The quarantine codes in the order the contract ranks them: a payload with several reports the first. */
    public static final List<String> QUARANTINE_ORDER = List.of("MISSING_FIELD", "UNKNOWN_TIER", "UNPARSEABLE_TIME",
            "INVALID_NUMBER", "NON_POSITIVE_CONTRACTED", "INVALID_TIME_RANGE", "STALE_TELEMETRY");

    private MakegoodRules() {
    }

    /**
     * What the rules made of one payload: quarantined with a code, or a status with the ratio that decided it.
     * Quarantine comes first: a payload any quarantine rule reports is judged no further.
     */
    public record Judgement(String status, Double ratio, String quarantineCode, boolean priorityEscalated) {
    }

    public record Judgements(Map<Integer, Judgement> byIndex, List<String> firedRules) {
    }

    /** Judges the payloads against the version's bands, with the deliveries their rolling ratios count. */
    public static Judgements judge(Ruleset ruleset, List<RatingPayload> payloads, Collection<PastDelivery> history, long nowMs) {
        // Quarantine first, on its own: a quarantined payload is judged no further, and what it says it delivered
        // counts in no rolling ratio of the batch.
        Evaluation quarantine = evaluate(ruleset, payloads, List.of(), nowMs);
        Map<Integer, String> quarantined = quarantineCodes(quarantine);
        List<RatingPayload> judgeable = payloads.stream().filter(p -> !quarantined.containsKey(p.index())).toList();
        List<PastDelivery> deliveries = new ArrayList<>(history);
        for (RatingPayload p : judgeable) {
            if (p.actualGrps() != null && p.contractId() != null) {
                deliveries.add(new PastDelivery(p.contractId(), p.market(), p.airedStartMs(), p.contractedGrps(), p.actualGrps()));
            }
        }
        Evaluation evaluation = evaluate(ruleset, judgeable, deliveries, nowMs);
        Set<Integer> escalated = new HashSet<>();
        evaluation.outcomes().of(PriorityEscalated.class).forEach(p -> escalated.add(p.index()));
        Map<Integer, Judged> judged = new HashMap<>();
        for (Judged j : evaluation.outcomes().of(Judged.class)) {
            Judged earlier = judged.putIfAbsent(j.index(), j);
            if (earlier != null) {
                throw new IllegalStateException("The ruleset judged payload " + j.index() + " twice: " + earlier.status()
                        + " and " + j.status());
            }
        }
        Map<Integer, Judgement> byIndex = new HashMap<>();
        for (RatingPayload payload : payloads) {
            int index = payload.index();
            String code = quarantined.get(index);
            Judged j = judged.get(index);
            if (code != null) {
                byIndex.put(index, new Judgement("QUARANTINED", null, code, false));
            } else if (j == null) {
                throw new IllegalStateException("The ruleset gave payload " + index + " no status");
            } else {
                byIndex.put(index, new Judgement(j.status(), j.ratio(), null, escalated.contains(index)));
            }
        }
        TreeSet<String> fired = new TreeSet<>(quarantine.firedRules());
        fired.addAll(evaluation.firedRules());
        return new Judgements(byIndex, List.copyOf(fired));
    }


    private static Evaluation evaluate(Ruleset ruleset, List<RatingPayload> payloads, Collection<PastDelivery> deliveries,
                                       long nowMs) {
        MakegoodSettings settings = MakegoodSettings.of(ruleset);
        List<Object> facts = new ArrayList<>(payloads.size() + deliveries.size() + settings.tiers().size() + 2);
        facts.add(new Ingestion(nowMs));
        facts.add(settings.policy());
        facts.addAll(settings.tiers().values());
        facts.addAll(payloads);
        facts.addAll(deliveries);
        return ruleset.rules().evaluate(JOB, facts);
    }

    private static Map<Integer, String> quarantineCodes(Evaluation evaluation) {
        Map<Integer, String> quarantined = new HashMap<>();
        for (Quarantined q : evaluation.outcomes().of(Quarantined.class)) {
            quarantined.merge(q.index(), q.code(), MakegoodRules::firstCode);
        }
        return quarantined;
    }

    public record Exclusions(Map<Integer, Map<String, SortedSet<String>>> byNeed, List<String> firedRules) {

        /** The conditions {@code avail} fails for need {@code index}; empty when the make-good may use it. */
        public SortedSet<String> of(int index, String availId) {
            return byNeed.getOrDefault(index, Map.of()).getOrDefault(availId, Collections.emptySortedSet());
        }
    }

    /** Which of the avails each need may not use, and why. */
    public static Exclusions exclusions(Ruleset ruleset, Collection<MakegoodNeed> needs, Collection<AvailOption> avails) {
        if (needs.isEmpty()) {
            return new Exclusions(Map.of(), List.of());
        }
        List<Object> facts = new ArrayList<>(needs.size() + avails.size());
        facts.addAll(needs);
        facts.addAll(avails);
        Evaluation evaluation = ruleset.rules().evaluate(JOB, facts);
        Map<Integer, Map<String, SortedSet<String>>> byNeed = new HashMap<>();
        for (Exclusion e : evaluation.outcomes().of(Exclusion.class)) {
            byNeed.computeIfAbsent(e.index(), i -> new HashMap<>()).computeIfAbsent(e.availId(), a -> new TreeSet<>()).add(e.condition());
        }
        return new Exclusions(byNeed, evaluation.firedRules());
    }

    private static String firstCode(String a, String b) {
        return QUARANTINE_ORDER.indexOf(a) <= QUARANTINE_ORDER.indexOf(b) ? a : b;
    }
}
