package com.trafficrules.bench;

import com.trafficrules.bench.Soak.Endpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * What a soak recorded, and its report: docs/soak.md, per time bucket and in sum, and the plot of docs/soak.png.
 * Times are nanoseconds from the start of the measured window; the warm-up's are negative, and only what happened
 * inside the window is reported.
 */
final class SoakFigures {

    /** A request: when it was due, how long from then until its answer, and why it failed (null: it did not). */
    record Answer(Endpoint endpoint, long dueNanos, long latencyNanos, String error) {
    }

    /** A garbage collection, with the heap and the old generation after it. */
    record Collection(long atNanos, String collector, boolean full, String cause, long heapAfterBytes,
                      long oldGenerationAfterBytes, long pauseMillis) {
    }

    /**
     * One look at the connection pool, the database's sessions and the CPU: this JVM's and the machine's as fractions of
     * all its cores, and the machine's 1-minute load average, which counts what waits for a core too.
     */
    record PoolSample(long atNanos, int active, int total, int waiting, long sessions, double processCpu, double machineCpu,
                      double loadAverage) {
    }

    /** A ruleset activation through governance: its phases, or why it failed. */
    record Activation(long atNanos, GovernanceBenchmark.Run run, String error) {
    }

    /** One time bucket of the window, {@code [from, to)}. */
    record Bucket(long from, long to, Map<Endpoint, long[]> latencies, Map<Endpoint, Long> errors, List<Collection> collections,
                  List<PoolSample> samples, List<Activation> activations) {
    }

    private static final double MIB = 1024.0 * 1024;
    private static final double NANOS_PER_MINUTE = 60e9;

    private final Soak.Settings settings;
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final Queue<Collection> collections = new ConcurrentLinkedQueue<>();
    private final Queue<PoolSample> samples = new ConcurrentLinkedQueue<>();
    private final Queue<Activation> activations = new ConcurrentLinkedQueue<>();
    private final Map<Endpoint, LongAdder> due = new EnumMap<>(Endpoint.class);
    private long bucketsAnnounced;
    private long liveBefore;
    private long liveAfter;

    SoakFigures(Soak.Settings settings) {
        this.settings = settings;
        for (Endpoint endpoint : Endpoint.values()) {
            due.put(endpoint, new LongAdder());
        }
    }

    Soak.Settings settings() {
        return settings;
    }

    void due(Endpoint endpoint, long at) {
        if (inWindow(at)) {
            due.get(endpoint).increment();
        }
    }

    void answered(Answer answer) {
        answers.add(answer);
    }

    void collected(Collection collection) {
        collections.add(collection);
    }

    void sampled(PoolSample sample) {
        samples.add(sample);
    }

    void activated(Activation activation) {
        activations.add(activation);
    }

    /** The heap used right after a full collection before the warm-up and after the run, both outside the window. */
    void liveHeap(long before, long after) {
        liveBefore = before;
        liveAfter = after;
    }

    /** A line for the console once a bucket has passed since the last one; called from one thread. */
    Optional<String> progress(long now) {
        long passed = Math.min(now, settings.duration().toNanos()) / settings.bucket().toNanos();
        if (now < 0 || passed <= bucketsAnnounced) {
            return Optional.empty();
        }
        bucketsAnnounced = passed;
        List<Answer> inWindow = answers.stream().filter(answer -> inWindow(answer.dueNanos())).toList();
        return Optional.of("%s of %s: %,d requests answered, %,d errors".formatted(clock(now), clock(settings.duration().toNanos()),
                inWindow.size(), inWindow.stream().filter(answer -> answer.error() != null).count()));
    }

    private boolean inWindow(long at) {
        return at >= 0 && at < settings.duration().toNanos();
    }

