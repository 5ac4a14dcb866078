package com.trafficrules.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Every failed login costs a password check (BCrypt, ~100 ms; an unknown name costs a dummy one too), so
 * failures are counted per user name and per client address. A name or an address with too many failures
 * in its window is refused at once — even with the right password, and before any check — until that window
 * has passed: a 429 with {@code Retry-After}. A window opens with the first failure; a successful login
 * clears its name's count (not its address's). Counters live in this replica's memory, bounded in number.
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
        Optional<Duration> wait = Stream.of(
                        blockedFor(byName, name, limits.maxFailuresPerUser(), now),
                        blockedFor(byAddress, address, limits.maxFailuresPerAddress(), now))
                .flatMap(Optional::stream).max(Duration::compareTo);
        if (wait.isPresent()) {
            throw new LoginThrottledException(wait.get());
        }
        Authentication authenticated;
        try {
            authenticated = logins.authenticate(attempt);
        } catch (AuthenticationException e) {
            failed(byName, name, now);
            failed(byAddress, address, now);
            throw e;
        }
        if (authenticated != null && authenticated.isAuthenticated() && name != null) {
            byName.invalidate(name);
        }
        return authenticated;
    }

    private static Optional<Duration> blockedFor(Cache<String, Failures> counters, String key, int limit, Instant now) {
        Failures failures = key == null ? null : counters.getIfPresent(key);
        if (failures == null || failures.count() < limit || !now.isBefore(failures.windowEnds())) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, failures.windowEnds()));
    }

    private void failed(Cache<String, Failures> counters, String key, Instant now) {
        if (key == null) {
            return;
        }
        counters.asMap().compute(key, (k, failures) -> failures == null || !now.isBefore(failures.windowEnds())
                ? new Failures(1, now.plus(limits.window()))
                : new Failures(failures.count() + 1, failures.windowEnds()));
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
