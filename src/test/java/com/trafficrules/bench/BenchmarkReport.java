package com.trafficrules.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes a benchmark's figures into its own section of docs/benchmarks.md, with the machine they ran on. */
final class BenchmarkReport {

    private static final Path FILE = Path.of("docs/benchmarks.md");
    /** The heading of the hand-written part at the bottom, which no command rewrites. */
    private static final String HISTORY = "## History of the figures";

    private BenchmarkReport() {
    }

    static String machine() {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return "%s; %d cores; %.1f GiB RAM; %s %s; Java %s (%s) with %s".formatted(cpuModel(),
                Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize() / (1024.0 * 1024 * 1024),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), heapAndCollector());
    }

    /** The JVM options that shape latency: the collector and the heap's sizes. */
    private static String heapAndCollector() {
        String options = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> option.startsWith("-Xm") || option.matches("-XX:\\+Use\\w+GC"))
                .collect(java.util.stream.Collectors.joining(" "));
        return options.isEmpty() ? "the JVM's default heap and collector" : "`" + options + "`";
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .findFirst().map(line -> line.substring(line.indexOf(':') + 1).strip()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    /** Replaces (or appends) the section between {@code <!-- name:start -->} and {@code <!-- name:end -->}. */
    static void write(String name, String markdown) throws IOException {
        String start = "<!-- " + name + ":start -->";
        String end = "<!-- " + name + ":end -->";
        String section = start + "\n" + markdown.strip() + "\n\n_Measured " + LocalDate.now(ZoneOffset.UTC) + " on "
                + machine() + "._\n" + end;
        String current = Files.exists(FILE) ? Files.readString(FILE) : "# Benchmarks\n\nEach section is written by the command it names.\n";
        Matcher existing = Pattern.compile(Pattern.quote(start) + ".*?" + Pattern.quote(end), Pattern.DOTALL).matcher(current);
        // A new section goes before the hand-written history, when there is one, else at the end.
        int history = current.indexOf("\n" + HISTORY);
        String updated = existing.find()
                ? current.substring(0, existing.start()) + section + current.substring(existing.end())
                : history >= 0 ? current.substring(0, history).stripTrailing() + "\n" + section + "\n\n" + current.substring(history + 1)
                : current.stripTrailing() + "\n\n" + section + "\n";
        Files.createDirectories(FILE.getParent());
        Files.writeString(FILE, updated);
    }

    static long percentile(long[] sortedNanos, double p) {
        int index = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))];
    }
}
