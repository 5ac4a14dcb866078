package com.trafficrules.makegood;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.trafficrules.kernel.Scenario;
import com.trafficrules.makegood.ReferenceMakegoods.Numbers;
import com.trafficrules.makegood.ReferenceMakegoods.Result;
import com.trafficrules.makegood.evaluation.Inventory.Placement;
import com.trafficrules.makegood.evaluation.MakegoodEvaluation;
import com.trafficrules.makegood.evaluation.MakegoodEvaluation.Decided;
import com.trafficrules.makegood.evaluation.MakegoodRules;
import com.trafficrules.makegood.evaluation.MakegoodSettings;
import com.trafficrules.makegood.evaluation.MemoryInventory;
import com.trafficrules.makegood.evaluation.RatingInput;
import com.trafficrules.makegood.evaluation.RollingHistory;
import com.trafficrules.makegood.facts.AvailOption;
import com.trafficrules.makegood.facts.PastDelivery;
import com.trafficrules.ruletest.Scenarios;
import com.trafficrules.support.ShippedRuleset;
import com.trafficrules.web.Times;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The shipped make-good rules, run through {@link MakegoodEvaluation} with an in-memory inventory as the service
 * and bin/rule-tests run them, decide every payload of a batch as {@link ReferenceMakegoods} (API.md as plain
 * Java) does: status, deliveryRatio, reason, priority and the avails reserved. Batches are built around the
 * contract's edges: ratios on and 1/16 GRP below each tier's limit and the compliance floor, thresholdPct,
 * unknown tiers and every quarantine code, airedEnd exactly 48 h and 48 h + 1 ms before ingestion, NICHE
 * histories on either side of the 7-day window and of other contracts and markets, cure deadlines either side of
 * 72 h, avails on the cure deadline and at ingestion, with room exactly the spot's length or 1 ms short, with and
 * without the spot's product codes, and several make-goods of one batch competing for them.
 *
 * <p>GRPs are multiples of 1/16, so every sum is exact and the rolling ratio cannot depend on the order the
 * rules add deliveries up in; avails start at distinct instants, because the contract orders ties by start only.
 */
class DrlMatchesReferenceProperties {

