package com.trafficrules.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 *
 * <p>Attempts whose outcome is not known yet count against the limit too, so parallel guesses cannot all
 * slip under it: when failures and attempts in flight together reach the limit, a further attempt waits for
 * one in flight to end (at most {@link #MOST_WAIT}) and is then let in, or refused if they failed. A client
 * sending many requests at once with the right password, before its login is remembered, so waits a password
 * check or two instead of being refused. The wait polls: one in flight ends within a password check, and a
 * lock and condition per name would only add a registry of them.
 */
final class ThrottledLogins implements AuthenticationProvider {

    private static final int MAX_COUNTED = 100_000;
    private static final Duration MOST_WAIT = Duration.ofSeconds(5);
    private static final long POLL_MS = 10;

    /** A name's or an address's failures in the window that ends at {@code windowEnds} (null: none yet), and attempts in flight. */
    private record Attempts(int failures, int inFlight, Instant windowEnds) {

        static final Attempts NONE = new Attempts(0, 0, null);

        Attempts at(Instant now) {
            return windowEnds != null && !now.isBefore(windowEnds) ? new Attempts(0, inFlight, null) : this;
        }
    }

    /** How an attempt in flight ended: its password failed, it succeeded, or it was withdrawn unchecked. */
    private enum Ending { FAILED, SUCCEEDED, WITHDRAWN }

    /** What {@link #enter} decided: let in, refused until {@code refusedFor} has passed, or to ask again shortly. */
    private record Entry(boolean admitted, Duration refusedFor) {
    }

    private final AuthenticationProvider logins;
    private final Clock clock;
    private final SecurityProperties.LoginThrottle limits;
    private final Cache<String, Attempts> byName;
    private final Cache<String, Attempts> byAddress;

    ThrottledLogins(AuthenticationProvider logins, Clock clock, SecurityProperties.LoginThrottle limits) {
        this.logins = logins;
        this.clock = clock;
        this.limits = limits;
        this.byName = counters();
        this.byAddress = counters();
    }

    private Cache<String, Attempts> counters() {
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
        admit(byName, name, limits.maxFailuresPerUser());
        try {
            admit(byAddress, address, limits.maxFailuresPerAddress());
        } catch (LoginThrottledException throttled) {
            leave(byName, name, Ending.WITHDRAWN, true);
            throw throttled;
        }
        boolean authenticated = false;
        try {
            Authentication result = logins.authenticate(attempt);
            authenticated = result != null && result.isAuthenticated();
            return result;
        } finally {
            Ending ending = authenticated ? Ending.SUCCEEDED : Ending.FAILED;
            leave(byName, name, ending, true);
            leave(byAddress, address, ending, false);
        }
    }

    /** Lets the attempt in as one in flight under {@code key}, waiting while those in flight could reach the limit. */
    private void admit(Cache<String, Attempts> counters, String key, int limit) {
        if (key == null) {
            return;
        }
        long giveUp = System.nanoTime() + MOST_WAIT.toNanos();
        while (true) {
            Entry entry = enter(counters, key, limit, clock.instant());
            if (entry.admitted()) {
                return;
            }
            if (entry.refusedFor() != null || System.nanoTime() > giveUp) {
                throw new LoginThrottledException(entry.refusedFor() != null ? entry.refusedFor() : Duration.ofSeconds(1));
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LoginThrottledException(Duration.ofSeconds(1));
            }
        }
    }

    /** In one atomic step: refuse (the key failed too often), let in (counted in flight), or neither yet. */
    private Entry enter(Cache<String, Attempts> counters, String key, int limit, Instant now) {
        Entry[] entry = new Entry[1];
        counters.asMap().compute(key, (k, stored) -> {
            Attempts attempts = (stored == null ? Attempts.NONE : stored).at(now);
            if (attempts.failures() >= limit) {
                entry[0] = new Entry(false, Duration.between(now, attempts.windowEnds()));
                return attempts;
            }
            if (attempts.failures() + attempts.inFlight() >= limit) {
                entry[0] = new Entry(false, null);
                return attempts;
            }
            entry[0] = new Entry(true, null);
            return new Attempts(attempts.failures(), attempts.inFlight() + 1, attempts.windowEnds());
        });
        return entry[0];
    }

    /**
     * The attempt under {@code key} is no longer in flight: a failure is counted, and a success clears the count
     * when {@code successClears} (a name's, not an address's); a withdrawn attempt changes no count.
     */
    private void leave(Cache<String, Attempts> counters, String key, Ending ending, boolean successClears) {
        if (key == null) {
            return;
        }
        Instant now = clock.instant();
        counters.asMap().computeIfPresent(key, (k, stored) -> {
            Attempts attempts = stored.at(now);
            int inFlight = Math.max(0, attempts.inFlight() - 1);
            Attempts left = switch (ending) {
                case FAILED -> new Attempts(attempts.failures() + 1, inFlight,
                        attempts.windowEnds() != null ? attempts.windowEnds() : now.plus(limits.window()));
                case SUCCEEDED -> successClears ? new Attempts(0, inFlight, null)
                        : new Attempts(attempts.failures(), inFlight, attempts.windowEnds());
                case WITHDRAWN -> new Attempts(attempts.failures(), inFlight, attempts.windowEnds());
            };
            return left.failures() == 0 && left.inFlight() == 0 ? null : left;
        });
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
