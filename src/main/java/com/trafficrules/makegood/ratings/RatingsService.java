package com.trafficrules.makegood.ratings;

import com.trafficrules.audit.DecisionLog;
import com.trafficrules.kernel.ActiveRuleset;
import com.trafficrules.kernel.Ruleset;
import com.trafficrules.kernel.RulesetRef;
import com.trafficrules.makegood.avail.AvailStore;
import com.trafficrules.makegood.evaluation.Inventory.Placement;
import com.trafficrules.makegood.evaluation.MakegoodEvaluation;
import com.trafficrules.makegood.evaluation.MakegoodEvaluation.Decided;
import com.trafficrules.makegood.evaluation.MakegoodRules;
import com.trafficrules.makegood.evaluation.MakegoodSettings;
import com.trafficrules.makegood.evaluation.RatingInput;
import com.trafficrules.makegood.evaluation.RatingsBatch;
import com.trafficrules.makegood.evaluation.RollingHistory;
import com.trafficrules.makegood.facts.PastDelivery;
import com.trafficrules.makegood.facts.RatingPayload;
import com.trafficrules.makegood.order.MakegoodOrder;
import com.trafficrules.makegood.order.OrderSignature;
import com.trafficrules.makegood.order.OrderStore;
import com.trafficrules.web.Callers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Ingests a ratings batch in one transaction: the batch's decision, each payload's answer, its orders, their
 * reservations and their outbox entries commit together or not at all. A payload whose key already has a final
 * answer gets it back as a duplicate; routing failures are tried again later by {@link RoutingRetries}.
 */
@Service
public class RatingsService {

    /** How many times a make-good whose routing failed is tried in all, the first time included. */
    static final int ROUTING_ATTEMPTS = 3;
    static final String RETRY_CALLER = "system:makegood-retry";

    private final ActiveRuleset active;
    private final TransactionTemplate transactions;
    private final RatingStore ratings;
    private final AvailStore avails;
    private final OrderStore orders;
    private final OrderSignature signature;
    private final DecisionLog decisions;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer evaluationTimer;
    private final Counter routingFailures;
    /** Two batches can each hold avail rows the other wants next; PostgreSQL ends one, which starts again. */
    private final RetryTemplate deadlockRetry = new RetryTemplate(RetryPolicy.builder().maxRetries(3)
            .delay(Duration.ofMillis(20)).jitter(Duration.ofMillis(20)).multiplier(2)
            .includes(PessimisticLockingFailureException.class).build());
    private final ExponentialBackOff routingBackOff;

    RatingsService(ActiveRuleset active, TransactionTemplate transactions, RatingStore ratings, AvailStore avails, OrderStore orders,
                   OrderSignature signature, DecisionLog decisions, JsonMapper json, Clock clock, MeterRegistry meters,
                   MakegoodRetryProperties retry) {
        this.active = active;
        this.transactions = transactions;
        this.ratings = ratings;
        this.avails = avails;
        this.orders = orders;
        this.signature = signature;
        this.decisions = decisions;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
        this.evaluationTimer = Timer.builder("ratings_evaluation_duration").description("How long a ratings batch takes to decide")
                .register(meters);
        this.routingFailures = Counter.builder("inventory_resolution_failures").description("Make-goods no inventory was found for")
                .register(meters);
        this.routingBackOff = new ExponentialBackOff(retry.firstDelay().toMillis(), 2);
        this.routingBackOff.setJitter(retry.firstDelay().toMillis() / 2);
    }

    /** One payload's answer, as the API gives it. */
    record Result(int index, String spotId, String idempotencyKey, String status, Double deliveryRatio, String action,
                  boolean duplicate, JsonNode order, String reason) {
    }

    record RatingsResponse(UUID decisionId, RulesetRef ruleset, List<Result> results) {
    }

    RatingsResponse ingest(List<JsonNode> payloads) {
        return evaluationTimer.record(() -> deadlockRetry.invoke(() -> transactions.execute(
                status -> decide(active.current(), payloads, clock.instant(), Callers.current()))));
    }

    /** Decides again the payloads whose routing failed earlier, as the service's own caller. */
    RatingsResponse retry(List<JsonNode> payloads) {
        return evaluationTimer.record(() -> deadlockRetry.invoke(() -> transactions.execute(
                status -> decide(active.current(), payloads, clock.instant(), RETRY_CALLER))));
    }

