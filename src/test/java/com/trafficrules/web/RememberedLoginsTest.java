package com.trafficrules.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.trafficrules.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * A successful login is remembered for five minutes; the real password check (BCrypt, against users the test
 * can change) is what answers otherwise. A password changed in the user store shows which one answered: the
 * old password still passes while its login is remembered, and is refused once the check is made again.
 */
class RememberedLoginsTest {

    private static final Duration REMEMBERED_FOR = Duration.ofMinutes(5);

    /** The fewest rounds BCrypt allows: the same check, faster. */
    private final PasswordEncoder passwords = new BCryptPasswordEncoder(4);
    private final InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T12:00:00Z"));

    private RememberedLogins logins() {
        return new RememberedLogins(passwordCheck(), clock);
    }

    private RememberedLogins loginsRememberingAtMost(int names) {
        return new RememberedLogins(passwordCheck(), clock, names, REMEMBERED_FOR);
    }

    private DaoAuthenticationProvider passwordCheck() {
        DaoAuthenticationProvider check = new DaoAuthenticationProvider(users);
        check.setPasswordEncoder(passwords);
        return check;
    }

    private void userWithPassword(String name, String password) {
        User.UserBuilder user = User.withUsername(name).password(passwords.encode(password)).roles("SCHEDULER");
        if (users.userExists(name)) {
            users.updateUser(user.build());
        } else {
            users.createUser(user.build());
        }
    }

    /** The scheduler with {@code password}, logged in with it once. */
    private RememberedLogins schedulerLoggedInWith(String password) {
        RememberedLogins logins = logins();
        userWithPassword("scheduler", password);
        login(logins, "scheduler", password);
        return logins;
    }

    private static Authentication login(RememberedLogins logins, String name, String password) {
        return logins.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(name, password));
    }

    private static boolean passes(RememberedLogins logins, String name, String password) {
        try {
            return login(logins, name, password).isAuthenticated();
        } catch (BadCredentialsException refused) {
            return false;
        }
    }

    @Test
    void aRepeatedLoginIsAnsweredFromMemoryWithinFiveMinutes() {
        RememberedLogins logins = schedulerLoggedInWith("old");

        userWithPassword("scheduler", "new");
        clock.advance(REMEMBERED_FOR.minusSeconds(1));

        assertThat(login(logins, "scheduler", "old").isAuthenticated()).isTrue();
    }

    @Test
    void aWrongPasswordAfterTheRightOneIsCheckedAndRefused() {
        RememberedLogins logins = schedulerLoggedInWith("right");

        assertThatThrownBy(() -> login(logins, "scheduler", "wrong")).isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void aWrongPasswordLeavesTheRightOneRemembered() {
        RememberedLogins logins = schedulerLoggedInWith("right");
        assertThat(passes(logins, "scheduler", "wrong")).isFalse();

        userWithPassword("scheduler", "changed");

        assertThat(login(logins, "scheduler", "right").isAuthenticated()).isTrue();
    }

    @Test
    void fiveMinutesAfterItsCheckALoginIsCheckedAgainSoAChangedPasswordIsRequired() {
        RememberedLogins logins = schedulerLoggedInWith("old");

        userWithPassword("scheduler", "new");
        clock.advance(REMEMBERED_FOR);

        assertThatThrownBy(() -> login(logins, "scheduler", "old")).isInstanceOf(BadCredentialsException.class);
        assertThat(login(logins, "scheduler", "new").isAuthenticated()).isTrue();
    }

    @Test
    void aRepeatedLoginDoesNotExtendTheFiveMinutes() {
        RememberedLogins logins = schedulerLoggedInWith("old");
        clock.advance(Duration.ofMinutes(4));
        login(logins, "scheduler", "old");

        userWithPassword("scheduler", "new");
        clock.advance(Duration.ofMinutes(1));

        assertThat(passes(logins, "scheduler", "old")).isFalse();
    }

    @Test
    void asManyNamesAsTheLimitAreAllRemembered() {
        RememberedLogins logins = loginsRememberingAtMost(3);
        List<String> names = loggedIn(logins, 3);

        names.forEach(name -> userWithPassword(name, "changed"));

        assertThat(names).allSatisfy(name -> assertThat(passes(logins, name, "old")).isTrue());
    }

    @Test
    void oneNameMoreThanTheLimitIsNotRemembered() {
        RememberedLogins logins = loginsRememberingAtMost(3);
        List<String> names = loggedIn(logins, 4);

        names.forEach(name -> userWithPassword(name, "changed"));

        // Caffeine picks which name to forget; a refused login remembers nothing, so the count is exact.
        assertThat(names.stream().filter(name -> passes(logins, name, "old"))).hasSize(3);
    }

    /** {@code count} users, each logged in once with the password "old". */
    private List<String> loggedIn(RememberedLogins logins, int count) {
        List<String> names = IntStream.range(0, count).mapToObj(i -> "user-" + i).toList();
        for (String name : names) {
            userWithPassword(name, "old");
            login(logins, name, "old");
        }
        return names;
    }
}
