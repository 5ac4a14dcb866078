package com.trafficrules.support;

import com.trafficrules.TrafficRulesApplication;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The service as a process of its own, started as an operator starts it: the shipped application.yaml (not the tests'
 * configuration), on this JVM's class path, so that a test can end it the way a crash does. {@link #kill()} is
 * SIGKILL: no shutdown hook runs, nothing is flushed or closed by the service.
 */
public final class ServiceProcess implements AutoCloseable {

    /** Exit status of a process ended by SIGKILL: 128 + 9. */
    public static final int KILLED = 137;
    private static final Duration START_WAIT = Duration.ofSeconds(150);
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final Path log;
    private final Map<String, String> environment;
    private final List<String> settings;
    private final int port;
    private final Process process;

    private ServiceProcess(Path log, Map<String, String> environment, List<String> settings, int port) {
        this.log = log;
        this.environment = environment;
        this.settings = settings;
        this.port = port;
        this.process = launch();
        awaitUp();
    }

    /**
     * Starts the service on a free port with {@code settings} ({@code --name=value}) and {@code environment} (for
     * what the shipped configuration reads from it), its output appended to {@code log}; returns once it is UP.
     */
    public static ServiceProcess start(Path log, Map<String, String> environment, String... settings) {
        return new ServiceProcess(log, Map.copyOf(environment), List.of(settings), freePort());
    }

    /** The same service started again, as a supervisor would restart it: same settings, same port, same log. */
    public ServiceProcess startAgain() {
        if (process.isAlive()) {
            throw new IllegalStateException("The service is still running");
        }
        return new ServiceProcess(log, environment, settings, port);
    }

    private Process launch() {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Two cores shared with other builds: the client compiler alone starts the service sooner.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m",
                "-cp", classPath(), TrafficRulesApplication.class.getName(),
                "--spring.config.location=classpath:/application.yaml", "--server.port=" + port));
        command.addAll(settings);
        // The project directory: the shipped traffic.rules.root (.) finds rules/ and config/ there.
        ProcessBuilder builder = new ProcessBuilder(command).directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Nothing of the developer's own configuration (a TRAFFIC_DB_URL, say): only what the test gives.
        builder.environment().keySet().removeIf(name -> name.startsWith("TRAFFIC_"));
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the service", e);
        }
    }

    /** Absolute, as the service runs in the project directory whatever this JVM's working directory. */
    private static String classPath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
    }

    private void awaitUp() {
        RestClient health = http(null);
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service ended (exit " + process.exitValue() + ") before it was up:\n" + logTail());
            }
            try {
                Map<?, ?> status = health.get().uri("/actuator/health").retrieve().body(Map.class);
                if (status != null && "UP".equals(status.get("status"))) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // Not listening yet, or not UP: ask again.
            }
            pause(Duration.ofMillis(250));
        }
        process.destroyForcibly();
        throw new IllegalStateException("The service was not up within " + START_WAIT.toSeconds() + " s:\n" + logTail());
    }

    /** A client of the service, signed in as a demo user (password = user name); {@code user} null: anonymous. */
    public RestClient http(String user) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(READ_TIMEOUT);
        RestClient.Builder builder = RestClient.builder().requestFactory(requests).baseUrl("http://127.0.0.1:" + port);
        if (user != null) {
            builder.defaultHeaders(headers -> headers.setBasicAuth(user, user));
        }
        return builder.build();
    }

    /** SIGKILL, then waits for the process to end; returns its exit status ({@link #KILLED}). */
    public int kill() {
        process.destroyForcibly();
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the service was killed", e);
        }
    }

    /** The last lines the service wrote, for a failure's message. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, a clean stop with the shutdown hooks (the embedded PostgreSQL's among them); SIGKILL if it hangs. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the service", e);
        }
    }
}
