package com.trafficrules.ruleset;

import com.trafficrules.engine.RulesetFiles;
import com.trafficrules.kernel.ActiveRuleset;
import com.trafficrules.kernel.Scenario;
import com.trafficrules.kernel.StoredDecision;
import com.trafficrules.ruletest.Scenarios;
import com.trafficrules.web.BusyException;
import com.trafficrules.web.UnprocessableException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs what executes a proposed version's code — its checks and its impact preview — in a check worker: a
 * separate JVM with no database connection, no secrets, a heap limit and a wall-clock and CPU limit. Drools
 * has no sandbox, so the lint is one wall and this is the second: whatever a proposal's rules do, they do it in
 * a process that knows nothing and is thrown away. One worker is kept started and warmed up on the active
 * version's files, and replaced after every use.
 */
@Component
@EnableConfigurationProperties(CheckLimits.class)
class IsolatedChecks implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(IsolatedChecks.class);

    private final CheckLimits limits;
    private final Semaphore running;
    private final JsonMapper json;
    private final ActiveRuleset active;
    private final Path root;
    private final ExecutorService starter = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "check-worker-starter");
        thread.setDaemon(true);
        return thread;
    });
    /** The pre-started worker, or null when none is starting or waiting. */
    private CompletableFuture<CheckWorkerProcess> next;
    private volatile boolean closed;

    IsolatedChecks(CheckLimits limits, JsonMapper json, ActiveRuleset active, @Value("${traffic.rules.root}") String root) {
        this.limits = limits;
        this.running = new Semaphore(limits.workers());
        this.json = json;
        this.active = active;
        this.root = Path.of(root);
    }

    @EventListener(ApplicationReadyEvent.class)
    void prestart() {
        if (limits.prestart()) {
            replenish();
        }
    }

    /** The three checks of {@code files}; a worker stopped on a limit yields checks that reject the version. */
    RulesetChecks check(RulesetFiles files, List<Scenario> scenarios) {
        AtomicReference<RulesetChecks> found = new AtomicReference<>();
        try {
            return run(new CheckWork.Job(new CheckWork.CheckJob(files.all(), scenarios), null),
                    answer -> found.set(answer.checks())).checks();
        } catch (CheckWorkerProcess.Stopped e) {
            // Compile and lint run no rule; past them, what runs is the proposal's rules.
            String reason = e.getMessage() + (found.get() == null ? ", before compile and lint had finished"
                    : ", while its rules ran the scenarios: a rule may fire without end or hold too much");
            log.warn("The checks of ruleset {} were stopped: {}", files.hash(), reason);
            return RulesetChecks.stoppedAfter(found.get(), reason);
        }
    }

    /** The stored requests decided again under {@code candidate} and {@code current}, where they differ. */
    List<ImpactComparison.Change> impact(RulesetFiles candidate, RulesetFiles current, List<StoredDecision> decisions,
                                         Map<String, JsonNode> contexts) {
        try {
            return run(new CheckWork.Job(null, new CheckWork.ImpactJob(candidate.all(), current.all(), decisions, contexts)),
                    answer -> { }).changes();
        } catch (CheckWorkerProcess.Stopped e) {
            throw new UnprocessableException("The impact preview was stopped: " + e.getMessage(), "stopped", e.getMessage());
        }
    }

    private CheckWork.Answer run(CheckWork.Job job, Consumer<CheckWork.Answer> partial) throws CheckWorkerProcess.Stopped {
        // Each worker is a JVM with its own heap and CPU budget: a few at once, not one per request.
        if (!running.tryAcquire()) {
            throw new BusyException("Ruleset checks are already running in " + limits.workers()
                    + " check workers; try again shortly", limits.wallClock());
        }
        try {
            return runAlone(job, partial);
        } finally {
            running.release();
        }
    }

    private CheckWork.Answer runAlone(CheckWork.Job job, Consumer<CheckWork.Answer> partial) throws CheckWorkerProcess.Stopped {
        long asked = System.nanoTime();
        CheckWorkerProcess worker = take();
        long handedOver = System.nanoTime();
        try {
            String answer = worker.run(json.writeValueAsString(job), line -> line.startsWith(CheckWork.ANSWER), line -> {
                if (line.startsWith(CheckWork.CHECKED)) {
                    partial.accept(json.readValue(line.substring(CheckWork.CHECKED.length()), CheckWork.Answer.class));
                }
            });
            log.info("Check worker {} answered in {} ms ({} ms waiting for it to be ready)", worker.pid(),
                    (System.nanoTime() - handedOver) / 1_000_000, (handedOver - asked) / 1_000_000);
            return json.readValue(answer.substring(CheckWork.ANSWER.length()), CheckWork.Answer.class);
        } finally {
            worker.close();
            if (limits.prestart()) {
                replenish();
            }
        }
    }

    /** The pre-started worker when there is a ready one (waiting for it while it warms up), else a new one. */
    private CheckWorkerProcess take() {
        CompletableFuture<CheckWorkerProcess> prestarted;
        synchronized (this) {
            prestarted = next;
            next = null;
        }
        CheckWorkerProcess worker = prestarted == null ? null
                : prestarted.completeOnTimeout(null, limits.warmUp().toMillis(), TimeUnit.MILLISECONDS).join();
        if (worker != null && worker.isAlive()) {
            return worker;
        }
        if (worker != null) {
            // It died while it waited: not the proposal's doing, so a new one checks it.
            worker.close();
        }
        CheckWorkerProcess cold = CheckWorkerProcess.start(limits, null);
        try {
            cold.awaitReady();
        } catch (CheckWorkerProcess.Stopped e) {
            cold.close();
            // Not the proposal's fault: nothing of it ran yet.
            throw new IllegalStateException("The check worker did not start: " + e.getMessage(), e);
        }
        return cold;
    }

    private synchronized void replenish() {
        if (next == null && !closed) {
            next = CompletableFuture.supplyAsync(this::warmWorker, starter);
        }
    }

    /** A worker that has checked the active version's files once, so its classes are loaded and compiled. */
    private CheckWorkerProcess warmWorker() {
        try {
            String warmUp = json.writeValueAsString(new CheckWork.Job(
                    new CheckWork.CheckJob(active.current().files().all(), Scenarios.load(root)), null));
            CheckWorkerProcess worker = CheckWorkerProcess.start(limits, warmUp);
            try {
                worker.awaitReady();
                return worker;
            } catch (CheckWorkerProcess.Stopped e) {
                worker.close();
                if (!closed) {
                    log.warn("A pre-started check worker did not warm up ({}); the next check starts one", e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not pre-start a check worker; the next check starts one", e);
        }
        return null;
    }

    @Override
    public void destroy() {
        CompletableFuture<CheckWorkerProcess> waiting;
        synchronized (this) {
            closed = true;
            waiting = next;
            next = null;
        }
        starter.shutdownNow();
        if (waiting != null) {
            waiting.thenAccept(worker -> {
                if (worker != null) {
                    worker.close();
                }
            });
        }
    }
}
