package com.trafficrules.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.HttpTest;
import com.trafficrules.support.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Failed logins are throttled per user name and per client address: each costs a password check. The
 * client address is the proxy's {@code X-Forwarded-For}, as behind a load balancer, so that one test
 * client can speak from several addresses; the clock is the test's.
 */
@HttpTest
@Import(MutableClock.AsTheServicesClock.class)
@TestPropertySource(properties = {
        "server.forward-headers-strategy=native",
        "traffic.security.login-throttle.max-failures-per-user=3",
        "traffic.security.login-throttle.max-failures-per-address=5",
        "traffic.security.login-throttle.window=PT1M"})
class LoginThrottleHttpTest {

    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final String HERE = "198.51.100.1";
    private static final String ELSEWHERE = "198.51.100.2";

    @Autowired
    RestTestClient http;

    @Autowired
    MutableClock clock;

    /** Counts are the replica's and outlive a test: each test starts after every earlier window has passed. */
    @BeforeEach
    void earlierWindowsHavePassed() {
        clock.advance(WINDOW);
    }

    private RestTestClient.ResponseSpec login(String user, String password, String address) {
        return http.get().uri("/api/v1/rulesets/active")
                .headers(headers -> {
                    headers.setBasicAuth(user, password);
                    headers.set("X-Forwarded-For", address);
                })
                .exchange();
    }

    private void failTimes(int times, String user, String address) {
        for (int i = 0; i < times; i++) {
            login(user, "not-the-password", address).expectStatus().isUnauthorized();
        }
    }

    /** The statuses of {@code clients} logins sent at once, the {@code i}-th made by {@code login}. */
    private static List<Integer> inParallel(int clients, IntFunction<RestTestClient.ResponseSpec> login) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Integer>> answers = threads.invokeAll(IntStream.range(0, clients)
                    .mapToObj(i -> (Callable<Integer>) () -> login.apply(i).returnResult(String.class).getStatus().value())
                    .toList());
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void afterThreeFailuresTheUserIsRefusedEvenWithTheRightPassword() {
        failTimes(3, "auditor", HERE);

        login("auditor", "auditor", HERE)
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "60")
                .expectBody().jsonPath("$.status").isEqualTo(429);
    }

    @Test
    void parallelWrongPasswordsGetNoMoreChecksThanTheLimit() throws Exception {
        // Each is counted before its password is checked, so they cannot all pass the check of the count at once.
        List<Integer> statuses = inParallel(12, i -> login("scheduler", "not-the-password", "198.51.100." + (10 + i)));

        assertThat(statuses).filteredOn(status -> status == 401).hasSize(3);
        assertThat(statuses).filteredOn(status -> status == 429).hasSize(9);
    }

    @Test
    void parallelRightPasswordsOfOneUserAllGetInThoughMoreThanTheLimit() throws Exception {
        // Logins are remembered for five minutes: after six, each of these needs a real password check.
        clock.advance(Duration.ofMinutes(6));

        assertThat(inParallel(12, i -> login("lead", "lead", "198.51.100." + (40 + i)))).containsOnly(200);
    }

    @Test
    void aThrottledUserIsRefusedFromEveryAddress() {
        failTimes(3, "auditor", HERE);

        login("auditor", "auditor", ELSEWHERE).expectStatus().isEqualTo(429);
    }

    @Test
    void theUserMayLogInAgainOnceTheWindowHasPassed() {
        failTimes(3, "auditor", HERE);

        clock.advance(WINDOW.minusSeconds(1));
        login("auditor", "auditor", HERE).expectStatus().isEqualTo(429)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1");
        clock.advance(Duration.ofSeconds(1));
        login("auditor", "auditor", HERE).expectStatus().isOk();
    }

    @Test
    void anotherUserFromAnotherAddressIsUnaffected() {
        failTimes(3, "auditor", HERE);
        login("auditor", "auditor", HERE).expectStatus().isEqualTo(429);

        login("scheduler", "scheduler", ELSEWHERE).expectStatus().isOk();
    }

    @Test
    void aCorrectLoginBeforeTheLimitWorksAndStartsTheCountAgain() {
        failTimes(2, "auditor", HERE);
        login("auditor", "auditor", HERE).expectStatus().isOk();

        failTimes(3, "auditor", HERE);
        login("auditor", "auditor", HERE).expectStatus().isEqualTo(429);
    }

    @Test
    void fiveFailuresUnderAnyNamesFromOneAddressRefuseEveryNameFromIt() {
        for (int i = 0; i < 5; i++) {
            failTimes(1, "guess-" + i, HERE);
        }

        login("scheduler", "scheduler", HERE).expectStatus().isEqualTo(429);
    }
}
