package com.trafficrules.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A postmaster that outlived the service that started it. zonky starts PostgreSQL with {@code pg_ctl start}, which
 * detaches it from the JVM, and stops it from a shutdown hook. A JVM that ends without running its hooks (SIGKILL,
 * the kernel's OOM killer) leaves the postmaster running on the data directory, and its {@code postmaster.pid}
 * keeps every later start there from working ("lock file "postmaster.pid" already exists"). zonky holds the
 * directory's {@code epg-lock} for as long as the JVM that started the postmaster lives, so a running postmaster of
 * the directory whose lock nobody holds was left behind, and is stopped; its dead service's open transactions were
 * never committed, and PostgreSQL rolls them back.
 */
final class LeftoverPostmaster {

    private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);
    /** zonky's lock file in the data directory, locked by the JVM that runs the postmaster. */
    private static final String ZONKY_LOCK = "epg-lock";
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private LeftoverPostmaster() {
    }

    /**
     * Stops the postmaster running on {@code dataDir} if the process that started it is gone. Anything else is left
     * to PostgreSQL to judge: no postmaster.pid, one naming a process that has ended (PostgreSQL itself replaces
     * it), or one naming a process that is not PostgreSQL's postmaster of this directory.
     *
     * @throws IllegalStateException when another running process holds the directory
     */
    static void stopIfLeftBehind(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        // Line 1 is the postmaster's pid, line 2 the data directory it serves.
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.size() < 2 || !sameDirectory(lines.get(1).trim(), dataDir)) {
            return;
        }
        Optional<ProcessHandle> postmaster = pid(lines.get(0)).flatMap(ProcessHandle::of)
                .filter(process -> process.isAlive() && isPostgres(process));
        if (postmaster.isEmpty()) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dataDir.resolve(ZONKY_LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = tryLock(channel)) {
            if (lock == null) {
                throw new IllegalStateException("The embedded PostgreSQL in " + dataDir + " is in use by another running "
                        + "process (its postmaster is pid " + postmaster.get().pid() + ")");
            }
            log.warn("The embedded PostgreSQL in {} (pid {}) was left running by a service that ended without stopping it; "
                    + "stopping it before starting it again", dataDir, postmaster.get().pid());
            stop(postmaster.get(), dataDir);
        }
    }

    private static boolean sameDirectory(String served, Path dataDir) throws IOException {
        Path path = Path.of(served);
        return Files.isDirectory(path) && Files.isSameFile(path, dataDir);
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(command -> Path.of(command).getFileName().toString().equals("postgres")).orElse(false);
    }

    private static Optional<Long> pid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The directory's lock, or null while another process (or another channel of this JVM) holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /**
     * SIGTERM, PostgreSQL's smart shutdown, as {@code pg_ctl stop -m smart} sends it: no new sessions, and the
     * postmaster ends once the sessions it has end. Those of the dead service already have (their connections
     * closed with it); a session of some other client keeps it running, and then nothing is done behind its back.
     * (Not pg_ctl itself: it refuses to run as root, which zonky gets around with a user namespace of its own.)
     */
    private static void stop(ProcessHandle postmaster, Path dataDir) throws IOException {
        postmaster.destroy();
        try {
            postmaster.onExit().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("The PostgreSQL left running in " + dataDir + " (pid " + postmaster.pid()
                    + ") did not stop within " + STOP_WAIT.toSeconds() + " s of SIGTERM: other clients still have sessions "
                    + "on it. End them, or stop it with pg_ctl stop -m fast");
        } catch (ExecutionException e) {
            throw new IOException("Cannot wait for the PostgreSQL left running in " + dataDir + " to stop", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while the PostgreSQL left running in " + dataDir + " stopped", e);
        }
    }
}
