package com.trafficrules.support;

import com.trafficrules.TrafficRulesApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/** Instances of the service on one database of their own, as replicas behind a load balancer. Close it after the test. */
public final class Replicas implements AutoCloseable {

    private final String database = "replicas_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    private final List<ConfigurableApplicationContext> started = new ArrayList<>();

    /** Starts one more replica on the shared database, with any extra {@code --name=value} settings. */
    public ConfigurableApplicationContext start(String... settings) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--traffic.embedded-db.isolate=false",
                "--traffic.embedded-db.database=" + database));
        arguments.addAll(List.of(settings));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TrafficRulesApplication.class)
                .run(arguments.toArray(String[]::new));
        started.add(context);
        return context;
    }

    /** A client of the replica signed in as a demo user (password = user name). */
    public static RestClient http(ConfigurableApplicationContext replica, String user) {
        int port = replica.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> headers.setBasicAuth(user, user)).build();
    }

    @Override
    public void close() {
        started.forEach(ConfigurableApplicationContext::close);
    }
}
