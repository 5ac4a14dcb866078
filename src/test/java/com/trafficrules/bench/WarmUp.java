package com.trafficrules.bench;

import java.util.Map;

/**
 * A warm-up that lasts until the JIT compilers are quiet rather than for a fixed time: on two cores, the compilers of
 * a service this size still took a quarter of the JVM's CPU 30 s after the first request (see the history in
 * docs/benchmarks.md), so with a fixed warm-up one run measured a warmed-up service and the next a service still
 * compiling.
 */
final class WarmUp {

    /** How long a round of load lasts. */
    static final long ROUND_MILLIS = 5_000;
    /** The compilers are quiet once they use less than this share of one core over a round. */
    static final double QUIET_SHARE = 0.05;

    private WarmUp() {
    }

    /** Load for about {@code millis}; it may run over by one unit of its work. */
    interface Round {
        void run(long millis) throws Exception;
    }

    /** How long the warm-up lasted, and whether it ended because the compilers were quiet or because time was up. */
    record Done(long millis, boolean quiet) {

        /** "warmed up for 90 s", or "… 180 s, and the compilers were still busy". */
        String describe() {
            return "warmed up for %.0f s%s".formatted(millis / 1000.0, quiet ? "" : ", and the compilers were still busy");
        }
    }

    /**
     * Runs {@code round} for at least {@code minMillis} (the compilers start slowly, so a quiet first round means
     * little) and then until the compilers are quiet over a round, stopping at the first round that ends after
     * {@code maxMillis}.
     */
    static Done untilCompilersQuiet(long minMillis, long maxMillis, Round round) throws Exception {
        long started = System.nanoTime();
        while (true) {
            Map<String, Long> before = CpuUse.compilerTicksNow();
            long roundStarted = System.nanoTime();
            round.run(ROUND_MILLIS);
            double roundSeconds = (System.nanoTime() - roundStarted) / 1e9;
            boolean quiet = CpuUse.compilerSecondsSince(before) < QUIET_SHARE * roundSeconds;
            long elapsed = (System.nanoTime() - started) / 1_000_000;
            if ((elapsed >= minMillis && quiet) || elapsed >= maxMillis) {
                return new Done(elapsed, quiet);
            }
        }
    }
}
