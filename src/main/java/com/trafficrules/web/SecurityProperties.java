package com.trafficrules.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Users of the service. Demo users ship with the embedded default only; production users come from the
 * environment, e.g. {@code TRAFFIC_SECURITY_USERS_OPS_PASSWORD={bcrypt}...} and
 * {@code TRAFFIC_SECURITY_USERS_OPS_ROLES=SCHEDULER}.
 *
 * @param demoUsers    whether the demo users exist; unset means "only on the embedded database"
 * @param users        user name (compared exactly) to password and roles
 * @param loginThrottle how many failed logins a user name or a client address may have in a window
 */
@ConfigurationProperties("traffic.security")
public record SecurityProperties(Boolean demoUsers, Map<String, User> users, @DefaultValue LoginThrottle loginThrottle) {

    /** Whether the demo users exist: as {@code demoUsers} says, else only on the embedded database. */
    public boolean demoUsersOn(boolean embeddedDatabase) {
        return demoUsersOn(demoUsers, embeddedDatabase);
    }

    static boolean demoUsersOn(Boolean demoUsers, boolean embeddedDatabase) {
        return demoUsers != null ? demoUsers : embeddedDatabase;
    }

    public record User(String password, List<String> roles) {
    }

    /**
     * @param maxFailuresPerUser    failed logins of one user name, from anywhere, before it is refused for the window
     * @param maxFailuresPerAddress failed logins from one client address, under any names, before it is refused
     * @param window                how long a count lasts from its first failure, and so the longest refusal
     */
    public record LoginThrottle(@DefaultValue("5") int maxFailuresPerUser, @DefaultValue("20") int maxFailuresPerAddress,
                                @DefaultValue("PT5M") Duration window) {
    }
}