    private static final long NOW = Instant.parse("2026-11-21T06:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final List<String> CODES = List.of("AUTO", "BEER", "SODA");

    @Property(tries = 2000)
    void drlDecidesEveryPayloadAsTheReference(@ForAll("batches") Batch batch) {
        List<JsonNode> payloads = batch.payloads();
        List<PastDelivery> history = batch.history();
        List<AvailOption> avails = batch.avails();
        List<Result> drl = drl(payloads, history, NOW, avails);
        List<Result> reference = ReferenceMakegoods.decide(Numbers.API, payloads, history, NOW, avails);
        reference.forEach(result -> Statistics.label("status").collect(result.status()));
        batch.edges(reference).forEach(edge -> Statistics.label("edges").collect(edge));
        Statistics.label("status").coverage(coverage -> List.of("QUARANTINED", "INSUFFICIENT_DATA", "WITHIN_TOLERANCE",
                "COMPLIANCE_VIOLATION", "TRIGGERED", "ROUTING_FAILED").forEach(s -> coverage.check(s).count(c -> c > 0)));
        Statistics.label("edges").coverage(coverage -> Batch.EDGES.forEach(e -> coverage.check(e).count(c -> c > 0)));
        if (!drl.equals(reference)) {
            throw new AssertionError("DRL and reference disagree for\n" + batch.describe(payloads, history, avails)
                    + "\n" + IntStream.range(0, Math.max(drl.size(), reference.size()))
                    .mapToObj(i -> "  [" + i + "] drl       " + (i < drl.size() ? drl.get(i) : "-")
                            + "\n  [" + i + "] reference " + (i < reference.size() ? reference.get(i) : "-"))
                    .collect(Collectors.joining("\n")));
        }
    }

    /**
     * The service hands the rules its history condensed: what each stretch of {@link RollingHistory#stretches}
     * delivered, summed (by PostgreSQL; here in Java). The rules decide every payload the same on it as on the spots
     * one by one.
     */
    @Property(tries = 1000)
    void condensingTheHistoryChangesNoDecision(@ForAll("batches") Batch batch) {
        List<JsonNode> payloads = batch.payloads();
        List<PastDelivery> condensed = summedByStretch(RollingHistory.stretches(MakegoodSettings.of(ShippedRuleset.compiled()),
                inputs(payloads)), batch.history());
        Statistics.label("history condensed").collect(condensed.size() < batch.history().size());
        assertEquals(drl(payloads, batch.history(), NOW, batch.avails()), drl(payloads, condensed, NOW, batch.avails()),
                () -> batch.describe(payloads, batch.history(), batch.avails()));
    }

    /** One delivery a stretch that has spots, as RatingStore gives them: their sums, at the last one's air time. */
    private static List<PastDelivery> summedByStretch(List<RollingHistory.Stretch> stretches, List<PastDelivery> history) {
        List<PastDelivery> summed = new ArrayList<>();
        for (RollingHistory.Stretch stretch : stretches) {
            List<PastDelivery> in = history.stream().filter(d -> d.contractId().equals(stretch.contractId())
                    && d.market().equals(stretch.market()) && d.airedStartMs() > stretch.afterMs()
                    && d.airedStartMs() <= stretch.untilMs()).toList();
            if (!in.isEmpty()) {
                summed.add(new PastDelivery(stretch.contractId(), stretch.market(),
                        in.stream().mapToLong(PastDelivery::airedStartMs).max().orElseThrow(),
                        in.stream().mapToDouble(PastDelivery::contractedGrps).sum(),
                        in.stream().mapToDouble(PastDelivery::actualGrps).sum()));
            }
        }
        return summed;
    }

    /**
     * Every {@code ratings} scenario in rule-tests/ is decided the same by the reference; since RuleScenariosTest
     * holds the rules to each scenario's expectations, the reference meets them too.
     */
    @Example
    void everyRatingsScenarioIsDecidedTheSameByTheReference() {
        List<Scenario> scenarios = Scenarios.load(Path.of(".")).stream()
                .filter(scenario -> MakegoodRules.KIND.equals(scenario.kind())).toList();
        if (scenarios.isEmpty()) {
            throw new AssertionError("no ratings scenarios under rule-tests/");
        }
        for (Scenario scenario : scenarios) {
            JsonNode context = scenario.context();
            long now = Times.parseWithOffset(context.get("ingestedAt").asString()).toEpochMilli();
            List<JsonNode> payloads = new ArrayList<>();
            scenario.request().path("payloads").forEach(payloads::add);
            List<PastDelivery> history = new ArrayList<>();
            context.path("history").forEach(past -> history.add(new PastDelivery(past.get("contractId").asString(),
                    past.get("market").asString(), Times.parseWithOffset(past.get("airedStart").asString()).toEpochMilli(),
                    past.get("contractedGrps").asDouble(), past.get("actualGrps").asDouble())));
            List<AvailOption> avails = new ArrayList<>();
            context.path("avails").forEach(avail -> {
                List<String> codes = new ArrayList<>();
                avail.path("productCodes").forEach(code -> codes.add(code.asString()));
                avails.add(new AvailOption(avail.get("id").asString(), avail.get("market").asString(),
                        avail.path("programId").asString(null), Times.parseWithOffset(avail.get("start").asString()).toEpochMilli(),
                        avail.get("durationMs").asLong(), avail.get("remainingMs").asLong(), avail.get("estimatedGrps").asDouble(), codes));
            });
            assertEquals(drl(payloads, history, now, avails), ReferenceMakegoods.decide(Numbers.API, payloads, history, now, avails),
                    scenario.path());
        }
    }

    private static List<Result> drl(List<JsonNode> payloads, List<PastDelivery> history, long now, List<AvailOption> avails) {
        return MakegoodEvaluation.evaluate(ShippedRuleset.compiled(), inputs(payloads), history, now, new MemoryInventory(avails))
                .decided().stream().map(DrlMatchesReferenceProperties::asResult).toList();
    }

    private static List<RatingInput> inputs(List<JsonNode> payloads) {
        long defaultCureMs = MakegoodSettings.of(ShippedRuleset.compiled()).defaultCureMs();
        List<RatingInput> inputs = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            inputs.add(RatingInput.read(i, payloads.get(i), defaultCureMs));
        }
        return inputs;
    }