    List<Bucket> buckets() {
        long width = settings.bucket().toNanos();
        long window = settings.duration().toNanos();
        List<Bucket> buckets = new ArrayList<>();
        for (long from = 0; from < window; from += width) {
            long start = from;
            long end = Math.min(from + width, window);
            Predicate<Long> inside = at -> at >= start && at < end;
            Map<Endpoint, long[]> latencies = new EnumMap<>(Endpoint.class);
            Map<Endpoint, Long> errors = new EnumMap<>(Endpoint.class);
            for (Endpoint endpoint : endpoints()) {
                List<Answer> mine = answers.stream().filter(a -> a.endpoint() == endpoint && inside.test(a.dueNanos())).toList();
                latencies.put(endpoint, mine.stream().mapToLong(Answer::latencyNanos).sorted().toArray());
                errors.put(endpoint, mine.stream().filter(a -> a.error() != null).count());
            }
            buckets.add(new Bucket(start, end, latencies, errors,
                    collections.stream().filter(c -> inside.test(c.atNanos())).toList(),
                    samples.stream().filter(s -> inside.test(s.atNanos())).toList(),
                    activations.stream().filter(a -> inside.test(a.atNanos())).toList()));
        }
        return buckets;
    }

    /** The endpoints this run sent requests to. */
    List<Endpoint> endpoints() {
        return settings.rates().entrySet().stream().filter(rate -> rate.getValue() > 0).map(Map.Entry::getKey).toList();
    }

    List<Collection> collectionsInWindow() {
        return collections.stream().filter(c -> inWindow(c.atNanos())).sorted(java.util.Comparator.comparingLong(Collection::atNanos))
                .toList();
    }

    List<PoolSample> samplesInWindow() {
        return samples.stream().filter(s -> inWindow(s.atNanos())).sorted(java.util.Comparator.comparingLong(PoolSample::atNanos))
                .toList();
    }

    List<Activation> activationsInWindow() {
        return activations.stream().filter(a -> inWindow(a.atNanos())).toList();
    }

    long liveBefore() {
        return liveBefore;
    }

    long liveAfter() {
        return liveAfter;
    }

    void write(Path markdown, Path png, String machine) throws IOException {
        List<Bucket> buckets = buckets();
        Files.createDirectories(markdown.getParent());
        Files.writeString(markdown, markdown(buckets, png.getFileName().toString(), machine));
        SoakPlot.write(this, buckets, png);
    }

    /** The summary alone, for the console. */
    String summary() {
        return summaryTable(buckets()) + "\n" + activationSummary() + "\n\n" + heapSummary() + "\n\n" + connectionSummary();
    }

