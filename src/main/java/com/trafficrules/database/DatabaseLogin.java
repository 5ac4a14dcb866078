package com.trafficrules.database;

/** A PostgreSQL role the service signs in as, and its password. Never printed with the password. */
public record DatabaseLogin(String user, String password) {

    @Override
    public String toString() {
        return "DatabaseLogin[user=" + user + ", password=" + (password == null || password.isEmpty() ? "none" : "***") + "]";
    }
}