    /** A quarantined payload gets no make-good, so the contract gives it no priority: the number carried there is moot. */
    private static Result asResult(Decided decided) {
        boolean quarantined = decided.status().equals("QUARANTINED");
        return new Result(decided.status(), decided.deliveryRatio(), decided.reason(), quarantined ? null : decided.priority(),
                decided.placements().stream().map(Placement::availId).toList());
    }

    // ---- the generated batch -----------------------------------------------------------------------

    /** What a payload says it delivered: GRPs per 100 contracted, scaled with the contract. */
    record Delivery(String tier, double scale, Double actualPer100, Double thresholdPct) {
    }

    /** When: airedEnd and the cure deadline from ingestion (no cure offset: the default window). */
    record Timing(long airedEndFromNowMs, long spotLengthMs, Long cureFromNowMs) {
    }

    record Parties(String market, String contractId, Integer priority, List<String> productCodes) {
    }

    /** What is wrong with a payload, if anything; {@code variant} picks the field or the way. */
    enum Defect { NONE, MISSING_FIELD, BAD_TIME, BAD_NUMBER, NON_POSITIVE_CONTRACTED, INVALID_TIME_RANGE }

    record PayloadSpec(Delivery delivery, Timing timing, Parties parties, Defect defect, int variant) {

        long airedEndMs() {
            return NOW + timing.airedEndFromNowMs();
        }

        long airedStartMs() {
            return airedEndMs() - timing.spotLengthMs();
        }

        long cureDeadlineMs() {
            return timing.cureFromNowMs() == null ? airedEndMs() + Numbers.API.defaultCure().toMillis() : NOW + timing.cureFromNowMs();
        }

        ObjectNode json(int index) {
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            json.put("spotId", "s-" + index);
            json.put("market", parties.market());
            json.put("marketTier", delivery.tier());
            json.put("airedStart", Times.format(Instant.ofEpochMilli(airedStartMs())));
            json.put("airedEnd", Times.format(Instant.ofEpochMilli(airedEndMs())));
            json.put("contractedGrps", 100 * delivery.scale());
            if (delivery.actualPer100() != null) {
                json.put("actualGrps", delivery.actualPer100() * delivery.scale());
            }
            if (delivery.thresholdPct() != null) {
                json.put("thresholdPct", delivery.thresholdPct());
            }
            json.put("spotLengthMs", timing.spotLengthMs());
            if (parties.contractId() != null) {
                json.put("contractId", parties.contractId());
            }
            if (parties.priority() != null) {
                json.put("makeGoodPriority", parties.priority());
            }
            if (timing.cureFromNowMs() != null) {
                json.put("cureDeadline", Times.format(Instant.ofEpochMilli(cureDeadlineMs())));
            }
            parties.productCodes().forEach(json.putArray("productCodes")::add);
            String start = json.get("airedStart").asString();
            String end = json.get("airedEnd").asString();
            switch (defect) {
                case NONE -> { }
                case MISSING_FIELD -> json.remove(List.of("spotId", "market", "marketTier", "airedStart", "airedEnd",
                        "contractedGrps", "spotLengthMs").get(variant % 7));
                case BAD_TIME -> {
                    switch (variant % 3) {
                        case 0 -> json.put("airedStart", "yesterday evening");
                        case 1 -> json.put("airedEnd", end.substring(0, end.length() - 1));  // no offset
                        default -> json.put("cureDeadline", "2026-11-30T00:00:00");
                    }
                }
                case BAD_NUMBER -> {
                    switch (variant % 4) {
                        case 0 -> json.put("contractedGrps", "100");
                        case 1 -> json.put("actualGrps", -1.0);
                        case 2 -> json.put("thresholdPct", 1.5);
                        default -> json.put("spotLengthMs", 0);
                    }
                }
                case NON_POSITIVE_CONTRACTED -> json.put("contractedGrps", variant % 2 == 0 ? 0.0 : -100.0 * delivery.scale());
                case INVALID_TIME_RANGE -> json.put("airedEnd", variant % 2 == 0 ? start
                        : Times.format(Instant.ofEpochMilli(airedStartMs() - 1)));
            }
            return json;
        }
    }

