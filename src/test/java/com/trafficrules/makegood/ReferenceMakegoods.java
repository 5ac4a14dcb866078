package com.trafficrules.makegood;

import com.trafficrules.makegood.evaluation.RatingInput;
import com.trafficrules.makegood.facts.AvailOption;
import com.trafficrules.makegood.facts.PastDelivery;
import com.trafficrules.makegood.facts.RatingPayload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * API.md "Ratings make-goods" written as plain Java, line by line: no Drools, nothing of {@code MakegoodRules},
 * {@code MakegoodEvaluation} or {@code Routing}. It is the oracle {@code DrlMatchesReferenceProperties} holds the
 * shipped rules to. Payloads are read with {@link RatingInput#read}, so the edge's codes (MISSING_FIELD,
 * UNPARSEABLE_TIME, INVALID_NUMBER) and the default priority are the parser's; everything after that is decided
 * here, from {@link Numbers#API}, the numbers as API.md states them rather than as config/makegood.yaml does.
 */
final class ReferenceMakegoods {

    private ReferenceMakegoods() {
    }

    record Band(double threshold, double buffer, boolean rolling) {
    }

    record Numbers(Map<String, Band> tiers, double complianceFloor, Duration rollingWindow, Duration escalation,
                   Duration staleAfter, Duration defaultCure, int maxPlacements) {

        static final Numbers API = new Numbers(Map.of(
                "NATIONAL", new Band(0.95, 0.02, false),
                "REGIONAL", new Band(0.95, 0.02, false),
                "DMA", new Band(0.92, 0.04, false),
                "LOCAL", new Band(0.92, 0.04, false),
                "NICHE", new Band(0.90, 0, true)),
                0.5, Duration.ofDays(7), Duration.ofHours(72), Duration.ofHours(48), Duration.ofDays(14), 3);
    }

    /**
     * One payload's result: {@code priority} is null for a quarantined payload, which never gets a make-good;
     * {@code placements} are avail ids in the order reserved.
     */
    record Result(String status, Double deliveryRatio, String reason, Integer priority, List<String> placements) {
    }

    /** An avail as the batch's reservations leave it. */
    private static final class Avail {
        final AvailOption option;
        long remainingMs;
        final Set<String> productCodes;

        Avail(AvailOption option) {
            this.option = option;
            this.remainingMs = option.remainingMs();
            this.productCodes = new HashSet<>(option.productCodes());
        }
    }

    static List<Result> decide(Numbers numbers, List<JsonNode> payloads, List<PastDelivery> history, long nowMs,
                               List<AvailOption> avails) {
        List<RatingInput> inputs = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            inputs.add(RatingInput.read(i, payloads.get(i), numbers.defaultCure().toMillis()));
        }
        List<String> codes = inputs.stream().map(input -> quarantineCode(numbers, input, nowMs)).toList();
        // The rolling ratio counts the contract's payloads: the history's and this batch's, except those not acted on.
        List<PastDelivery> deliveries = new ArrayList<>(history);
        for (RatingInput input : inputs) {
            RatingPayload p = input.payload();
            if (codes.get(input.index()) == null && p.actualGrps() != null && p.contractId() != null) {
                deliveries.add(new PastDelivery(p.contractId(), p.market(), p.airedStartMs(), p.contractedGrps(), p.actualGrps()));
            }
        }
        List<Avail> inventory = avails.stream().map(Avail::new).toList();
        List<Result> results = new ArrayList<>();
        for (RatingInput input : inputs) {
            String code = codes.get(input.index());
            if (code != null) {
                results.add(new Result("QUARANTINED", null, code, null, List.of()));
                continue;
            }
            RatingPayload p = input.payload();
            int priority = p.cureDeadlineMs() - nowMs <= numbers.escalation().toMillis() ? 1 : input.requestedPriority();
            if (p.actualGrps() == null) {
                results.add(new Result("INSUFFICIENT_DATA", null, null, priority, List.of()));
                continue;
            }
            Band band = numbers.tiers().get(p.marketTier());
            double ratio = band.rolling() && p.contractId() != null ? rollingRatio(numbers, p, deliveries) : p.actualGrps() / p.contractedGrps();
            double threshold = p.thresholdPct() != null ? p.thresholdPct() : band.threshold();
            if (ratio >= threshold - band.buffer()) {
                results.add(new Result("WITHIN_TOLERANCE", ratio, null, priority, List.of()));
            } else if (ratio < numbers.complianceFloor()) {
                results.add(new Result("COMPLIANCE_VIOLATION", ratio, null, priority, List.of()));
            } else {
                List<Avail> chosen = route(numbers, p, nowMs, inventory);
                if (chosen.isEmpty()) {
                    results.add(new Result("ROUTING_FAILED", ratio, "NO_INVENTORY", priority, List.of()));
                } else {
                    for (Avail avail : chosen) {
                        avail.remainingMs -= p.spotLengthMs();
                        avail.productCodes.addAll(p.productCodes());
                    }
                    results.add(new Result("TRIGGERED", ratio, null, priority, chosen.stream().map(a -> a.option.availId()).toList()));
                }
            }
        }
        return results;
    }

    /** The first code, in the order API.md lists them, of a payload that reads; the parser's for one that does not. */
    private static String quarantineCode(Numbers numbers, RatingInput input, long nowMs) {
        if (!input.readable()) {
            return input.quarantineCode();
        }
        RatingPayload p = input.payload();
        if (!numbers.tiers().containsKey(p.marketTier())) {
            return "UNKNOWN_TIER";
        }
        if (p.contractedGrps() <= 0) {
            return "NON_POSITIVE_CONTRACTED";
        }
        if (p.airedEndMs() <= p.airedStartMs()) {
            return "INVALID_TIME_RANGE";
        }
        if (p.airedEndMs() < nowMs - numbers.staleAfter().toMillis()) {
            return "STALE_TELEMETRY";
        }
        return null;
    }

    /** Σactual / Σcontracted over the contract's payloads in the market aired in (airedStart − 7 days, airedStart]. */
    private static double rollingRatio(Numbers numbers, RatingPayload p, List<PastDelivery> deliveries) {
        double actual = 0;
        double contracted = 0;
        for (PastDelivery d : deliveries) {
            if (d.contractId().equals(p.contractId()) && d.market().equals(p.market())
                    && d.airedStartMs() > p.airedStartMs() - numbers.rollingWindow().toMillis() && d.airedStartMs() <= p.airedStartMs()) {
                actual += d.actualGrps();
                contracted += d.contractedGrps();
            }
        }
        return actual / contracted;
    }

    /**
     * Avails in the market, starting after ingestion and before the cure deadline, with room for the spot and no
     * product code of its: the earliest single one covering the deficit, else the largest first (ties earliest)
     * until covered, at most max_placements; else none.
     */
    private static List<Avail> route(Numbers numbers, RatingPayload p, long nowMs, List<Avail> inventory) {
        double deficit = p.contractedGrps() - p.actualGrps();
        Comparator<Avail> earliest = Comparator.comparingLong(a -> a.option.startMs());
        List<Avail> usable = inventory.stream()
                .filter(a -> a.option.market().equals(p.market()))
                .filter(a -> a.option.startMs() > nowMs && a.option.startMs() < p.cureDeadlineMs())
                .filter(a -> a.remainingMs >= p.spotLengthMs())
                .filter(a -> Collections.disjoint(a.productCodes, p.productCodes()))
                .sorted(earliest).toList();
        for (Avail avail : usable) {
            if (avail.option.estimatedGrps() >= deficit) {
                return List.of(avail);
            }
        }
        List<Avail> largestFirst = usable.stream()
                .sorted(Comparator.<Avail>comparingDouble(a -> -a.option.estimatedGrps()).thenComparing(earliest)).toList();
        List<Avail> chosen = new ArrayList<>();
        double covered = 0;
        for (Avail avail : largestFirst) {
            if (chosen.size() == numbers.maxPlacements()) {
                break;
            }
            chosen.add(avail);
            covered += avail.option.estimatedGrps();
            if (covered >= deficit) {
                return chosen;
            }
        }
        return List.of();
    }
}
