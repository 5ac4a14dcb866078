package com.trafficrules.bench;

import java.util.Map;

/**
 * A warm-up that lasts until the JIT compilers are nearly done rather than for a fixed time: on two cores, the
 * compilers of a service this size were still busy for a quarter of the JVM's CPU 30 s after the first request (see
 * the history in docs/benchmarks.md), so a fixed warm-up measured a service in one run that had warmed up, in the next
 * one that had not.
 */
final class WarmUp {

    /** How long a round of load lasts. */
    static final long ROUND_MILLIS = 5_000;
    /** The compilers are quiet once they use less than this share of one core over a round. */
    static final double QUIET_SHARE = 0.05;

    private WarmUp() {
    }

    interface Round {
        void run(long millis) throws Exception;
    }

    /**
     * Runs {@code round} for at least {@code minMillis} and then until the compilers are quiet over a round, for at most
     * {@code maxMillis}; the warm-up's length in milliseconds.
     */
    static long untilCompilersQuiet(long minMillis, long maxMillis, Round round) throws Exception {
        long started = System.nanoTime();
        while (true) {
            Map<String, Long> before = CpuUse.compilerTicksNow();
            round.run(ROUND_MILLIS);
            double compiling = CpuUse.compilerSecondsSince(before);
            long elapsed = (System.nanoTime() - started) / 1_000_000;
            if (elapsed >= maxMillis || elapsed >= minMillis && compiling < QUIET_SHARE * ROUND_MILLIS / 1000.0) {
                return elapsed;
            }
        }
    }
}
