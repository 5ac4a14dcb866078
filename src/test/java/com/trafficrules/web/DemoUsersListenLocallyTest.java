package com.trafficrules.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.HttpTest;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The demo users' passwords are their names: while they are on, and no {@code server.address} is configured,
 * the service listens on 127.0.0.1 only.
 */
@HttpTest
class DemoUsersListenLocallyTest {

    private static final String EXTERNAL_DB = "jdbc:postgresql://db.example:5432/traffic";

    @Autowired
    WebServerApplicationContext context;

    /** The address the environment ends up with, after the post-processor, from these settings alone. */
    private static String addressWith(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("test", new HashMap<>(settings)));
        new DemoUsersListenLocally().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty("server.address");
    }

    @Test
    void theEmbeddedDefaultWithItsDemoUsersListensOnLoopbackOnly() {
        TomcatWebServer server = (TomcatWebServer) context.getWebServer();

        assertThat(server.getTomcat().getConnector().getProperty("address")).isEqualTo(InetAddress.getLoopbackAddress());
    }

    @Test
    void aConfiguredAddressIsKept() {
        assertThat(addressWith(Map.of("server.address", "0.0.0.0"))).isEqualTo("0.0.0.0");
    }

    @Test
    void anExternalDatabaseWithoutDemoUsersListensWhereverTheServerDefaultsTo() {
        assertThat(addressWith(Map.of("traffic.db.url", EXTERNAL_DB))).isNull();
    }

    @Test
    void demoUsersSwitchedOnForAnExternalDatabaseListenOnLoopbackToo() {
        assertThat(addressWith(Map.of("traffic.db.url", EXTERNAL_DB, "traffic.security.demo-users", "true"))).isEqualTo("127.0.0.1");
    }

    @Test
    void theEmbeddedDatabaseWithDemoUsersSwitchedOffListensWhereverTheServerDefaultsTo() {
        assertThat(addressWith(Map.of("traffic.security.demo-users", "false"))).isNull();
    }
}
