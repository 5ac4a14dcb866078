package com.trafficrules.ruleset;

import static com.trafficrules.ruleset.GovernanceCalls.rulesetIdOf;
import static com.trafficrules.ruleset.Proposals.MARKER_RULE;
import static com.trafficrules.support.Replicas.http;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.Replicas;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two instances of the service on one database, as two replicas behind a load balancer: an activation
 * on one reaches the other through PostgreSQL NOTIFY. The second replica's periodic check is set to ten
 * minutes, so only the notification can switch it within the wait (and only a prompt reconnection can
 * bring its listener back).
 */
class RulesetReplicasTest {

    private static final Duration WAIT_AT_MOST = Duration.ofSeconds(10);

    private final Replicas replicas = new Replicas();

    @AfterEach
    void stopBothReplicas() {
        replicas.close();
    }

    private static GovernanceCalls calls(ConfigurableApplicationContext replica) {
        return new GovernanceCalls(user -> http(replica, user));
    }

    /** Reads again and again until {@code done} holds or the wait is over; returns the last reading. */
    private static <T> T poll(Supplier<T> read, Predicate<T> done) throws InterruptedException {
        T reading = read.get();
        long deadline = System.nanoTime() + WAIT_AT_MOST.toNanos();
        while (!done.test(reading) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            reading = read.get();
        }
        return reading;
    }

    private static void assertServesTheMarker(Map<?, ?> verdict, long marker) {
        assertThat(rulesetIdOf(verdict)).as("the version the second replica serves").isEqualTo(marker);
        assertThat(((List<?>) verdict.get("faults"))).singleElement()
                .satisfies(fault -> assertThat(((Map<?, ?>) fault).get("rule")).isEqualTo(MARKER_RULE));
    }

    /** The server processes LISTENing for activations on the replicas' database. */
    private static List<Integer> listeners(JdbcTemplate database) {
        return database.queryForList("""
                select pid from pg_stat_activity
                where datname = current_database() and application_name = ? and pid <> pg_backend_pid()
                """, Integer.class, RulesetSync.APPLICATION_NAME);
    }

    @Test
    void anActivationOnOneReplicaSwitchesTheOtherWithinSeconds() throws InterruptedException {
        ConfigurableApplicationContext first = replicas.start("--traffic.rules.sync-interval=PT5S");
        ConfigurableApplicationContext second = replicas.start("--traffic.rules.sync-interval=PT10M");
        long marker = calls(first).anApprovedMarker();
        assertThat(calls(second).servedVersion()).isNotEqualTo(marker);

        calls(first).activate(marker);

        assertServesTheMarker(poll(calls(second)::validateAMarkedSpot, verdict -> rulesetIdOf(verdict) == marker), marker);
    }

    /**
     * The database ends the listening connections (a restart, a failover, an administrator): each replica
     * connects and LISTENs again, and the next activation still reaches the other by its notification.
     */
    @Test
    void aReplicaListensAgainAfterTheDatabaseDropsItsListeningConnection() throws InterruptedException {
        ConfigurableApplicationContext first = replicas.start("--traffic.rules.sync-interval=PT5S");
        ConfigurableApplicationContext second = replicas.start("--traffic.rules.sync-interval=PT10M");
        long marker = calls(first).anApprovedMarker();
        // The listeners sign in as the service's role, which may end its own sessions.
        JdbcTemplate database = second.getBean(JdbcTemplate.class);
        List<Integer> dropped = poll(() -> listeners(database), pids -> pids.size() == 2);
        assertThat(dropped).as("one listener per replica").hasSize(2);
        dropped.forEach(pid -> database.queryForObject("select pg_terminate_backend(?)", Boolean.class, pid));

        List<Integer> listeningAgain = poll(() -> listeners(database).stream().filter(pid -> !dropped.contains(pid)).toList(),
                pids -> pids.size() == 2);
        assertThat(listeningAgain).as("new listeners, one per replica").hasSize(2);
        calls(first).activate(marker);

        assertServesTheMarker(poll(calls(second)::validateAMarkedSpot, verdict -> rulesetIdOf(verdict) == marker), marker);
    }
}
