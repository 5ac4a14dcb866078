package com.trafficrules.web;

/** The four roles of the HTTP contract. */
public final class Roles {

    public static final String SCHEDULER = "SCHEDULER";
    public static final String TRAFFIC_MANAGER = "TRAFFIC_MANAGER";
    public static final String APPROVER = "APPROVER";
    public static final String AUDITOR = "AUDITOR";
    public static final String[] ALL = {SCHEDULER, TRAFFIC_MANAGER, APPROVER, AUDITOR};

    private Roles() {
    }
}
