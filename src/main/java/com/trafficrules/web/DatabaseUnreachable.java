package com.trafficrules.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failure means that the database cannot be reached — it is down, restarting or refusing connections,
 * or the pool gave up waiting for a connection — so that it is answered 503 with {@code Retry-After}: the request
 * was fine and will succeed once the database is back.
 */
public final class DatabaseUnreachable {

    /**
     * When to try again: the pool waits up to 3 s for a connection on each request (DataSourceConfig), so asking
     * much sooner only queues more waits, and it reconnects on the first request after the database is back.
     */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    /** The pool's timeout is the same when the database is down and when every connection is busy: both are said. */
    public static final String DETAIL = "The database cannot be reached, or has no connection free; try again later";

    /**
     * SQLSTATE class 08 (connection exception) and 57P01–57P03: the server is shutting down or crashed under an
     * open connection, or does not accept connections yet.
     */
    private static final Pattern CONNECTION_LOST = Pattern.compile("08...|57P0[123]");

    private DatabaseUnreachable() {
    }

    /**
     * Anywhere in the cause chain, because how it surfaces depends on who asked for the connection (as seen with the
     * embedded server stopped): a transaction that cannot begin is a {@link CannotCreateTransactionException}, a
     * Spring Data query outside one a {@link DataAccessResourceFailureException}, JdbcTemplate a
     * {@link org.springframework.jdbc.CannotGetJdbcConnectionException} (one too) — each over Hikari's
     * {@link SQLTransientConnectionException} when no connection came within its timeout —, and a statement on a
     * pooled connection the server dropped a JpaSystemException over the driver's {@code 57P01}.
     */
    public static boolean explains(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            // Spring's word for a resource that failed also covers a server out of space or out of connections
            // (SQLSTATE class 53): not the request's fault either.
            if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLException sql && sql.getSQLState() != null
                    && CONNECTION_LOST.matcher(sql.getSQLState()).matches()) {
                return true;
            }
        }
        return false;
    }
}
