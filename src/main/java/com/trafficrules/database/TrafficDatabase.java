package com.trafficrules.database;

/**
 * The database the service works on and the two roles it signs in as: {@code service} for every request,
 * {@code owner} for migrations only. When they are one role (an external database configured with one user),
 * nothing keeps that role from switching the history's triggers off.
 */
public record TrafficDatabase(String jdbcUrl, DatabaseLogin service, DatabaseLogin owner) {

    public boolean ownerIsService() {
        return owner.user() == null ? service.user() == null : owner.user().equals(service.user());
    }
}
