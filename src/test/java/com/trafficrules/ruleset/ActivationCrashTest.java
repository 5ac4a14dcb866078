package com.trafficrules.ruleset;

import static com.trafficrules.support.Replicas.http;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.trafficrules.database.TrafficDatabase;
import com.trafficrules.support.Replicas;
import com.trafficrules.support.ServiceProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.ResourceAccessException;

/**
 * Crash safety of an activation, measured. Two replicas on one database, the second a process of its own, and the
 * second is killed with SIGKILL half-way through an activation: the version that was active already retired in its
 * transaction, the new one not yet active. The test holds the new version's row locked, so the activation waits at
 * exactly that point; then it kills the replica, lets go of the row, and starts the replica again. One kill for the
 * class: the first tests judge its aftermath, the last one activates again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ActivationCrashTest {

    private static final Duration WAIT_AT_MOST = Duration.ofSeconds(30);

    /** Static: JUnit hands a per-class test instance its temporary directory only after @BeforeAll. */
    @TempDir
    static Path work;

    private final Replicas replicas = new Replicas();
    private ConfigurableApplicationContext first;
    private ServiceProcess second;
    private long activeBefore;
    private long marker;

    @BeforeAll
    void killTheSecondReplicaHalfWayThroughAnActivation() throws Exception {
        first = replicas.start();
        TrafficDatabase database = first.getBean(TrafficDatabase.class);
        // The second replica is given the first one's database as an operator gives it an external one.
        second = ServiceProcess.start(work.resolve("second.log"), Map.of(
                        "TRAFFIC_DB_URL", database.jdbcUrl(),
                        "TRAFFIC_DB_USER", database.service().user(), "TRAFFIC_DB_PASSWORD", database.service().password(),
                        "TRAFFIC_DB_OWNER_USER", database.owner().user(), "TRAFFIC_DB_OWNER_PASSWORD", database.owner().password(),
                        // Required with an external database; no make-good order is signed here.
                        "TRAFFIC_MAKEGOOD_SIGNING_KEY", "ab".repeat(32)),
                // The demo users, as on the first; it checks no proposal, so no check worker needs to be kept warm.
                "--traffic.security.demo-users=true", "--traffic.rules.check.prestart=false");
        activeBefore = calls(first).servedVersion();
        marker = calls(first).anApprovedMarker();

        JdbcTemplate jdbc = database();
        CompletableFuture<Void> activation;
        try (Connection holder = first.getBean(DataSource.class).getConnection()) {
            holder.setAutoCommit(false);
            lockTheRowOf(holder, marker);
            GovernanceCalls killed = calls(second);
            activation = CompletableFuture.runAsync(() -> killed.activate(marker));
            int backend = awaitTheActivationWaitingForTheRow(jdbc);
            assertThat(second.kill()).as("exit status: killed by SIGKILL").isEqualTo(ServiceProcess.KILLED);
            // Its server process learns that its client is gone only when it next reads from it: after this statement.
            holder.rollback();
            await().atMost(WAIT_AT_MOST).until(() -> jdbc.queryForObject(
                    "select count(*) from pg_stat_activity where pid = ?", Integer.class, backend) == 0);
        }
        assertThatThrownBy(() -> activation.get(WAIT_AT_MOST.toSeconds(), TimeUnit.SECONDS)).as("the activation's answer")
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ResourceAccessException.class);

        second = second.startAgain();
        System.out.printf("Activation crash: killed half-way through activating version %d over %d; afterwards ACTIVE=%s, "
                        + "the first replica serves %d, the restarted second %d%n", marker, activeBefore, active(jdbc),
                calls(first).servedVersion(), calls(second).servedVersion());
    }

    @AfterAll
    void stopBothReplicas() {
        if (second != null) {
            second.close();
        }
        replicas.close();
    }

    private static GovernanceCalls calls(ConfigurableApplicationContext replica) {
        return new GovernanceCalls(user -> http(replica, user));
    }

    private static GovernanceCalls calls(ServiceProcess replica) {
        return new GovernanceCalls(replica::http);
    }

    /** Row locks of its own: an activation's second statement, making {@code version} ACTIVE, waits for this one. */
    private static void lockTheRowOf(Connection holder, long version) throws Exception {
        try (PreparedStatement lock = holder.prepareStatement("select id from ruleset_version where id = ? for update")) {
            lock.setLong(1, version);
            lock.executeQuery().close();
        }
    }

    /**
     * The server process of the activation, once it waits for the row: its transaction has retired the version that
     * was active (the statement before) and waits to make the new one ACTIVE. Both replicas sign in as the service's
     * role, whose statements that role may read.
     */
    private static int awaitTheActivationWaitingForTheRow(JdbcTemplate jdbc) {
        return await().atMost(WAIT_AT_MOST).until(() -> jdbc.queryForList("""
                select pid from pg_stat_activity
                where datname = current_database() and wait_event_type = 'Lock'
                  and query like 'update ruleset_version set status = ''ACTIVE''%'
                """, Integer.class), pids -> pids.size() == 1).get(0);
    }

    private static List<Long> active(JdbcTemplate jdbc) {
        return jdbc.queryForList("select id from ruleset_version where status = 'ACTIVE'", Long.class);
    }

    private JdbcTemplate database() {
        return first.getBean(JdbcTemplate.class);
    }

    private String statusOf(long version) {
        return database().queryForObject("select status from ruleset_version where id = ?", String.class, version);
    }

    @Test
    @Order(1)
    void exactlyOneVersionIsActiveAfterwards() {
        assertThat(active(database())).hasSize(1);
    }

    @Test
    @Order(2)
    void theInterruptedActivationIsUndoneWhole() {
        assertThat(active(database())).as("ACTIVE").containsExactly(activeBefore);
        assertThat(statusOf(marker)).as("the version being activated").isEqualTo("APPROVED");
        assertThat(database().queryForObject(
                "select count(*) from ruleset_event where ruleset_id = ? and to_status = 'ACTIVE'", Integer.class, marker))
                .as("its activation events").isZero();
    }

    @Test
    @Order(3)
    void everyReplicaServesTheActiveVersion() {
        assertThat(List.of(calls(first).servedVersion(), calls(second).servedVersion()))
                .as("the versions the first and the restarted second replica serve").containsOnly(activeBefore);
    }

    /** Nothing of the killed transaction stays behind, its lock on activations least of all. */
    @Test
    @Order(4)
    void theActivationDoneAgainReachesEveryReplica() {
        calls(second).activate(marker);

        assertThat(active(database())).as("ACTIVE").containsExactly(marker);
        await().atMost(WAIT_AT_MOST).until(() -> calls(first).servedVersion() == marker);
        assertThat(calls(second).servedVersion()).as("the version the second replica serves").isEqualTo(marker);
    }
}