    /** An earlier delivery of a contract, placed from the airedStart of payload {@code payload} (mod the batch). */
    record HistorySpec(String contractId, String market, int payload, long fromAiredStartMs, double contracted, double actual) {
    }

    /** An avail, placed from ingestion or from the cure deadline of payload {@code payload} (mod the batch). */
    record AvailSpec(String market, boolean fromCureDeadline, int payload, long offsetMs, long remainingMs, double estimatedGrps,
                     List<String> productCodes) {
    }

    record Batch(List<PayloadSpec> specs, List<HistorySpec> pasts, List<AvailSpec> availSpecs) {

        static final List<String> EDGES = List.of("ratio on its limit", "ratio 1/16 GRP under its limit", "on the compliance floor",
                "aired end exactly 48 h before", "aired end 48 h + 1 ms before", "history exactly 7 days before",
                "history 7 days - 1 ms before", "cure deadline exactly 72 h", "cure deadline 72 h + 1 ms",
                "avail on a cure deadline", "avail at ingestion", "room exactly the spot", "room 1 ms short",
                "avail shares a product code", "several make-goods compete", "split over 2 avails", "split over 3 avails");

        List<JsonNode> payloads() {
            return IntStream.range(0, specs.size()).mapToObj(i -> (JsonNode) specs.get(i).json(i)).toList();
        }

        List<PastDelivery> history() {
            return pasts.stream().map(h -> new PastDelivery(h.contractId(), h.market(),
                    specs.get(h.payload() % specs.size()).airedStartMs() + h.fromAiredStartMs(), h.contracted(), h.actual())).toList();
        }

        /** The avails, the first of any that would start at the same instant as an earlier one left out. */
        List<AvailOption> avails() {
            List<AvailOption> avails = new ArrayList<>();
            Set<Long> starts = new HashSet<>();
            for (AvailSpec spec : availSpecs) {
                long start = spec.fromCureDeadline() ? specs.get(spec.payload() % specs.size()).cureDeadlineMs() + spec.offsetMs()
                        : NOW + spec.offsetMs();
                if (starts.add(start)) {
                    avails.add(new AvailOption("a-" + (avails.size() + 1), spec.market(), "p-1", start, 120_000L, spec.remainingMs(),
                            spec.estimatedGrps(), spec.productCodes()));
                }
            }
            return avails;
        }

