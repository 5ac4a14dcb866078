package com.trafficrules.database;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;

/**
 * Instants as a {@code timestamptz[]} parameter. The driver writes a {@code java.sql.Timestamp} array element as its
 * {@code toString()}, the wall time of the JVM's zone without an offset, and PostgreSQL reads it in the connection's
 * zone: an hour off in the hour a daylight-saving change repeats, and wholly off if the two zones differ. An
 * ISO-8601 instant carries its offset, so it is read as the instant it is.
 */
public final class InstantArrays {

    private InstantArrays() {
    }

    /** The instants in order; a null stays null. */
    public static Array of(Connection connection, Collection<Instant> instants) throws SQLException {
        return connection.createArrayOf("timestamptz", instants.stream().map(at -> at == null ? null : at.toString()).toArray());
    }
}
