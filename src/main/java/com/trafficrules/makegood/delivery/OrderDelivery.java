package com.trafficrules.makegood.delivery;

import com.trafficrules.makegood.order.Cancellations;
import com.trafficrules.makegood.order.OrderQueued;
import com.trafficrules.makegood.order.OrderStore;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends make-good orders from the outbox to the traffic system, one at a time on a thread of its own: right after an
 * order's transaction commits, and every poll interval for whatever is due (after a crash, a restart, a failed round).
 *
 * <p>An entry is claimed in a short transaction that leases it (nobody else takes it until the lease ends), then sent
 * with no transaction open, then its result recorded in a second short transaction. Each round is one Resilience4j
 * retry (5xx, 408, 429, timeouts and broken connections are tried again, with exponential backoff and jitter) through
 * one circuit breaker; a round that ends without an answer leaves the entry due a later round. 2xx: the order is
 * DELIVERED. Any other 4xx: the traffic system refused it, and it is cancelled as its compensating step (reservations
 * released, the reason kept). An order cancelled before it went out is not sent.
 *
 * <p>The guarantee is at least once, with the order's idempotency key on every request: an order is sent until the
 * traffic system answers it, so when an answer is lost (a timeout, a crash or a stop between sending and recording, a
 * lease outlived) it is sent again, the same document with the same key. Exactly once is what the traffic system makes
 * of that by honouring the key; here, an order changes status at most once, whatever number of answers come back.
 */
final class OrderDelivery implements SmartLifecycle {

    static final String BY = "delivery";
    static final String REJECTED_BY = "traffic-system";
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(OrderDelivery.class);

    private final OutboxStore outbox;
    private final OrderStore orders;
    private final Cancellations cancellations;
    private final TrafficSystem trafficSystem;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Duration pollInterval;
    private final Duration lease;
    private final IntervalFunction laterRounds;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private volatile ScheduledExecutorService worker;

    OrderDelivery(OutboxStore outbox, OrderStore orders, Cancellations cancellations, TrafficSystem trafficSystem, Retry retry,
                  CircuitBreaker breaker, TransactionTemplate transactions, Clock clock, MeterRegistry meters, DeliveryProperties settings) {
        this.outbox = outbox;
        this.orders = orders;
        this.cancellations = cancellations;
        this.trafficSystem = trafficSystem;
        this.retry = retry;
        this.breaker = breaker;
        this.transactions = transactions;
        this.clock = clock;
        this.meters = meters;
        this.pollInterval = settings.pollInterval();
        this.lease = lease(settings);
        DeliveryProperties.Retry rounds = settings.retry();
        this.laterRounds = IntervalFunction.ofExponentialRandomBackoff(rounds.later(), 2, rounds.jitter(), rounds.laterMax());
    }

    /** Longer than a round can take: every attempt timing out, every wait at its longest, and a margin. */
    static Duration lease(DeliveryProperties settings) {
        DeliveryProperties.Retry retry = settings.retry();
        Duration attempt = settings.connectTimeout().plus(settings.requestTimeout());
        Duration longestWait = Duration.ofMillis((long) Math.ceil(retry.maxBackoff().toMillis() * (1 + retry.jitter())));
        return attempt.multipliedBy(retry.attempts()).plus(longestWait.multipliedBy(Math.max(0, retry.attempts() - 1))).plus(LEASE_MARGIN);
    }

    /** A new order committed: look at the outbox now rather than at the next poll. */
    @TransactionalEventListener
    void orderQueued(OrderQueued queued) {
        wake();
    }

    void wake() {
        ScheduledExecutorService running = worker;
        if (running != null && wakeQueued.compareAndSet(false, true)) {
            try {
                running.execute(() -> {
                    wakeQueued.set(false);
                    drain();
                });
            } catch (RuntimeException stopping) {
                wakeQueued.set(false);
            }
        }
    }

    /** Sends whatever is due, one order after another, until nothing is or the breaker is open. */
    private void drain() {
        try {
            while (!Thread.currentThread().isInterrupted() && deliverNext()) {
                // next
            }
        } catch (RuntimeException e) {
            log.warn("Delivering make-good orders stopped for now; the next poll goes on", e);
        }
    }