    private RatingsResponse decide(Ruleset ruleset, List<JsonNode> payloads, Instant now, String caller) {
        MakegoodSettings settings = MakegoodSettings.of(ruleset);
        List<RatingInput> inputs = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            inputs.add(RatingInput.read(i, payloads.get(i), settings.defaultCureMs()));
        }
        Result[] results = new Result[inputs.size()];
        Map<String, JsonNode> finals = ratings.finalResults(MakegoodEvaluation.keys(inputs));
        Map<String, Integer> firstWithKey = new HashMap<>();
        List<Integer> repeats = new ArrayList<>();
        List<RatingInput> toDecide = new ArrayList<>();
        for (RatingInput input : inputs) {
            String key = input.idempotencyKey();
            if (key != null && finals.containsKey(key)) {
                results[input.index()] = duplicate(finals.get(key), input.index());
            } else if (key != null && firstWithKey.putIfAbsent(key, input.index()) != null) {
                repeats.add(input.index());
            } else {
                toDecide.add(input);
            }
        }
        Map<String, RatingStore.Claimed> claimed = ratings.claim(toDecide.stream().filter(RatingInput::readable)
                .map(input -> claim(input, payloads.get(input.index()))).toList(), now);
        Set<String> decidedMeanwhile = new HashSet<>();
        toDecide.removeIf(input -> input.readable() && !claimed.containsKey(input.idempotencyKey())
                && decidedMeanwhile.add(input.idempotencyKey()));
        ratings.finalResults(decidedMeanwhile).forEach((key, result) -> results[firstWithKey.get(key)] = duplicate(result, firstWithKey.get(key)));

