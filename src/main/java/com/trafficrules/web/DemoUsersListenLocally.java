package com.trafficrules.web;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * The demo users' passwords are their names, so while they are on the service listens on the loopback
 * interface only — unless {@code server.address} says where to listen. Runs after the configuration files
 * are read (it needs {@code traffic.db.url} and {@code traffic.security.demo-users}); what it adds comes last,
 * below every other source.
 */
public final class DemoUsersListenLocally implements EnvironmentPostProcessor, Ordered {

    static final String LOOPBACK = "127.0.0.1";
    static final String SOURCE = "demoUsersListenLocally";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder binder = Binder.get(environment);
        if (binder.bind("server.address", String.class).isBound()) {
            return;
        }
        boolean embeddedDatabase = !StringUtils.hasText(environment.getProperty("traffic.db.url"));
        Boolean demoUsers = binder.bind("traffic.security.demo-users", Boolean.class).orElse(null);
        if (SecurityProperties.demoUsersOn(demoUsers, embeddedDatabase)) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of("server.address", LOOPBACK)));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
