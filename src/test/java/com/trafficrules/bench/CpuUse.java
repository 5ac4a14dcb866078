package com.trafficrules.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The CPU time this JVM (the service and the benchmark's client) and the embedded PostgreSQL (its postmaster and
 * every process it started) have used so far, read from the JVM and from Linux's /proc. On a shared machine a
 * benchmark's wall-clock figures move with the neighbours' load; the CPU a run costs moves far less, so the reports
 * give both. The JIT compilers' threads' share of this JVM's CPU is given too: a benchmark that measures while they
 * are still at work measures a service that has not warmed up yet.
 */
record CpuUse(long jvmNanos, long postgresNanos, Map<String, Long> compilerTicks) {

    /** Clock ticks per second of /proc's utime and stime: USER_HZ, 100 on every Linux this runs on. */
    private static final long TICKS_PER_SECOND = 100;

    static CpuUse now(JdbcTemplate jdbc) {
        long jvm = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        // The backend's parent is read while its connection is open: once it is closed, the backend's /proc entry may be
        // gone, and the postmaster not found, which made PostgreSQL's figure 0 (or the difference negative) in some runs.
        long postmaster = jdbc.execute((ConnectionCallback<Long>) connection -> {
            try (var statement = connection.createStatement(); var rows = statement.executeQuery("select pg_backend_pid()")) {
                rows.next();
                return parentOf(rows.getLong(1));
            }
        });
        if (postmaster <= 1) {
            throw new IllegalStateException("Cannot find the embedded PostgreSQL's postmaster");
        }
        // The postmaster's own time, and that of the children it has reaped (backends the pool closed): theirs
        // would otherwise be lost with them.
        String[] own = stat(postmaster);
        long ticks = own == null ? 0 : Long.parseLong(own[11]) + Long.parseLong(own[12]) + Long.parseLong(own[13])
                + Long.parseLong(own[14]);
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            ticks += processes.filter(dir -> dir.getFileName().toString().chars().allMatch(Character::isDigit))
                    .mapToLong(dir -> parentOf(Long.parseLong(dir.getFileName().toString())) == postmaster
                            ? ticks(Long.parseLong(dir.getFileName().toString())) : 0)
                    .sum();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list /proc", e);
        }
        return new CpuUse(jvm, ticks * 1_000_000_000L / TICKS_PER_SECOND, compilerTicksNow());
    }

    /** What was used from {@code earlier} to this. */
    CpuUse since(CpuUse earlier) {
        return new CpuUse(jvmNanos - earlier.jvmNanos, postgresNanos - earlier.postgresNanos,
                ticksSince(earlier.compilerTicks, compilerTicks));
    }

    /**
     * By thread: the JVM stops an idle compiler thread and starts another, which must not count what one used before.
     */
    private static Map<String, Long> ticksSince(Map<String, Long> earlier, Map<String, Long> now) {
        Map<String, Long> used = new HashMap<>();
        now.forEach((thread, ticks) -> used.put(thread, Math.max(0, ticks - earlier.getOrDefault(thread, 0L))));
        return used;
    }

    /**
     * "5.2 s of CPU in this JVM (service and client) and 2.1 s in PostgreSQL, 26.0 ms and 10.5 ms a run; 0.1 s of the JVM's
     * in its JIT compilers" for {@code runs}.
     */
    String describe(long runs, String run) {
        return "%.1f s of CPU in this JVM (service and client) and %.1f s in PostgreSQL, %.1f ms and %.1f ms a %s; %.1f s of the JVM's in its JIT compilers"
                .formatted(jvmNanos / 1e9, postgresNanos / 1e9, jvmNanos / 1e6 / runs, postgresNanos / 1e6 / runs, run,
                        seconds(compilerTicks));
    }

    /** The CPU seconds this JVM's JIT compilers have used since {@code earlier}, a reading of {@link #compilerTicksNow}. */
    static double compilerSecondsSince(Map<String, Long> earlier) {
        return seconds(ticksSince(earlier, compilerTicksNow()));
    }

    private static double seconds(Map<String, Long> ticksByThread) {
        return ticksByThread.values().stream().mapToLong(Long::longValue).sum() / (double) TICKS_PER_SECOND;
    }

    /**
     * The fields of /proc/PID/stat after the command in parentheses, from field 3: [1] is field 4 (ppid), [11] and
     * [12] fields 14 and 15 (utime, stime), [13] and [14] fields 16 and 17 (cutime, cstime: reaped children's).
     */
    private static String[] stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException gone) {
            return null;
        }
    }

    /**
     * The CPU ticks of each of this JVM's JIT compiler threads ("C1 CompilerThre", "C2 CompilerThre" in /proc), keyed
     * by thread id so that each thread is compared with its own earlier reading. A thread the JVM stops between two
     * readings takes its ticks with it, so a difference may count short (HotSpot keeps the first thread of each
     * compiler, the only ones on two cores).
     */
    static Map<String, Long> compilerTicksNow() {
        Map<String, Long> ticks = new HashMap<>();
        try (Stream<Path> threads = Files.list(Path.of("/proc/self/task"))) {
            threads.forEach(thread -> {
                try {
                    if (Files.readString(thread.resolve("comm")).matches("C[12] CompilerThre\\S*\\s*")) {
                        String stat = Files.readString(thread.resolve("stat"));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks.put(thread.getFileName().toString(), Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                    }
                } catch (IOException gone) {
                    // The thread ended while it was read.
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list this JVM's threads in /proc", e);
        }
        return ticks;
    }

    private static long parentOf(long pid) {
        String[] fields = stat(pid);
        return fields == null ? -1 : Long.parseLong(fields[1]);
    }

    private static long ticks(long pid) {
        String[] fields = stat(pid);
        return fields == null ? 0 : Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