        List<PastDelivery> history = history(settings, toDecide, claimed);
        MakegoodEvaluation.Outcome outcome = MakegoodEvaluation.evaluate(ruleset, toDecide, history, now.toEpochMilli(),
                new DatabaseInventory(avails));
        Map<Integer, JsonNode> issued = issue(outcome.decided().stream().filter(d -> d.status().equals("TRIGGERED")).toList(),
                now, caller);
        List<RatingStore.Decided> answers = new ArrayList<>();
        List<String> quarantinedClaims = new ArrayList<>();
        for (Decided decided : outcome.decided()) {
            RatingInput input = decided.input();
            JsonNode order = issued.get(input.index());
            Result result = new Result(input.index(), input.spotId(), input.idempotencyKey(), decided.status(),
                    shown(decided.deliveryRatio()), decided.action(), false, order, decided.reason());
            results[input.index()] = result;
            meters.counter("make_good_trigger_rate", "status", decided.status()).increment();
            if (decided.status().equals("ROUTING_FAILED")) {
                routingFailures.increment();
            }
            if (input.readable() && decided.status().equals("QUARANTINED")) {
                if (claimed.get(input.idempotencyKey()).isNew()) {
                    quarantinedClaims.add(input.idempotencyKey());
                }
            } else if (input.readable()) {
                answers.add(new RatingStore.Decided(input.idempotencyKey(), decided.status(), decided.isFinal(), json.valueToTree(result),
                        escalation(decided), retryAt(decided, claimed.get(input.idempotencyKey()).attempts(), now)));
            }
        }
        for (int index : repeats) {
            Result first = results[firstWithKey.get(inputs.get(index).idempotencyKey())];
            results[index] = new Result(index, first.spotId(), first.idempotencyKey(), first.status(), first.deliveryRatio(),
                    first.action(), true, first.order(), first.reason());
        }
        List<Result> all = List.of(results);
        RatingsBatch stored = new RatingsBatch(now, payloads, history,
                all.stream().filter(Result::duplicate).map(Result::index).toList());
        UUID decisionId = decisions.record(MakegoodRules.KIND, null, ruleset.ref(), outcome.firedRules(), stored, all);
        ratings.complete(answers, decisionId, now);
        ratings.forget(quarantinedClaims);
        return new RatingsResponse(decisionId, ruleset.ref(), all);
    }

    private static RatingStore.Claim claim(RatingInput input, JsonNode payload) {
        RatingPayload p = input.payload();
        return new RatingStore.Claim(input.idempotencyKey(), p.spotId(), p.market(), p.contractId(), Instant.ofEpochMilli(p.airedStartMs()),
                p.contractedGrps(), p.actualGrps(), payload);
    }

    /**
     * What earlier spots delivered, for the payloads judged on a rolling ratio, condensed (see {@link RollingHistory}).
     * The batch's own payloads are counted by the rules; of their rows, only those claimed again (decided before,
     * their routing failed) still have a status the store counts, so those are left out. A key whose payload cannot
     * be read this time is not claimed: what it delivered when it was read counts like any earlier spot.
     */
    private List<PastDelivery> history(MakegoodSettings settings, List<RatingInput> inputs, Map<String, RatingStore.Claimed> claimed) {
        List<String> decidedBefore = claimed.entrySet().stream().filter(claim -> !claim.getValue().isNew()).map(Map.Entry::getKey)
                .sorted().toList();
        return ratings.deliveries(RollingHistory.stretches(settings, inputs), decidedBefore);
    }

    /**
     * Stores, signs and queues the make-good orders of the routed payloads, with their reservations; each one's signed
     * document by payload index. An id another order has already is drawn again from the key.
     */
    private Map<Integer, JsonNode> issue(List<Decided> routed, Instant now, String caller) {
        Map<Integer, JsonNode> issued = new HashMap<>();
        Map<String, Decided> byKey = new HashMap<>();
        routed.forEach(decided -> byKey.put(decided.input().idempotencyKey(), decided));
        List<Decided> toDraw = routed;
        List<AvailStore.Reservation> reservations = new ArrayList<>();
        for (int draw = 0; !toDraw.isEmpty(); draw++) {
            List<OrderStore.NewOrder> drawn = new ArrayList<>(toDraw.size());
            for (Decided decided : toDraw) {
                MakegoodOrder order = order(decided, draw, now);
                drawn.add(new OrderStore.NewOrder(order.orderId(), order.idempotencyKey(), order.market(), order.signed(json, signature)));
            }
            Set<String> taken = new HashSet<>();
            orders.insertAll(drawn, now, caller).forEach(order -> taken.add(order.orderId()));
            List<Decided> again = new ArrayList<>();
            for (OrderStore.NewOrder order : drawn) {
                Decided decided = byKey.get(order.idempotencyKey());
                if (taken.contains(order.orderId())) {
                    again.add(decided);
                    continue;
                }
                issued.put(decided.input().index(), ((ObjectNode) order.signedBody()).deepCopy().put("status", "ISSUED"));
                decided.placements().forEach(placement -> reservations.add(
                        reservation(order.orderId(), placement, decided.input().payload().productCodes())));
            }
            toDraw = again;
        }
        avails.recordReservations(reservations);
        return issued;
    }

    private static MakegoodOrder order(Decided decided, int draw, Instant now) {
        RatingInput input = decided.input();
        RatingPayload p = input.payload();
        List<MakegoodOrder.Placement> placements = decided.placements().stream()
                .map(placement -> new MakegoodOrder.Placement(placement.availId(), Instant.ofEpochMilli(placement.startMs()),
                        placement.durationMs(), placement.programId(), placement.estimatedGrps()))
                .toList();
        return new MakegoodOrder(MakegoodOrder.orderId(input.idempotencyKey(), draw), p.spotId(), input.clientId(), p.market(),
                p.contractId(), decided.deficitGrps(), placements, decided.priority(), Instant.ofEpochMilli(p.cureDeadlineMs()),
                input.idempotencyKey(), input.traceId(), now);
    }

    private static AvailStore.Reservation reservation(String orderId, Placement placement, List<String> codes) {
        return new AvailStore.Reservation(orderId, placement.availId(), Instant.ofEpochMilli(placement.startMs()),
                placement.durationMs(), codes);
    }

    /** What a person deciding an escalation needs beside the result: the deficit, the deadline, the nearest avails. */
    private JsonNode escalation(Decided decided) {
        if (!decided.status().equals("COMPLIANCE_VIOLATION") && !decided.status().equals("ROUTING_FAILED")) {
            return null;
        }
        ObjectNode escalation = json.createObjectNode();
        RatingPayload p = decided.input().payload();
        escalation.put("market", p.market());
        escalation.put("contractId", p.contractId());
        escalation.put("deficitGrps", decided.deficitGrps());
        escalation.put("cureDeadline", com.trafficrules.web.Times.format(Instant.ofEpochMilli(p.cureDeadlineMs())));
        escalation.set("nearestAvails", json.valueToTree(decided.nearest().stream().map(near -> Map.of(
                "availId", near.availId(), "start", com.trafficrules.web.Times.format(Instant.ofEpochMilli(near.startMs())),
                "remainingMs", near.remainingMs(), "estimatedGrps", near.estimatedGrps(), "failed", near.failed())).toList()));
        return escalation;
    }

    /** When a routing failure is tried again: after an exponential back-off with jitter, while attempts are left. */
    private Instant retryAt(Decided decided, int attempts, Instant now) {
        if (!decided.status().equals("ROUTING_FAILED") || attempts >= ROUTING_ATTEMPTS) {
            return null;
        }
        BackOffExecution backOff = routingBackOff.start();
        long delayMs = 0;
        for (int attempt = 0; attempt < attempts; attempt++) {
            delayMs = backOff.nextBackOff();
        }
        return now.plusMillis(delayMs);
    }

    /** A ratio as the answer shows it: to 6 places, so 9.1 of 10 reads 0.91, not 0.9099999999999999. */
    private static Double shown(Double ratio) {
        return ratio == null ? null : Math.round(ratio * 1e6) / 1e6;
    }

    private Result duplicate(JsonNode stored, int index) {
        Result first = json.treeToValue(stored, Result.class);
        return new Result(index, first.spotId(), first.idempotencyKey(), first.status(), first.deliveryRatio(), first.action(), true,
                first.order(), first.reason());
    }
}
