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
import java.util.HashMap;
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
        MakegoodRules.Judgements judgements = MakegoodRules.judge(ruleset, payloads, history, nowMs);
        TreeSet<String> fired = new TreeSet<>(judgements.firedRules());
        List<Decided> judged = new ArrayList<>(inputs.size());
        for (RatingInput input : inputs) {
            if (!input.readable()) {
                judged.add(new Decided(input, "QUARANTINED", null, input.quarantineCode(), input.requestedPriority(), 0,
                        List.of(), List.of()));
                continue;
            }
            RatingPayload p = input.payload();
            Judgement judgement = judgements.byIndex().get(p.index());
            int priority = judgement.priorityEscalated() ? 1 : input.requestedPriority();
            double deficit = p.actualGrps() == null ? 0 : p.contractedGrps() - p.actualGrps();
            judged.add(new Decided(input, judgement.status(), judgement.ratio(), judgement.quarantineCode(), priority, deficit,
                    List.of(), List.of()));
        }
        if (inventory == null) {
            return new Outcome(judged, List.copyOf(fired));
        }
        Map<Integer, MakegoodNeed> needs = new LinkedHashMap<>();
        for (Decided d : judged) {
            if (d.status().equals("TRIGGERED") || d.status().equals("COMPLIANCE_VIOLATION")) {
                RatingPayload p = d.input().payload();
                needs.put(p.index(), new MakegoodNeed(p.index(), p.market(), nowMs, p.cureDeadlineMs(), p.spotLengthMs(),
                        p.productCodes()));
            }
        }
        Router router = new Router(ruleset, settings, inventory, List.copyOf(needs.values()), fired);
        List<Decided> decided = judged.stream()
                .map(d -> needs.containsKey(d.input().index()) ? router.route(d, needs.get(d.input().index())) : d).toList();
        return new Outcome(decided, List.copyOf(fired));
    }

    /**
     * Routes one batch's make-goods in payload order, so that earlier ones have first pick. The batch's avails are
     * read and judged for every make-good at once; a make-good whose avails an earlier one of the batch took from
     * is judged again against them as they now stand, and one that lost its avails to another batch reads them again.
     */
    private static final class Router {

        private final Ruleset ruleset;
        private final MakegoodSettings settings;
        private final Inventory inventory;
        private final Set<String> fired;
        private final Map<Integer, List<AvailOption>> around;
        private final Exclusions exclusions;
        /** The avails this batch reserved in, as they stand after it. */
        private final Map<String, AvailOption> taken = new HashMap<>();

        Router(Ruleset ruleset, MakegoodSettings settings, Inventory inventory, List<MakegoodNeed> needs, Set<String> fired) {
            this.ruleset = ruleset;
            this.settings = settings;
            this.inventory = inventory;
            this.fired = fired;
            this.around = inventory.around(needs);
            Map<String, AvailOption> distinct = new LinkedHashMap<>();
            around.values().forEach(avails -> avails.forEach(avail -> distinct.putIfAbsent(avail.availId(), avail)));
            this.exclusions = judge(needs, distinct.values());
        }

        Decided route(Decided judged, MakegoodNeed need) {
            List<AvailOption> options = around.getOrDefault(need.index(), List.of());
            Exclusions excluded = exclusions;
            List<AvailOption> changed = options.stream().filter(avail -> taken.containsKey(avail.availId()))
                    .map(avail -> taken.get(avail.availId())).toList();
            if (!changed.isEmpty()) {
                // Only the avails an earlier make-good of the batch took from are judged again; the rest stand.
                options = options.stream().map(avail -> taken.getOrDefault(avail.availId(), avail)).toList();
                excluded = excluded.replacing(need.index(), judge(List.of(need), changed),
                        changed.stream().map(AvailOption::availId).toList());
            }
            if (judged.status().equals("COMPLIANCE_VIOLATION")) {
                return withNearest(judged, "COMPLIANCE_VIOLATION", null, options, excluded);
            }
            for (int attempt = 0; attempt < RESERVATION_ATTEMPTS; attempt++) {
                Exclusions now = excluded;
                List<AvailOption> usable = options.stream().filter(a -> now.of(need.index(), a.availId()).isEmpty()).toList();
                List<AvailOption> chosen = Routing.choose(judged.deficitGrps(), usable, settings.maxPlacements());
                if (chosen.isEmpty()) {
                    return withNearest(judged, "ROUTING_FAILED", "NO_INVENTORY", options, excluded);
                }
                List<Placement> placements = inventory.reserve(need, chosen);
                if (!placements.isEmpty()) {
                    chosen.forEach(avail -> taken.put(avail.availId(), after(avail, need)));
                    return new Decided(judged.input(), "TRIGGERED", judged.deliveryRatio(), null, judged.priority(),
                            judged.deficitGrps(), placements, List.of());
                }
                // Another batch changed one of them since they were read: read this make-good's avails again.
                options = inventory.around(List.of(need)).getOrDefault(need.index(), List.of());
                options.forEach(avail -> {
                    if (taken.containsKey(avail.availId())) {
                        taken.put(avail.availId(), avail);
                    }
                });
                excluded = judge(List.of(need), options);
            }
            // Every attempt lost its avails to a make-good routed at the same moment.
            return withNearest(judged, "ROUTING_FAILED", "NO_INVENTORY", options, excluded);
        }

        private Exclusions judge(Collection<MakegoodNeed> needs, Collection<AvailOption> avails) {
            Exclusions judged = MakegoodRules.exclusions(ruleset, needs, avails);
            fired.addAll(judged.firedRules());
            return judged;
        }

        /** The avail as a reservation for {@code need} leaves it: the spot's length less room, its codes added. */
        private static AvailOption after(AvailOption avail, MakegoodNeed need) {
            TreeSet<String> codes = new TreeSet<>(avail.productCodes());
            codes.addAll(need.productCodes());
            return new AvailOption(avail.availId(), avail.market(), avail.programId(), avail.startMs(), avail.durationMs(),
                    avail.remainingMs() - need.spotLengthMs(), avail.estimatedGrps(), List.copyOf(codes));
        }

        private Decided withNearest(Decided judged, String status, String reason, List<AvailOption> options, Exclusions exclusions) {
            int index = judged.input().index();
            Map<String, NearAvail> nearest = new LinkedHashMap<>();
            for (AvailOption avail : options.stream().sorted(Routing.EARLIEST).toList()) {
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