    private String markdown(List<Bucket> buckets, String png, String machine) {
        StringBuilder rates = new StringBuilder("| endpoint | rate | each request |\n|---|---|---|\n");
        for (Endpoint endpoint : endpoints()) {
            rates.append("| `%s` | %s/s | %s |\n".formatted(endpoint.path, number(settings.rates().get(endpoint)), endpoint.load));
        }
        return """
                # Soak

                Written by `bin/soak` (see the README); every run replaces this file and `%s`. This run: %s of soak after
                a %s warm-up over which the rates climb linearly to the full ones (not counted), %s buckets.

                The service runs in the soak's JVM, with the service's JVM options, on an embedded PostgreSQL 17 of its own,
                durable (`fsync` and `synchronous_commit` on) as in production. Each endpoint is sent requests **open-loop**: at
                a fixed rate whether or not earlier ones have been answered, by a pool of %d senders, and a request's latency runs
                from when it was due until its answer, so a stall counts against every request due during it. p50 and p99 are
                over every request due in the bucket, errors included. An error is an answer other than 200, a fill answered
                with its fallback, or no answer. Every %s from %s on a ruleset version is
                proposed by `manager` — the active files with a new comment in `temporal-overlap.drl`, so a new hash —, approved
                by `approver` and activated by `approver`, then validations sent until one is answered by the new version
                (`GovernanceBenchmark`'s path). The default rates are meant to leave most of two cores free, so that the
                service is not saturated and a stall or a leak is not hidden behind a queue.

                %s
                ## Summary

                %s
                %s

                %s

                %s

                %s

                %s

                %s

                ## Per %s: requests

                Each cell: p50 / p99 in ms (requests, errors).

                %s
                ## Per %s: ruleset, heap, connections, CPU

                Heap: the young collections (PS Scavenge) in the bucket, with the old generation after the last of them, and
                the full collections (PS MarkSweep) with the whole heap after each. Connections: the Hikari pool's active
                connections at most and total at most, and the database's sessions (`pg_stat_activity` on its database, less
                the sampler's own), sampled each second. CPU: this JVM (service and load client) and the whole machine, as
                fractions of its cores, averaged over the bucket's samples, and the machine's 1-minute load average at most
                (processes running or waiting to run: above the number of cores, something waits for a core).

                %s
                ![p99 per endpoint, heap after collections and connections over the run](%s)

                _Measured %s on %s. Client, service and PostgreSQL share the machine, and so may other engineers' builds:
                the machine's CPU column shows what ran beside the soak._
                """.formatted(png, clock(settings.duration().toNanos()), clock(settings.warmup().toNanos()),
                clock(settings.bucket().toNanos()), Soak.SENDERS, clock(Soak.ACTIVATION_EVERY.toNanos()),
                clock(Soak.FIRST_ACTIVATION.toNanos()), rates, summaryTable(buckets), errorSummary(), warmupSummary(),
                activationSummary(), heapSummary(), connectionSummary(), cpuSummary(), clock(settings.bucket().toNanos()), latencyTable(buckets),
                clock(settings.bucket().toNanos()), serviceTable(buckets), png, LocalDate.now(ZoneOffset.UTC), machine);
    }

    private String summaryTable(List<Bucket> buckets) {
        StringBuilder table = new StringBuilder(
                "| endpoint | requests | errors | p50 | p99 | max | p99 of the first / last bucket | worst bucket p99 (from) |\n"
                        + "|---|---|---|---|---|---|---|---|\n");
        for (Endpoint endpoint : endpoints()) {
            long[] all = answers.stream().filter(a -> a.endpoint() == endpoint && inWindow(a.dueNanos()))
                    .mapToLong(Answer::latencyNanos).sorted().toArray();
            long errors = answers.stream().filter(a -> a.endpoint() == endpoint && inWindow(a.dueNanos()) && a.error() != null).count()
                    + unanswered(endpoint);
            Bucket worst = null;
            for (Bucket bucket : buckets) {
                if (bucket.latencies().get(endpoint).length > 0 && (worst == null
                        || p99(bucket.latencies().get(endpoint)) > p99(worst.latencies().get(endpoint)))) {
                    worst = bucket;
                }
            }
            table.append("| %s | %,d | %,d | %s | %s | %s | %s / %s | %s |\n".formatted(endpoint.key, due.get(endpoint).sum(), errors,
                    ms(all, 50), ms(all, 99), all.length == 0 ? "–" : millis(all[all.length - 1]),
                    ms(buckets.get(0).latencies().get(endpoint), 99), ms(buckets.get(buckets.size() - 1).latencies().get(endpoint), 99),
                    worst == null ? "–" : ms(worst.latencies().get(endpoint), 99) + " (" + clock(worst.from()) + ")"));
        }
        return table.toString();
    }

    /** Requests that were due in the window and never answered: still waiting for a sender when the drain ran out. */
    private long unanswered(Endpoint endpoint) {
        return due.get(endpoint).sum() - answers.stream().filter(a -> a.endpoint() == endpoint && inWindow(a.dueNanos())).count();
    }

    private String errorSummary() {
        Map<String, Long> reasons = reasons(answer -> inWindow(answer.dueNanos()));
        for (Endpoint endpoint : endpoints()) {
            if (unanswered(endpoint) > 0) {
                reasons.put(endpoint.key + ": never sent before the end", unanswered(endpoint));
            }
        }
        return "**Errors**: " + listed(reasons);
    }