        /** Which of {@link #EDGES} this batch reaches, to show that the generator gets there. */
        List<String> edges(List<Result> reference) {
            List<String> edges = new ArrayList<>();
            for (PayloadSpec spec : specs) {
                var band = Numbers.API.tiers().get(spec.delivery().tier());
                Double actual = spec.delivery().actualPer100();
                if (band != null && actual != null && spec.defect() == Defect.NONE) {
                    double threshold = spec.delivery().thresholdPct() != null ? spec.delivery().thresholdPct() : band.threshold();
                    double limit = threshold - band.buffer();
                    if (actual / 100 == limit) {
                        edges.add("ratio on its limit");
                    }
                    if ((actual + 0.0625) / 100 == limit) {
                        edges.add("ratio 1/16 GRP under its limit");
                    }
                    if (actual / 100 == Numbers.API.complianceFloor()) {
                        edges.add("on the compliance floor");
                    }
                }
                if (spec.timing().airedEndFromNowMs() == -48 * HOUR) {
                    edges.add("aired end exactly 48 h before");
                }
                if (spec.timing().airedEndFromNowMs() == -48 * HOUR - 1) {
                    edges.add("aired end 48 h + 1 ms before");
                }
                if (spec.cureDeadlineMs() - NOW == 72 * HOUR) {
                    edges.add("cure deadline exactly 72 h");
                }
                if (spec.cureDeadlineMs() - NOW == 72 * HOUR + 1) {
                    edges.add("cure deadline 72 h + 1 ms");
                }
            }
            for (HistorySpec past : pasts) {
                if (past.fromAiredStartMs() == -7 * DAY) {
                    edges.add("history exactly 7 days before");
                }
                if (past.fromAiredStartMs() == -7 * DAY + 1) {
                    edges.add("history 7 days - 1 ms before");
                }
            }
            List<AvailOption> avails = avails();
            for (AvailOption avail : avails) {
                if (specs.stream().anyMatch(spec -> spec.cureDeadlineMs() == avail.startMs())) {
                    edges.add("avail on a cure deadline");
                }
                if (avail.startMs() == NOW) {
                    edges.add("avail at ingestion");
                }
                if (specs.stream().anyMatch(spec -> spec.timing().spotLengthMs() == avail.remainingMs())) {
                    edges.add("room exactly the spot");
                }
                if (specs.stream().anyMatch(spec -> spec.timing().spotLengthMs() == avail.remainingMs() + 1)) {
                    edges.add("room 1 ms short");
                }
                if (specs.stream().anyMatch(spec -> spec.parties().productCodes().stream().anyMatch(avail.productCodes()::contains))) {
                    edges.add("avail shares a product code");
                }
            }
            if (reference.stream().filter(r -> r.status().equals("TRIGGERED") || r.status().equals("ROUTING_FAILED")).count() > 1) {
                edges.add("several make-goods compete");
            }
            reference.stream().filter(r -> r.placements().size() > 1)
                    .forEach(r -> edges.add("split over " + r.placements().size() + " avails"));
            return edges.stream().distinct().toList();
        }

        String describe(List<JsonNode> payloads, List<PastDelivery> history, List<AvailOption> avails) {
            return "ingested " + Instant.ofEpochMilli(NOW)
                    + "\npayloads\n" + payloads.stream().map(p -> "  " + p).collect(Collectors.joining("\n"))
                    + "\nhistory\n" + history.stream().map(h -> "  " + h.contractId() + " " + h.market() + " "
                    + Instant.ofEpochMilli(h.airedStartMs()) + " " + h.actualGrps() + "/" + h.contractedGrps()).collect(Collectors.joining("\n"))
                    + "\navails\n" + avails.stream().map(a -> "  " + a.availId() + " " + a.market() + " " + Instant.ofEpochMilli(a.startMs())
                    + " room " + a.remainingMs() + " est " + a.estimatedGrps() + " codes " + a.productCodes()).collect(Collectors.joining("\n"));
        }
    }

    // ---- generators --------------------------------------------------------------------------------

    @Provide
    Arbitrary<Batch> batches() {
        return Combinators.combine(
                payloads().list().ofMinSize(1).ofMaxSize(6),
                history().list().ofMaxSize(6),
                Arbitraries.frequencyOf(Tuple.of(3, avails()), Tuple.of(2, smallAvails())).list().ofMinSize(2).ofMaxSize(10)).as(Batch::new);
    }

