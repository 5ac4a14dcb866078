package com.trafficrules.makegood.evaluation;

import com.trafficrules.kernel.Ruleset;
import com.trafficrules.makegood.evaluation.Inventory.Placement;
import com.trafficrules.makegood.evaluation.MakegoodRules.Exclusions;
import com.trafficrules.makegood.evaluation.MakegoodRules.Judgement;
import com.trafficrules.makegood.facts.AvailOption;
import com.trafficrules.makegood.facts.MakegoodNeed;
import com.trafficrules.makegood.facts.PastDelivery;
import com.trafficrules.makegood.facts.RatingPayload;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A ratings batch decided: each payload judged by the rules, each triggered make-good routed into the avails the
 * rules let it use and reserved there. The same code decides in the service (the database's inventory), in
 * {@code bin/rule-tests} (a scenario's inventory) and in the impact preview (no inventory: judged only).
 */
public final class MakegoodEvaluation {

    /** How many avails an escalation lists for the person who decides it. */
    static final int NEAREST_AVAILS = 5;
    /** How often a make-good that lost its avails to another is routed again before it fails. */
    static final int RESERVATION_ATTEMPTS = 3;

    private MakegoodEvaluation() {
    }

    /** An avail near enough to a make-good that a person may want it: what it failed, at most one condition. */
    public record NearAvail(String availId, long startMs, long remainingMs, double estimatedGrps, SortedSet<String> failed) {
    }

    /**
     * What became of one payload.
     *
     * @param placements where the make-good was reserved (TRIGGERED only)
     * @param nearest    for an escalation (COMPLIANCE_VIOLATION, ROUTING_FAILED), the nearest avails that fail at most one condition
     */
    public record Decided(RatingInput input, String status, Double deliveryRatio, String reason, int priority,
                          double deficitGrps, List<Placement> placements, List<NearAvail> nearest) {

        public String action() {
            return switch (status) {
                case "QUARANTINED" -> "quarantined";
                case "INSUFFICIENT_DATA" -> "defer";
                case "WITHIN_TOLERANCE" -> "none";
                case "COMPLIANCE_VIOLATION" -> "escalated";
                case "TRIGGERED" -> "routed";
                case "ROUTING_FAILED" -> "failed";
                default -> throw new IllegalStateException("No action for status " + status);
            };
        }

        /** Whether the same idempotency key again gets this answer back rather than a new decision. */
        public boolean isFinal() {
            return !status.equals("INSUFFICIENT_DATA") && !status.equals("ROUTING_FAILED") && !status.equals("QUARANTINED");
        }
    }

    public record Outcome(List<Decided> decided, List<String> firedRules) {
    }

    /**
     * Decides {@code inputs} at {@code nowMs}. {@code history} is what earlier spots of the batch's contracts
     * delivered (the batch's own payloads that are not quarantined are added here); {@code inventory} null judges
     * without routing.
     */
    public static Outcome evaluate(Ruleset ruleset, List<RatingInput> inputs, Collection<PastDelivery> history, long nowMs,
                                   Inventory inventory) {
        MakegoodSettings settings = MakegoodSettings.of(ruleset);
        List<RatingPayload> payloads = inputs.stream().filter(RatingInput::readable).map(RatingInput::payload).toList();
        List<PastDelivery> deliveries = new ArrayList<>(history);
        // A quarantined payload is not acted on: what it says it delivered counts in no rolling ratio of the batch.
        Map<Integer, String> quarantined = MakegoodRules.quarantined(ruleset, payloads, nowMs);
        for (RatingPayload p : payloads) {
            if (p.actualGrps() != null && p.contractId() != null && !quarantined.containsKey(p.index())) {
                deliveries.add(new PastDelivery(null, p.contractId(), p.market(), p.airedStartMs(), p.contractedGrps(), p.actualGrps()));
            }
        }
        MakegoodRules.Judgements judgements = MakegoodRules.judge(ruleset, payloads, deliveries, nowMs);
        TreeSet<String> fired = new TreeSet<>(judgements.firedRules());
        Router router = inventory == null ? null : new Router(ruleset, settings, inventory, nowMs, fired);
        List<Decided> decided = new ArrayList<>(inputs.size());
        for (RatingInput input : inputs) {
            if (!input.readable()) {
                decided.add(new Decided(input, "QUARANTINED", null, input.quarantineCode(), input.requestedPriority(), 0,
                        List.of(), List.of()));
                continue;
            }
            RatingPayload p = input.payload();
            Judgement judgement = judgements.byIndex().get(p.index());
            int priority = judgement.priorityEscalated() ? 1 : input.requestedPriority();
            double deficit = p.actualGrps() == null ? 0 : p.contractedGrps() - p.actualGrps();
            Decided judged = new Decided(input, judgement.status(), judgement.ratio(), judgement.quarantineCode(), priority,
                    deficit, List.of(), List.of());
            decided.add(router == null ? judged : router.route(judged));
        }
        return new Outcome(decided, List.copyOf(fired));
    }

    /** Routes one batch's make-goods in payload order, so that earlier ones have first pick. */
    private static final class Router {

        private final Ruleset ruleset;
        private final MakegoodSettings settings;
        private final Inventory inventory;
        private final long nowMs;
        private final Set<String> fired;

        Router(Ruleset ruleset, MakegoodSettings settings, Inventory inventory, long nowMs, Set<String> fired) {
            this.ruleset = ruleset;
            this.settings = settings;
            this.inventory = inventory;
            this.nowMs = nowMs;
            this.fired = fired;
        }

        Decided route(Decided judged) {
            boolean triggered = judged.status().equals("TRIGGERED");
            if (!triggered && !judged.status().equals("COMPLIANCE_VIOLATION")) {
                return judged;
            }
            RatingPayload p = judged.input().payload();
            MakegoodNeed need = new MakegoodNeed(p.index(), p.market(), nowMs, p.cureDeadlineMs(), p.spotLengthMs(), p.productCodes());
            List<AvailOption> around = List.of();
            Exclusions exclusions = null;
            for (int attempt = 0; attempt < RESERVATION_ATTEMPTS; attempt++) {
                around = inventory.around(need);
                exclusions = MakegoodRules.exclusions(ruleset, List.of(need), around);
                fired.addAll(exclusions.firedRules());
                if (!triggered) {
                    return withNearest(judged, "COMPLIANCE_VIOLATION", null, around, exclusions);
                }
                Exclusions excluded = exclusions;
                List<AvailOption> usable = around.stream().filter(a -> excluded.of(need.index(), a.availId()).isEmpty()).toList();
                List<AvailOption> chosen = Routing.choose(judged.deficitGrps(), usable, settings.maxPlacements());
                if (chosen.isEmpty()) {
                    return withNearest(judged, "ROUTING_FAILED", "NO_INVENTORY", around, exclusions);
                }
                List<Placement> placements = inventory.reserve(need, chosen);
                if (!placements.isEmpty()) {
                    return new Decided(judged.input(), "TRIGGERED", judged.deliveryRatio(), null, judged.priority(),
                            judged.deficitGrps(), placements, List.of());
                }
            }
            // Every attempt lost its avails to a make-good routed at the same moment.
            return withNearest(judged, "ROUTING_FAILED", "NO_INVENTORY", around, exclusions);
        }

        private Decided withNearest(Decided judged, String status, String reason, List<AvailOption> around, Exclusions exclusions) {
            int index = judged.input().index();
            Map<String, NearAvail> nearest = new LinkedHashMap<>();
            for (AvailOption avail : around.stream().sorted(Routing.EARLIEST).toList()) {
                SortedSet<String> failed = exclusions.of(index, avail.availId());
                if (failed.size() <= 1 && nearest.size() < NEAREST_AVAILS) {
                    nearest.put(avail.availId(), new NearAvail(avail.availId(), avail.startMs(), avail.remainingMs(),
                            avail.estimatedGrps(), failed));
                }
            }
            return new Decided(judged.input(), status, judged.deliveryRatio(), reason, judged.priority(), judged.deficitGrps(),
                    List.of(), List.copyOf(nearest.values()));
        }
    }

    /** The keys of a batch's payloads, each once, for reading what is known about them. */
    public static Set<String> keys(List<RatingInput> inputs) {
        Set<String> keys = new HashSet<>();
        inputs.forEach(input -> {
            if (input.idempotencyKey() != null) {
                keys.add(input.idempotencyKey());
            }
        });
        return keys;
    }
}