    /** Claims, sends and records one due order; false when none was due or nothing more should be sent this time. */
    boolean deliverNext() {
        Instant now = clock.instant();
        Optional<OutboxStore.Claimed> next = transactions.execute(status -> outbox.claimNext(now, now.plus(lease)));
        if (next.isEmpty()) {
            return false;
        }
        OutboxStore.Claimed claimed = next.get();
        if (!claimed.status().equals("ISSUED")) {
            transactions.executeWithoutResult(status -> notSent(claimed));
            return true;
        }
        try {
            return send(claimed);
        } catch (Stopped stopped) {
            // Stopping mid-round: whatever answer comes is lost, so the order is due again at once, for whichever
            // replica (or this one restarted) comes next, rather than when the lease ends. The flag is kept aside
            // meanwhile so that the connection pool hands out a connection.
            Thread.interrupted();
            try {
                outbox.dueAt(claimed.orderId(), clock.instant());
            } finally {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    /** One round; whether to go on with the next due order. */
    private boolean send(OutboxStore.Claimed claimed) {
        Supplier<TrafficSystem.Answer> guarded = CircuitBreaker.decorateSupplier(breaker, () -> post(claimed));
        try {
            TrafficSystem.Answer answer = retry.executeSupplier(() -> {
                try {
                    return guarded.get();
                } catch (Failed failed) {
                    record(claimed.orderId(), failed.httpStatus, failed.outcome, failed.getMessage());
                    throw failed;
                }
            });
            if (answer.accepted()) {
                transactions.executeWithoutResult(status -> delivered(claimed, answer));
            } else {
                transactions.executeWithoutResult(status -> rejected(claimed, answer));
            }
            return true;
        } catch (Failed failed) {
            if (Thread.currentThread().isInterrupted()) {
                throw new Stopped(); // the retry's wait was cut short
            }
            outbox.dueAt(claimed.orderId(), clock.instant().plusMillis(laterRounds.apply(claimed.round())));
            return true;
        } catch (CallNotPermittedException open) {
            transactions.executeWithoutResult(status -> {
                record(claimed.orderId(), null, "CIRCUIT_OPEN", "not sent: the circuit breaker is open after sustained failures");
                outbox.dueAt(claimed.orderId(), clock.instant().plusMillis(laterRounds.apply(claimed.round())));
            });
            return false;
        }
    }

    /** One POST: the answer when it is final (2xx, or the order refused), else {@link Failed}, which is tried again. */
    private TrafficSystem.Answer post(OutboxStore.Claimed claimed) {
        TrafficSystem.Answer answer;
        try {
            answer = trafficSystem.post(claimed.body(), claimed.idempotencyKey());
        } catch (TrafficSystem.Unanswered unanswered) {
            throw new Failed(null, unanswered.outcome(), unanswered.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
        if (answer.accepted() || answer.rejected()) {
            return answer;
        }
        throw new Failed(answer.status(), "RETRY", answer.detail());
    }

    private void delivered(OutboxStore.Claimed claimed, TrafficSystem.Answer answer) {
        String orderId = claimed.orderId();
        String status = orders.lockStatus(orderId).orElseThrow();
        Instant now = clock.instant();
        record(orderId, answer.status(), "DELIVERED", answer.detail());
        if (status.equals("ISSUED")) {
            orders.setStatus(orderId, "DELIVERED");
            orders.addEvent(orderId, now, BY, "DELIVERED", null);
        } else if (status.equals("CANCELLED")) {
            // Cancelled here while it was on its way: the traffic system has it all the same, which its people must know.
            orders.addEvent(orderId, now, BY, "DELIVERED", "accepted by the traffic system after the order was cancelled here");
        }
        outbox.done(orderId, now);
    }

    private void rejected(OutboxStore.Claimed claimed, TrafficSystem.Answer answer) {
        String orderId = claimed.orderId();
        String status = orders.lockStatus(orderId).orElseThrow();
        record(orderId, answer.status(), "REJECTED", answer.detail());
        if (status.equals("ISSUED")) {
            cancellations.cancel(orderId, REJECTED_BY, "rejected by the traffic system: " + answer.detail());
        }
        // Already DELIVERED: a repeat of an order the traffic system had accepted, refused as a repeat; it stays delivered.
        outbox.done(orderId, clock.instant());
    }

    /** An order that is no longer ISSUED when its turn comes is not sent (again). */
    private void notSent(OutboxStore.Claimed claimed) {
        if (claimed.status().equals("CANCELLED")) {
            record(claimed.orderId(), null, "SKIPPED", "not sent: the order was cancelled before the traffic system confirmed it");
        }
        outbox.done(claimed.orderId(), clock.instant());
    }

    private void record(String orderId, Integer httpStatus, String outcome, String detail) {
        outbox.recordAttempt(orderId, clock.instant(), httpStatus, outcome, detail);
        Counter.builder("makegood_delivery_attempts").description("Make-good delivery attempts, by outcome").tag("outcome", outcome)
                .register(meters).increment();
    }

    /** A POST that got no final answer; retried. */
    static final class Failed extends RuntimeException {

        private final Integer httpStatus;
        private final String outcome;

        Failed(Integer httpStatus, String outcome, String detail) {
            super(detail, null, false, false);
            this.httpStatus = httpStatus;
            this.outcome = outcome;
        }
    }

    /** The service is stopping: the round ends where it is and the order's lease is given back. */
    static final class Stopped extends RuntimeException {

        Stopped() {
            super("stopping", null, false, false);
        }
    }

    @Override
    public void start() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "makegood-delivery");
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        worker = executor;
        executor.scheduleWithFixedDelay(this::drain, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("Delivering make-good orders to {}", trafficSystem);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = worker;
        worker = null;
        if (running == null) {
            return;
        }
        running.shutdownNow();
        try {
            if (!running.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Make-good delivery did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }
}