    private static Arbitrary<PayloadSpec> payloads() {
        Arbitrary<Delivery> deliveries = Combinators.combine(
                Arbitraries.of("NATIONAL", "REGIONAL", "DMA", "SUPER", "LOCAL", "NICHE", "NICHE", "NICHE"),
                Arbitraries.of(1.0, 1.0, 0.5, 2.0),
                // per 100 contracted: on each limit (the tiers', thresholdPct 0.8 / 0.99 / 1.0 less a buffer, the floor) and 1/16 GRP under it
                Arbitraries.of(93.0, 92.9375, 88.0, 87.9375, 90.0, 89.9375, 50.0, 49.9375, 78.0, 77.9375, 95.0, 94.9375,
                        97.0, 96.9375, 99.0, 98.9375, 100.0, 120.0, 60.0, 0.0).injectNull(0.1),
                Arbitraries.of(0.8, 0.99, 1.0, 0.5).injectNull(0.7)).as(Delivery::new);
        Arbitrary<Timing> timings = Combinators.combine(
                Arbitraries.of(-10 * HOUR, -10 * HOUR, -10 * HOUR, -9 * HOUR, -48 * HOUR - 1, -9 * HOUR, -33 * HOUR, -48 * HOUR),
                Arbitraries.of(30_000L, 30_000L, 15_000L),
                Arbitraries.of(72 * HOUR, 72 * HOUR + 1, 72 * HOUR - 1, 5 * DAY, 5 * DAY, 2 * HOUR, -HOUR).injectNull(0.4)).as(Timing::new);
        Arbitrary<Parties> parties = Combinators.combine(
                Arbitraries.of("chicago", "chicago", "chicago", "new-york"),
                Arbitraries.of("c-1", "c-1", "c-2").injectNull(0.25),
                Arbitraries.of(2, 3, 5).injectNull(0.4),
                Arbitraries.of(CODES).list().uniqueElements().ofMaxSize(2)).as(Parties::new);
        Arbitrary<Defect> defects = Arbitraries.frequencyOf(
                Tuple.of(24, Arbitraries.just(Defect.NONE)),
                Tuple.of(5, Arbitraries.of(Defect.class)));
        // 84 variants: every field of MISSING_FIELD (7) and way of BAD_TIME (3), BAD_NUMBER (4) and the rest (2) alike
        return Combinators.combine(deliveries, timings, parties, defects, Arbitraries.integers().between(0, 83))
                .as(PayloadSpec::new);
    }

    private static Arbitrary<HistorySpec> history() {
        return Combinators.combine(
                Arbitraries.of("c-1", "c-1", "c-2"),
                Arbitraries.of("chicago", "chicago", "new-york"),
                Arbitraries.integers().between(0, 5),
                Arbitraries.of(-7 * DAY, -7 * DAY + 1, -7 * DAY + HOUR, -2 * DAY, -HOUR, 0L, 1L, HOUR),
                Arbitraries.of(100.0, 50.0),
                Arbitraries.of(100.0, 90.0, 60.0, 45.0, 0.0, 110.0)).as(HistorySpec::new);
    }

    private static Arbitrary<AvailSpec> avails() {
        // from ingestion: before it, on it, 1 ms after, later; from a payload's cure deadline: 1 h and 1 ms before, on it
        Arbitrary<Tuple2<Boolean, Long>> when = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of(-HOUR, 0L, 1L, HOUR, 2 * HOUR, DAY, 3 * DAY, 71 * HOUR).map(ms -> Tuple.of(false, ms))),
                Tuple.of(1, Arbitraries.of(-HOUR, -1L, 0L).map(ms -> Tuple.of(true, ms))));
        return Combinators.combine(
                Arbitraries.of("chicago", "chicago", "chicago", "new-york", "chicago"),
                when,
                Arbitraries.integers().between(0, 5),
                Arbitraries.of(30_000L, 29_999L, 30_001L, 15_000L, 14_999L, 0L, 60_000L, 60_000L, 120_000L, 120_000L, 120_000L),
                Arbitraries.of(0.0, 2.0, 3.5, 5.0, 6.0, 7.0, 10.0, 12.0, 20.0, 50.0, 50.0),
                // one code at most already booked, so that a shared code excludes some avails, not most
                Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(List.<String>of())), Tuple.of(2, Arbitraries.of(CODES).map(List::of))))
                .as((market, at, payload, room, grps, codes) -> new AvailSpec(market, at.get1(), payload, at.get2(), room, grps, codes));
    }

    /** Usable avails too small to cover a deficit alone, so that make-goods are split, up to and past 3 avails. */
    private static Arbitrary<AvailSpec> smallAvails() {
        return Combinators.combine(
                Arbitraries.of(HOUR, 2 * HOUR, 3 * HOUR, 5 * HOUR, 8 * HOUR, 13 * HOUR, 21 * HOUR, 34 * HOUR)
                        .map(ms -> ms + 60_000L),  // not at the instants the other avails start at
                Arbitraries.of(2.0, 3.0, 3.5, 4.0, 5.0)).as((ms, grps) -> new AvailSpec("chicago", false, 0, ms, 120_000L, grps, List.of()));
    }
}
