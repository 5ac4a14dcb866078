package com.trafficrules.web;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Users of the service. Demo users ship with the embedded default only; production users come from the
 * environment, e.g. {@code TRAFFIC_SECURITY_USERS_OPS_PASSWORD={bcrypt}...} and
 * {@code TRAFFIC_SECURITY_USERS_OPS_ROLES=SCHEDULER}.
 *
 * @param demoUsers whether the demo users exist; unset means "only on the embedded database"
 */
@ConfigurationProperties("traffic.security")
public record SecurityProperties(Boolean demoUsers, Map<String, User> users) {

    public record User(String password, List<String> roles) {
    }
}
