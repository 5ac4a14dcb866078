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
        List<Decided> toRoute = judged.stream().filter(d -> needs.containsKey(d.input().index())).toList();
        Map<Integer, Decided> routed = new Router(ruleset, settings, inventory, needs, toRoute, fired).route(toRoute);
        List<Decided> decided = judged.stream().map(d -> routed.getOrDefault(d.input().index(), d)).toList();
        return new Outcome(decided, List.copyOf(fired));
    }

    /**
     * Routes one batch's make-goods in payload order, so that earlier ones have first pick. Most of the work is done
     * before the batch holds its markets: each make-good reads its earliest avails, and all of them only when those
     * hold no single avail that covers it, and the rules judge them. Then, holding the markets, the batch reads
     * again how those avails stand, has the rules judge again the ones another batch reserved in meanwhile, routes
     * each make-good after what the ones before it took, and reserves.
     */
    private static final class Router {

        /** How many avails a make-good reads first: a single avail that covers it is nearly always among them. */
        static final int EARLIEST_AVAILS = 24;

        private final Ruleset ruleset;
        private final MakegoodSettings settings;
        private final Inventory inventory;
        private final Set<String> fired;
        private final Map<Integer, MakegoodNeed> needs = new LinkedHashMap<>();
        /** Each make-good's avails by start, as far as they were read; and the make-goods all of whose avails were read. */
        private final Map<Integer, List<String>> optionIds = new HashMap<>();
        private final Set<Integer> readAll = new HashSet<>();
        /** Each avail as it stood when it was last read. */
        private final Map<String, AvailOption> known = new HashMap<>();
        /** What the rules said of a make-good and an avail as it stood: the conditions it failed, by need index and avail. */
        private final Map<Integer, Map<AvailOption, SortedSet<String>>> judged = new HashMap<>();

        Router(Ruleset ruleset, MakegoodSettings settings, Inventory inventory, Map<Integer, MakegoodNeed> needs,
               List<Decided> toRoute, Set<String> fired) {
            this.ruleset = ruleset;
            this.settings = settings;
            this.inventory = inventory;
            this.fired = fired;
            this.needs.putAll(needs);
            read(List.copyOf(needs.values()), EARLIEST_AVAILS, false);
            // What the earliest avails cannot settle as read, they cannot after the batch's own reservations either
            // (those only take room and add codes): such make-goods read all their avails now, in one query.
            read(toRoute.stream().filter(d -> !readAll.contains(d.input().index()) && !settled(d))
                    .map(d -> needs.get(d.input().index())).toList(), 0, false);
        }

        /** The make-goods of {@code toRoute} (in payload order) routed, reserved or escalated, by payload index. */
        Map<Integer, Decided> route(List<Decided> toRoute) {
            Set<String> markets = new TreeSet<>();
            needs.values().forEach(need -> markets.add(need.market()));
            // Another batch may have reserved in some since they were read; those are judged again as they now stand.
            // Only the avails the rules found usable are read again: a reservation only takes room and adds product
            // codes, so one found unusable stays so. (One that a cancellation or an upsert made usable in between is
            // seen by the next batch, or by the routing retries.)
            inventory.hold(markets, usable()).values().forEach(this::fresh);
            return reserve(pass(toRoute));
        }

        /** The avails that failed no condition for some make-good, as they stood when read, by id. */
        private List<String> usable() {
            Set<String> usable = new HashSet<>();
            judged.values().forEach(byAvail -> byAvail.forEach((avail, failed) -> {
                if (failed.isEmpty()) {
                    usable.add(avail.availId());
                }
            }));
            return usable.stream().sorted().toList();
        }

        /**
         * Routes every make-good in turn against the avails as known, each after what the ones before it took. The
         * placements here say only which avails a make-good takes; where in them it sits is {@link #reserve}'s.
         */
        private Map<Integer, Decided> pass(List<Decided> toRoute) {
            Map<String, AvailOption> takenHere = new HashMap<>();
            Map<Integer, Decided> routed = new LinkedHashMap<>();
            for (Decided judgedPayload : toRoute) {
                MakegoodNeed need = needs.get(judgedPayload.input().index());
                Decided decided = routeOne(judgedPayload, need, takenHere);
                for (Placement placement : decided.placements()) {
                    takenHere.put(placement.availId(), Inventory.taken(standing(placement.availId(), takenHere), need));
                }
                routed.put(need.index(), decided);
            }
            return routed;
        }

        private Decided routeOne(Decided judgedPayload, MakegoodNeed need, Map<String, AvailOption> takenHere) {
            Decided decided = tryRoute(judgedPayload, need, takenHere);
            if (decided == null) {
                // Read while the batch holds the markets: these avails stand as read, but for what this pass took.
                read(List.of(need), 0, true);
                decided = tryRoute(judgedPayload, need, takenHere);
            }
            return decided;
        }

        /** Whether the avails as read so far settle the make-good. */
        private boolean settled(Decided judgedPayload) {
            return tryRoute(judgedPayload, needs.get(judgedPayload.input().index()), Map.of()) != null;
        }

        /** An avail as it stands: as this pass left it when it took some of it, else as last read. */
        private AvailOption standing(String availId, Map<String, AvailOption> takenHere) {
            AvailOption taken = takenHere.get(availId);
            return taken != null ? taken : known.get(availId);
        }

        /**
         * The make-good routed or escalated, against the avails as last read but for what this pass took of them;
         * null when that takes more of its avails than were read.
         */
        private Decided tryRoute(Decided judgedPayload, MakegoodNeed need, Map<String, AvailOption> takenHere) {
            boolean all = readAll.contains(need.index());
            List<AvailOption> options = new ArrayList<>();
            optionIds.get(need.index()).forEach(id -> options.add(standing(id, takenHere)));
            Map<AvailOption, SortedSet<String>> failed = judge(need, options);
            if (judgedPayload.status().equals("COMPLIANCE_VIOLATION")) {
                List<NearAvail> nearest = nearest(options, failed);
                return nearest.size() < NEAREST_AVAILS && !all ? null : escalated(judgedPayload, "COMPLIANCE_VIOLATION", null, nearest);
            }
            List<AvailOption> usable = options.stream()
                    .filter(avail -> failed.get(avail).isEmpty()).toList();
            List<AvailOption> chosen = Routing.choose(judgedPayload.deficitGrps(), usable, settings.maxPlacements());
            if (chosen.size() != 1 && !all) {
                // Only a single avail that covers the deficit is sure to be the earliest without reading them all.
                return null;
            }
            if (chosen.isEmpty()) {
                return escalated(judgedPayload, "ROUTING_FAILED", "NO_INVENTORY", nearest(options, failed));
            }
            List<Placement> taking = chosen.stream().map(avail -> new Placement(avail.availId(), 0, need.spotLengthMs(),
                    avail.programId(), avail.estimatedGrps())).toList();
            return new Decided(judgedPayload.input(), "TRIGGERED", judgedPayload.deliveryRatio(), null, judgedPayload.priority(),
                    judgedPayload.deficitGrps(), taking, List.of());
        }

        /**
         * Reads the needs' avails, the earliest ones or all. Before the batch holds its markets an avail read before
         * stays as it was known, so that what was judged of it still holds; once it holds them ({@code held}), an avail
         * is known as it now stands.
         */
        private void read(List<MakegoodNeed> toRead, int earliest, boolean held) {
            if (toRead.isEmpty()) {
                return;
            }
            Map<MakegoodNeed, List<AvailOption>> options = new LinkedHashMap<>();
            inventory.around(toRead, earliest).forEach((index, avails) -> {
                optionIds.put(index, avails.stream().map(AvailOption::availId).toList());
                if (earliest == 0 || avails.size() < earliest) {
                    readAll.add(index);
                }
                options.put(needs.get(index), avails.stream().map(avail -> held ? fresh(avail) : known.computeIfAbsent(avail.availId(),
                        id -> avail)).toList());
            });
            judge(options);
        }

        /**
         * The avail as it now stands. An avail that stands as it was known stays the instance the rules judged, so
         * that finding what they said of it compares no more than references.
         */
        private AvailOption fresh(AvailOption avail) {
            return known.merge(avail.availId(), avail, (was, now) -> was.equals(now) ? was : now);
        }

        /** The conditions each option fails for {@code need}, judging the ones the rules have not seen as they stand. */
        private Map<AvailOption, SortedSet<String>> judge(MakegoodNeed need, List<AvailOption> options) {
            judge(Map.of(need, options));
            return judged.get(need.index());
        }

        /**
         * Has the rules judge each make-good with those of its avails they have not seen as they stand: one session
         * for them all, which joins each make-good with the avails of its market.
         */
        private void judge(Map<MakegoodNeed, List<AvailOption>> options) {
            Map<MakegoodNeed, List<AvailOption>> unseen = new LinkedHashMap<>();
            Map<String, AvailOption> avails = new LinkedHashMap<>();
            options.forEach((need, itsAvails) -> {
                Map<AvailOption, SortedSet<String>> byAvail = judged.computeIfAbsent(need.index(), i -> new HashMap<>());
                List<AvailOption> toJudge = itsAvails.stream().filter(a -> !byAvail.containsKey(a)).toList();
                if (!toJudge.isEmpty()) {
                    unseen.put(need, toJudge);
                    toJudge.forEach(a -> avails.put(a.availId(), a));
                }
            });
            if (unseen.isEmpty()) {
                return;
            }
            Exclusions exclusions = MakegoodRules.exclusions(ruleset, unseen.keySet(), avails.values());
            fired.addAll(exclusions.firedRules());
            unseen.forEach((need, toJudge) -> {
                Map<AvailOption, SortedSet<String>> byAvail = judged.get(need.index());
                toJudge.forEach(avail -> byAvail.put(avail, exclusions.of(need.index(), avail.availId())));
            });
        }

        /** Reserves the routed make-goods in the avails the batch holds, each where {@link Inventory#reserve} puts it. */
        private Map<Integer, Decided> reserve(Map<Integer, Decided> routed) {
            List<Inventory.Taking> takings = new ArrayList<>();
            routed.forEach((index, decided) -> {
                if (!decided.placements().isEmpty()) {
                    takings.add(new Inventory.Taking(needs.get(index),
                            decided.placements().stream().map(p -> known.get(p.availId())).toList()));
                }
            });
            Map<Integer, List<Placement>> placed = inventory.reserve(takings);
            Map<Integer, Decided> reserved = new LinkedHashMap<>();
            routed.forEach((index, d) -> reserved.put(index, d.placements().isEmpty() ? d : new Decided(d.input(), d.status(),
                    d.deliveryRatio(), d.reason(), d.priority(), d.deficitGrps(), placed.get(index), d.nearest())));
            return reserved;
        }

        /** The earliest avails that fail at most one condition, for the person who decides an escalation. */
        private static List<NearAvail> nearest(List<AvailOption> options, Map<AvailOption, SortedSet<String>> failed) {
            List<NearAvail> nearest = new ArrayList<>();
            for (AvailOption avail : options.stream().sorted(AvailOption.EARLIEST).toList()) {
                SortedSet<String> conditions = failed.get(avail);
                if (conditions.size() <= 1 && nearest.size() < NEAREST_AVAILS) {
                    nearest.add(new NearAvail(avail.availId(), avail.startMs(), avail.remainingMs(), avail.estimatedGrps(), conditions));
                }
            }
            return List.copyOf(nearest);
        }

        private static Decided escalated(Decided judged, String status, String reason, List<NearAvail> nearest) {
            return new Decided(judged.input(), status, judged.deliveryRatio(), reason, judged.priority(), judged.deficitGrps(),
                    List.of(), nearest);
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
