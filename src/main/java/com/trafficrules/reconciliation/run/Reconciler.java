package com.trafficrules.reconciliation.run;

import com.trafficrules.engine.Evaluation;
import com.trafficrules.kernel.Ruleset;
import com.trafficrules.reconciliation.facts.Classified;
import com.trafficrules.reconciliation.facts.ReconItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Classifies a run's matched rows by the version's rules: one item per planned row and per unmatched aired as-run row. */
public final class Reconciler {

    /** The job's folder under {@code rules/} and {@code rule-tests/}. */
    public static final String JOB = "reconciliation";
    /** The decision kind of a run. */
    public static final String KIND = "reconciliation";
    /** The classes, in the order the rules rank them. */
    public static final List<String> CLASSES = List.of("MAKEGOOD_PENDING", "MISSING", "SUBSTITUTED", "UNPLANNED",
            "BILLING_MISMATCH", "TIMECODE_DRIFT", "LENGTH_MISMATCH", "CONFIRMED");

    private Reconciler() {
    }

    /** One line of the answer. {@code driftMs} is as-run start less planned start on a matched item, else null. */
    public record Item(String availId, String spotId, String eventId, String itemClass, Long driftMs, String reason) {
    }

    public record Classification(List<Item> items, List<String> firedRules) {
    }

    public static Classification classify(Ruleset ruleset, List<PlannedRow> planned, List<AsRunEntry> asRun) {
        ReconciliationSettings settings = ReconciliationSettings.of(ruleset);
        List<ReconItem> items = new ArrayList<>();
        for (Matching.Pair pair : Matching.match(planned, asRun, settings.matchWindowMs())) {
            PlannedRow p = pair.planned();
            AsRunEntry a = pair.asRun();
            if (p == null && !a.aired()) {
                continue;
            }
            String plannedBilling = p == null ? null : settings.canonical(p.billingCode());
            String asRunBilling = a == null ? null : settings.canonical(a.billingCode());
            items.add(new ReconItem(items.size(), p != null ? p.availId() : a.availId(),
                    p != null && p.spotId() != null ? p.spotId() : a == null ? null : a.spotId(), a == null ? null : a.eventId(),
                    p == null ? null : p.status(), p == null ? null : p.assetUri(), plannedBilling, settings.known(plannedBilling),
                    a == null ? null : a.status(), a != null && a.aired(), a == null ? null : a.assetUri(), asRunBilling,
                    settings.known(asRunBilling),
                    p == null || a == null ? null : a.startMs() - p.startMs(),
                    p == null || a == null ? null : a.durationMs() - p.lengthMs()));
        }
        List<Object> facts = new ArrayList<>(items.size() + 1);
        facts.add(settings.policy());
        facts.addAll(items);
        Evaluation evaluation = ruleset.rules().evaluate(JOB, facts);
        Map<Integer, Classified> first = new HashMap<>();
        // The rules report an item's classes highest-ranked first (their salience): the first is the item's class.
        evaluation.outcomes().of(Classified.class).forEach(c -> first.putIfAbsent(c.index(), c));
        List<Item> classified = new ArrayList<>(items.size());
        for (ReconItem item : items) {
            Classified c = first.get(item.index());
            if (c == null) {
                throw new IllegalStateException("The ruleset gave item " + item.index() + " no class");
            }
            classified.add(new Item(item.availId(), item.spotId(), item.eventId(), c.itemClass(),
                    item.matched() && item.planned() ? item.driftMs() : null, c.reason()));
        }
        return new Classification(classified, evaluation.firedRules());
    }
}