    /** The warm-up is not counted, but what failed in it is said. */
    private String warmupSummary() {
        long requests = answers.stream().filter(answer -> answer.dueNanos() < 0).count();
        String activation = activations.stream().filter(a -> a.atNanos() < 0).map(a -> a.run() == null ? "failed: " + a.error()
                : "propose → active %.0f ms".formatted(a.run().total())).collect(Collectors.joining(", "));
        return "**Warm-up** (%s, the rates climbing linearly to the full ones; not counted above): %,d requests answered; a ruleset "
                .formatted(clock(settings.warmup().toNanos()), requests)
                + "activation at its start, %s; errors: %s".formatted(activation.isEmpty() ? "none" : activation,
                listed(reasons(answer -> answer.dueNanos() < 0)));
    }

    /** The errors among the answers {@code counted}, by endpoint and reason. */
    private Map<String, Long> reasons(Predicate<Answer> counted) {
        Map<String, Long> reasons = new TreeMap<>();
        for (Answer answer : answers) {
            if (answer.error() != null && counted.test(answer)) {
                reasons.merge(answer.endpoint().key + ": " + answer.error(), 1L, Long::sum);
            }
        }
        return reasons;
    }

    private static String listed(Map<String, Long> reasons) {
        return reasons.isEmpty() ? "none." : reasons.entrySet().stream().map(e -> "%s × %,d".formatted(e.getKey(), e.getValue()))
                .collect(Collectors.joining("; ")) + ".";
    }

    private String activationSummary() {
        List<Activation> all = activationsInWindow();
        List<GovernanceBenchmark.Run> runs = all.stream().map(Activation::run).filter(java.util.Objects::nonNull).toList();
        String failures = all.stream().filter(a -> a.run() == null).map(a -> clock(a.atNanos()) + ": " + a.error())
                .collect(Collectors.joining("; "));
        if (runs.isEmpty()) {
            return "**Ruleset activations**: " + all.size() + ", none succeeded" + (failures.isEmpty() ? "." : " (" + failures + ").");
        }
        return ("**Ruleset activations**: %d, %d failed%s. Propose → active (the first validation answered by the new version), "
                + "median (max): %s ms; propose (its checks in the check worker) %s, approve %s, activate (the service compiles "
                + "the version) %s, first answer %s.").formatted(all.size(), all.size() - runs.size(),
                failures.isEmpty() ? "" : " (" + failures + ")", medianMax(runs, GovernanceBenchmark.Run::total),
                medianMax(runs, GovernanceBenchmark.Run::propose), medianMax(runs, GovernanceBenchmark.Run::approve),
                medianMax(runs, GovernanceBenchmark.Run::activate), medianMax(runs, GovernanceBenchmark.Run::firstServed));
    }

    private String heapSummary() {
        List<Collection> all = collectionsInWindow();
        List<Collection> young = all.stream().filter(c -> !c.full()).toList();
        List<Collection> full = all.stream().filter(Collection::full).toList();
        String fullText = full.isEmpty()
                ? "no full collection happened in the window (the old generation never filled), so there is no heap-after-full-GC "
                + "line; the old generation after each young collection stands in for it below, and the live heap before and "
                + "after the run for the trend"
                : "%d full collections, heap after each: %s MiB".formatted(full.size(), full.stream()
                .map(c -> "%.0f (%s, %s)".formatted(c.heapAfterBytes() / MIB, clock(c.atNanos()), c.cause()))
                .collect(Collectors.joining(", ")));
        String youngText = young.isEmpty() ? "No young collection in the window."
                : ("Old generation after each young collection: %.0f MiB after the first, %.0f MiB after the last (%d young "
                + "collections, one every %.0f s on average, pauses median %d ms, max %d ms), a least-squares slope of %.1f MiB a "
                + "minute: what survives two young collections is promoted and stays there until a full collection, so this "
                + "line climbs slowly even without a leak.").formatted(young.get(0).oldGenerationAfterBytes() / MIB,
                young.get(young.size() - 1).oldGenerationAfterBytes() / MIB, young.size(),
                settings.duration().toSeconds() / (double) young.size(), medianPause(young),
                young.stream().mapToLong(Collection::pauseMillis).max().orElse(0), slopePerMinute(young));
        return ("**Heap** (ParallelGC, see the JVM options below): %s. %s Live heap, the heap used right after a `System.gc()` "
                + "outside the window: %.0f MiB before the warm-up, %.0f MiB after the run (%+.0f MiB; the service keeps up to 8 "
                + "compiled ruleset versions, the serving one among them, so the activations' KieBases account for part of it).")
                .formatted(fullText, youngText, liveBefore / MIB, liveAfter / MIB, (liveAfter - liveBefore) / MIB);
    }

