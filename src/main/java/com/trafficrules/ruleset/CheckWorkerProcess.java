package com.trafficrules.ruleset;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One check worker: a JVM started from the service's own classes with an empty environment, a temporary working
 * directory and a heap limit, given one job on its standard input, answering on its standard output, and
 * killed past its wall-clock or CPU limit. Used once: it may have run untrusted code.
 */
final class CheckWorkerProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CheckWorkerProcess.class);

    /** The worker's main class, named rather than referenced: the worker composes the jobs, the service does not. */
    static final String MAIN_CLASS = "com.trafficrules.CheckWorker";
    private static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";
    private static final int OOM_EXIT_CODE = 3;
    private static final long POLL_MILLIS = 50;
    private static final int STDERR_TAIL = 4000;
    /** The most the worker may write: an answer is a few megabytes at most (1,000 previewed decisions). */
    private static final long MAX_OUTPUT_CHARS = 16L * 1024 * 1024;
    /** Marks the end of the reader, compared by identity: the worker closed its output or broke its protocol. */
    private static final String END = new String("end of output");

    /** The worker was stopped, or ended, before it answered. */
    static final class Stopped extends Exception {
        Stopped(String reason) {
            super(reason);
        }
    }

    private final Process process;
    private final Path workDirectory;
    private final CheckLimits limits;
    private final Writer input;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer errors = new StringBuffer();
    /** Why the reader stopped early (output past its bound, a line outside the protocol), or null. */
    private volatile String broken;

    private CheckWorkerProcess(Process process, Path workDirectory, CheckLimits limits) {
        this.process = process;
        this.workDirectory = workDirectory;
        this.limits = limits;
        this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        daemon("check-worker-out-" + process.pid(), this::readOutput);
        daemon("check-worker-err-" + process.pid(), this::readErrors);
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts a worker; with {@code warmUpJob}, it runs that (trusted) job first to load and compile its classes. */
    static CheckWorkerProcess start(CheckLimits limits, String warmUpJob) {
        Path workDirectory;
        try {
            workDirectory = Files.createTempDirectory("traffic-check-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the check worker's working directory", e);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx" + limits.heapMb() + "m", "-XX:MaxMetaspaceSize=256m", "-XX:+ExitOnOutOfMemoryError",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Djava.awt.headless=true",
                "-Dfile.encoding=UTF-8", "-Djava.io.tmpdir=" + workDirectory,
                // Same zone as the service, so a rule that reads the default zone decides here as it would there.
                "-Duser.timezone=" + TimeZone.getDefault().getID()));
        command.addAll(launch());
        if (warmUpJob != null) {
            command.add(CheckWork.WARM_UP_ARG);
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDirectory.toFile());
        // Nothing of the service's environment: no database address, credentials or signing key.
        builder.environment().clear();
        builder.environment().put("LANG", "C.UTF-8");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            deleteQuietly(workDirectory);
            throw new UncheckedIOException("Cannot start the check worker", e);
        }
        CheckWorkerProcess worker = new CheckWorkerProcess(process, workDirectory, limits);
        if (warmUpJob != null) {
            worker.sendInBackground(warmUpJob);
        }
        return worker;
    }

    /** Waits until the worker has started (and warmed up); stopped when it ended or took longer than its limit. */
    void awaitReady() throws Stopped {
        long deadline = System.nanoTime() + limits.warmUp().toNanos();
        try {
            while (System.nanoTime() < deadline) {
                String line = lines.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (CheckWork.READY.equals(line)) {
                    return;
                }
                if (line == END) {
                    throw new Stopped(endedReason());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped("interrupted while the check worker started");
        }
        throw new Stopped("the check worker did not start within " + seconds(limits.warmUp()));
    }

    /** Whether the worker is still there to take a job: one may die while it waits. */
    boolean isAlive() {
        return process.isAlive() && lines.peek() != END;
    }

    /**
     * Hands the job over and returns the worker's answer line. {@code partial} hears each line before it (what
     * the worker found so far). Killed past a limit, checked whatever the worker writes meanwhile.
     */
    String run(String job, Predicate<String> isAnswer, Consumer<String> partial) throws Stopped {
        Duration cpuBefore = cpuTime();
        long started = System.nanoTime();
        long deadline = started + limits.wallClock().toNanos();
        // Written from another thread: a worker that stops reading must not hold this one past the deadline.
        sendInBackground(job);
        try {
            while (true) {
                String line = lines.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (line == END) {
                    throw new Stopped(endedReason());
                }
                if (line != null && isAnswer.test(line)) {
                    return line;
                }
                if (line != null) {
                    partial.accept(line);
                }
                if (System.nanoTime() > deadline) {
                    kill();
                    throw new Stopped("the checks were stopped after " + seconds(limits.wallClock())
                            + " of wall-clock time, their limit");
                }
                Duration cpu = cpuTime().minus(cpuBefore);
                if (cpu.compareTo(limits.cpu()) > 0) {
                    kill();
                    throw new Stopped("the checks were stopped after " + seconds(cpu) + " of CPU time; their limit is "
                            + seconds(limits.cpu()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new Stopped("the checks were interrupted");
        }
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        kill();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteQuietly(workDirectory);
    }

    private void sendInBackground(String line) {
        daemon("check-worker-in-" + process.pid(), () -> {
            try {
                input.write(line);
                input.write('\n');
                input.flush();
            } catch (IOException e) {
                // The worker is gone; its output's end says why.
            }
        });
    }

    /**
     * Why the worker ended. Its error output is logged, not returned: it is the worker's own text, and the
     * reason is stored with the version for every role to read.
     */
    private String endedReason() {
        try {
            // A JVM that ran out of heap is on its way out: let it end with its own exit code.
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                kill();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
        if (!errors.isEmpty()) {
            log.warn("Check worker {} ended; its error output:\n{}", process.pid(), errors.toString().strip());
        }
        // -XX:+ExitOnOutOfMemoryError ends the JVM with exit code 3 when its heap is full (and HotSpot says so on
        // standard output, outside the protocol).
        if (!process.isAlive() && process.exitValue() == OOM_EXIT_CODE) {
            return "the checks ran out of memory: the check worker's heap is limited to " + limits.heapMb() + " MB";
        }
        if (broken != null) {
            return broken;
        }
        return "the check worker " + (process.isAlive() ? "closed its output" : "ended with exit code " + process.exitValue())
                + " before it answered";
    }

    private Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Reads the worker's lines, bounded: past its bound, or on a line outside the protocol, it stops reading. */
    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            StringBuilder line = new StringBuilder();
            long read = 0;
            int next;
            while ((next = reader.read()) >= 0) {
                if (++read > MAX_OUTPUT_CHARS) {
                    broken = "the check worker wrote more than " + MAX_OUTPUT_CHARS / (1024 * 1024) + " MB before it answered";
                    return;
                }
                if (next != '\n') {
                    line.append((char) next);
                    continue;
                }
                if (!CheckWork.isProtocolLine(line)) {
                    broken = "the check worker wrote a line outside its protocol";
                    return;
                }
                lines.add(line.toString());
                line.setLength(0);
            }
        } catch (IOException e) {
            // Ends the same way as a closed output.
        } finally {
            lines.add(END);
        }
    }

    /** Keeps the end of the worker's error output, for the reason of a worker that ended before it answered. */
    private void readErrors() {
        try (InputStream stream = process.getErrorStream()) {
            byte[] buffer = new byte[4096];
            int read;
            while ((read = stream.read(buffer)) >= 0) {
                errors.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                if (errors.length() > STDERR_TAIL) {
                    errors.delete(0, errors.length() - STDERR_TAIL);
                }
            }
        } catch (IOException e) {
            // Nothing more to keep.
        }
    }

    /**
     * How to start the worker's main class from the service's own classes: the class loader's folders and jars
     * (an IDE, Maven's exec plugin), the JVM's class path (Maven's test runner, spring-boot:run), or the
     * executable jar through Spring Boot's launcher.
     */
    private static List<String> launch() {
        ClassLoader loader = CheckWorkerProcess.class.getClassLoader();
        if (loader instanceof URLClassLoader urls && Stream.of(urls.getURLs()).allMatch(url -> url.getProtocol().equals("file"))) {
            return List.of("-cp", String.join(File.pathSeparator, Stream.of(urls.getURLs()).map(CheckWorkerProcess::path).toList()),
                    MAIN_CLASS);
        }
        // Absolute: the worker runs in a directory of its own.
        String classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
        if (isExecutableJar(classPath)) {
            return List.of("-cp", classPath, "-Dloader.main=" + MAIN_CLASS, BOOT_LAUNCHER);
        }
        return List.of("-cp", classPath, MAIN_CLASS);
    }

    private static boolean isExecutableJar(String classPath) {
        if (classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
            return false;
        }
        try (JarFile jar = new JarFile(classPath)) {
            return jar.getEntry("BOOT-INF/classes/") != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static String path(URL url) {
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Not a file URL: " + url, e);
        }
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not remove the check worker's directory {}: {}", directory, e.getMessage());
        }
    }
}
