package com.trafficrules.support;

import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;

/** The demo users of the embedded default, as request headers. */
public final class Users {

    private Users() {
    }

    public static Consumer<HttpHeaders> as(String user) {
        return headers -> headers.setBasicAuth(user, user);
    }

    public static final Consumer<HttpHeaders> SCHEDULER = as("scheduler");
    public static final Consumer<HttpHeaders> MANAGER = as("manager");
    public static final Consumer<HttpHeaders> APPROVER = as("approver");
    public static final Consumer<HttpHeaders> AUDITOR = as("auditor");
    /** TRAFFIC_MANAGER and APPROVER at once. */
    public static final Consumer<HttpHeaders> LEAD = as("lead");
}