    private String connectionSummary() {
        List<PoolSample> all = samplesInWindow();
        if (all.isEmpty()) {
            return "**Connections**: no sample.";
        }
        return ("**Connections** (%d samples, one a second): the Hikari pool's total %d–%d, active at most %d (median %d), "
                + "threads waiting for a connection at most %d; PostgreSQL sessions on the database %d–%d, %d in the first "
                + "sample and %d in the last.").formatted(all.size(), all.stream().mapToInt(PoolSample::total).min().orElseThrow(),
                all.stream().mapToInt(PoolSample::total).max().orElseThrow(), all.stream().mapToInt(PoolSample::active).max().orElseThrow(),
                all.stream().mapToInt(PoolSample::active).sorted().toArray()[all.size() / 2],
                all.stream().mapToInt(PoolSample::waiting).max().orElseThrow(), all.stream().mapToLong(PoolSample::sessions).min().orElseThrow(),
                all.stream().mapToLong(PoolSample::sessions).max().orElseThrow(), all.get(0).sessions(), all.get(all.size() - 1).sessions());
    }

    private String cpuSummary() {
        List<PoolSample> all = samplesInWindow();
        return ("**CPU**, as a share of all the machine's cores: this JVM (service and load client) %s on average, the whole "
                + "machine %s (PostgreSQL, the check worker and whatever else runs on the machine are other processes); the "
                + "machine's 1-minute load average %.1f–%.1f on %d cores.").formatted(percent(all, PoolSample::processCpu),
                percent(all, PoolSample::machineCpu), all.stream().mapToDouble(PoolSample::loadAverage).min().orElse(0),
                all.stream().mapToDouble(PoolSample::loadAverage).max().orElse(0), Runtime.getRuntime().availableProcessors());
    }

    private String latencyTable(List<Bucket> buckets) {
        List<Endpoint> endpoints = endpoints();
        StringBuilder table = new StringBuilder("| from |" + endpoints.stream().map(e -> " " + e.key + " |").collect(Collectors.joining())
                + "\n|---|" + "---|".repeat(endpoints.size()) + "\n");
        for (Bucket bucket : buckets) {
            table.append("| ").append(clock(bucket.from())).append(" |");
            for (Endpoint endpoint : endpoints) {
                long[] latencies = bucket.latencies().get(endpoint);
                table.append(" %s / %s (%d, %d) |".formatted(ms(latencies, 50), ms(latencies, 99), latencies.length,
                        bucket.errors().get(endpoint)));
            }
            table.append('\n');
        }
        return table.toString();
    }

