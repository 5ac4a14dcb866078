package com.trafficrules.web;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * HTTP Basic sends the password with every request, and checking a BCrypt hash costs about 100 ms: far
 * too slow for a scheduler validating logs all day. A successful login is remembered for a few minutes
 * as an HMAC of name and password under a key that exists only in this process, so a repeat request
 * costs one HMAC; a wrong or changed password misses and goes to the real check.
 */
final class RememberedLogins implements AuthenticationProvider {

    private static final Duration REMEMBER_FOR = Duration.ofMinutes(5);
    private static final int MAX_REMEMBERED = 10_000;

    private record Remembered(byte[] proof, Authentication authentication, Instant until) {
    }

    private final AuthenticationProvider passwordCheck;
    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    RememberedLogins(AuthenticationProvider passwordCheck, Clock clock) {
        this.passwordCheck = passwordCheck;
        this.clock = clock;
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
        Remembered known = remembered.get(name);
        Instant now = clock.instant();
        if (known != null && now.isBefore(known.until()) && MessageDigest.isEqual(known.proof(), proof)) {
            return known.authentication();
        }
        Authentication authenticated = passwordCheck.authenticate(attempt);
        if (authenticated != null && authenticated.isAuthenticated()) {
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            remembered.put(name, new Remembered(proof, authenticated, now.plus(REMEMBER_FOR)));
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
