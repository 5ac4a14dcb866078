package com.trafficrules.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Every failed login costs a password check (BCrypt, ~100 ms; an unknown name costs a dummy one too), so
 * failures are counted per user name and per client address. A name or an address with too many failures
 * in its window is refused at once — even with the right password, and before any check — until that window
 * has passed: a 429 with {@code Retry-After}. A window opens with the first failure; a successful login
 * clears its name's count (not its address's). An attempt is counted as a failure before its password is
 * checked, in the same step that decides it may be checked, so parallel attempts cannot all slip under the
 * limit; a success takes its count back. Counters live in this replica's memory, bounded in number.
 */
final class ThrottledLogins implements AuthenticationProvider {

    private static final int MAX_COUNTED = 100_000;

    /** Failures of one name or address in the window that ends at {@code windowEnds}. */
    private record Failures(int count, Instant windowEnds) {
    }

    private final AuthenticationProvider logins;
    private final Clock clock;
    private final SecurityProperties.LoginThrottle limits;
    private final Cache<String, Failures> byName;
    private final Cache<String, Failures> byAddress;

    ThrottledLogins(AuthenticationProvider logins, Clock clock, SecurityProperties.LoginThrottle limits) {
        this.logins = logins;
        this.clock = clock;
        this.limits = limits;
        this.byName = counters();
        this.byAddress = counters();
    }

    private Cache<String, Failures> counters() {
        // Caffeine's clock is the service's, so that a window passes when the injected Clock says so.
        Ticker ticker = () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
        return Caffeine.newBuilder().ticker(ticker).expireAfterWrite(limits.window()).maximumSize(MAX_COUNTED).build();
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String name = attempt.getName();
        String address = attempt.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        Instant now = clock.instant();
        Optional<Duration> nameWait = reserve(byName, name, limits.maxFailuresPerUser(), now);
        if (nameWait.isPresent()) {
            throw new LoginThrottledException(nameWait.get());
        }
        Optional<Duration> addressWait = reserve(byAddress, address, limits.maxFailuresPerAddress(), now);
        if (addressWait.isPresent()) {
            giveBack(byName, name);
            throw new LoginThrottledException(addressWait.get());
        }
        Authentication authenticated = logins.authenticate(attempt);
        if (authenticated != null && authenticated.isAuthenticated()) {
            if (name != null) {
                byName.invalidate(name);
            }
            giveBack(byAddress, address);
        }
        return authenticated;
    }

    /**
     * Counts the attempt as a failure unless the key is throttled, in one atomic step; the wait when it is.
     * An attempt whose check then fails keeps its count.
     */
    private Optional<Duration> reserve(Cache<String, Failures> counters, String key, int limit, Instant now) {
        if (key == null) {
            return Optional.empty();
        }
        Duration[] wait = new Duration[1];
        counters.asMap().compute(key, (k, failures) -> {
            if (failures == null || !now.isBefore(failures.windowEnds())) {
                return new Failures(1, now.plus(limits.window()));
            }
            if (failures.count() >= limit) {
                wait[0] = Duration.between(now, failures.windowEnds());
                return failures;
            }
            return new Failures(failures.count() + 1, failures.windowEnds());
        });
        return Optional.ofNullable(wait[0]);
    }

    /** Takes back the count {@link #reserve} added for an attempt that did not fail. */
    private static void giveBack(Cache<String, Failures> counters, String key) {
        if (key != null) {
            counters.asMap().computeIfPresent(key, (k, failures) -> failures.count() <= 1 ? null
                    : new Failures(failures.count() - 1, failures.windowEnds()));
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return logins.supports(authentication);
    }

    /** A login refused without a check because its name or address failed too often; try again after {@code retryAfter}. */
    static final class LoginThrottledException extends AuthenticationException {

        private final transient Duration retryAfter;

        LoginThrottledException(Duration retryAfter) {
            super("Too many failed logins");
            this.retryAfter = retryAfter;
        }

        /** Whole seconds, rounded up, at least one: what {@code Retry-After} says. */
        long retryAfterSeconds() {
            long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
            return Math.max(1, seconds);
        }
    }
}