    private String serviceTable(List<Bucket> buckets) {
        StringBuilder table = new StringBuilder("| from | ruleset activation: propose → active | young GCs: old gen after the last "
                + "| full GCs: heap after | pool active max / total max | sessions min–max | CPU: JVM / machine | load average max |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (Bucket bucket : buckets) {
            String activation = bucket.activations().stream().map(a -> a.run() == null ? "failed: " + a.error()
                    : "%s: %.0f ms".formatted(clock(a.atNanos()), a.run().total())).collect(Collectors.joining(", "));
            List<Collection> young = bucket.collections().stream().filter(c -> !c.full()).toList();
            List<Collection> full = bucket.collections().stream().filter(Collection::full).toList();
            List<PoolSample> samples = bucket.samples();
            table.append("| %s | %s | %s | %s | %s | %s | %s / %s | %s |\n".formatted(clock(bucket.from()), activation.isEmpty() ? "–" : activation,
                    young.isEmpty() ? "none" : "%d: %.0f MiB".formatted(young.size(), young.get(young.size() - 1).oldGenerationAfterBytes() / MIB),
                    full.isEmpty() ? "none" : full.stream().map(c -> "%.0f MiB".formatted(c.heapAfterBytes() / MIB))
                            .collect(Collectors.joining(", ")),
                    samples.isEmpty() ? "–" : "%d / %d".formatted(samples.stream().mapToInt(PoolSample::active).max().orElseThrow(),
                            samples.stream().mapToInt(PoolSample::total).max().orElseThrow()),
                    samples.isEmpty() ? "–" : "%d–%d".formatted(samples.stream().mapToLong(PoolSample::sessions).min().orElseThrow(),
                            samples.stream().mapToLong(PoolSample::sessions).max().orElseThrow()),
                    percent(samples, PoolSample::processCpu), percent(samples, PoolSample::machineCpu),
                    samples.isEmpty() ? "–" : "%.1f".formatted(samples.stream().mapToDouble(PoolSample::loadAverage).max().orElseThrow())));
        }
        return table.toString();
    }

    static double p99(long[] sortedNanos) {
        return BenchmarkReport.percentile(sortedNanos, 99) / 1e6;
    }

    private static String ms(long[] sortedNanos, double percentile) {
        return sortedNanos.length == 0 ? "–" : millis(BenchmarkReport.percentile(sortedNanos, percentile));
    }

    private static String millis(long nanos) {
        double ms = nanos / 1e6;
        return ms < 100 ? "%.1f".formatted(ms) : "%.0f".formatted(ms);
    }

    /** Minutes and seconds, {@code 9:30}. */
    static String clock(long nanos) {
        long seconds = Math.round(nanos / 1e9);
        return "%d:%02d".formatted(seconds / 60, seconds % 60);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static String percent(List<PoolSample> samples, ToDoubleFunction<PoolSample> load) {
        // The first reading of a CPU load can be negative: not yet known.
        return samples.stream().mapToDouble(load).filter(value -> value >= 0).average()
                .stream().mapToObj(average -> "%.0f %%".formatted(average * 100)).findFirst().orElse("–");
    }

    private static String medianMax(List<GovernanceBenchmark.Run> runs, ToDoubleFunction<GovernanceBenchmark.Run> phase) {
        double[] values = runs.stream().mapToDouble(phase).sorted().toArray();
        return "%.0f (%.0f)".formatted(values[values.length / 2], values[values.length - 1]);
    }

    private static long medianPause(List<Collection> collections) {
        return collections.stream().mapToLong(Collection::pauseMillis).sorted().toArray()[collections.size() / 2];
    }

    /** The least-squares slope of the old generation after each collection over time, MiB a minute. */
    private static double slopePerMinute(List<Collection> collections) {
        if (collections.size() < 2) {
            return 0;
        }
        double meanX = collections.stream().mapToDouble(c -> c.atNanos() / NANOS_PER_MINUTE).average().orElseThrow();
        double meanY = collections.stream().mapToDouble(c -> c.oldGenerationAfterBytes() / MIB).average().orElseThrow();
        double covariance = 0;
        double variance = 0;
        for (Collection c : collections) {
            double dx = c.atNanos() / NANOS_PER_MINUTE - meanX;
            covariance += dx * (c.oldGenerationAfterBytes() / MIB - meanY);
            variance += dx * dx;
        }
        return variance == 0 ? 0 : covariance / variance;
    }
}
