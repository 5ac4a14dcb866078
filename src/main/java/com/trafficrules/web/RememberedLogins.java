package com.trafficrules.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * HTTP Basic sends the password with every request, and checking a BCrypt hash costs about 100 ms: far
 * too slow for a scheduler validating logs all day. A successful login is remembered for a few minutes
 * as an HMAC of name and password under a key that exists only in this process, so a repeat request
 * costs one HMAC; a wrong or changed password misses and goes to the real check. A login is remembered for
 * five minutes from its check (a repeat does not extend it), and at most 10,000 names are remembered.
 */
final class RememberedLogins implements AuthenticationProvider {

    private static final Duration REMEMBER_FOR = Duration.ofMinutes(5);
    private static final int MAX_REMEMBERED = 10_000;

    private record Remembered(byte[] proof, Authentication authentication) {
    }

    private final AuthenticationProvider passwordCheck;
    private final SecretKeySpec key;
    /** By name; evicted on the caller's thread, so that the limit holds when a login returns. */
    private final Cache<String, Remembered> remembered;

    RememberedLogins(AuthenticationProvider passwordCheck, Clock clock) {
        this(passwordCheck, clock, MAX_REMEMBERED, REMEMBER_FOR);
    }

    RememberedLogins(AuthenticationProvider passwordCheck, Clock clock, int maxRemembered, Duration rememberFor) {
        this.passwordCheck = passwordCheck;
        // Caffeine's clock is the service's, so that a login is forgotten when the injected Clock says so.
        Ticker ticker = () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
        this.remembered = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(rememberFor).maximumSize(maxRemembered)
                .executor(Runnable::run).build();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String name = attempt.getName();
        Object credentials = attempt.getCredentials();
        if (name == null || !(credentials instanceof String password)) {
            return passwordCheck.authenticate(attempt);
        }
        byte[] proof = proof(name, password);
        Remembered known = remembered.getIfPresent(name);
        if (known != null && MessageDigest.isEqual(known.proof(), proof)) {
            return known.authentication();
        }
        // A failed check leaves what was remembered of the name as it was.
        Authentication authenticated = passwordCheck.authenticate(attempt);
        if (authenticated != null && authenticated.isAuthenticated()) {
            // A replacement within a second of the name's last write keeps that write's time (Caffeine's tolerance):
            // it is forgotten up to a second early, and checked again.
            remembered.put(name, new Remembered(proof, authenticated));
        }
        return authenticated;
    }

    private byte[] proof(String name, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal((name + '\0' + password).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("Every JVM ships HmacSHA256", e);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
