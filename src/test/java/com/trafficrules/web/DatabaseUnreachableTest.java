package com.trafficrules.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.hibernate.exception.GenericJDBCException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.jpa.JpaSystemException;

/**
 * Which failures are the database's absence, told from the cause chain; DatabaseOutageHttpTest shows the ones a
 * stopped server raises. These are the shapes an HTTP test cannot bring about on purpose.
 */
class DatabaseUnreachableTest {

    @Test
    void aServerShuttingDownUnderAPooledConnectionIsUnreachableHoweverDeepItIsWrapped() {
        SQLException adminShutdown = new SQLException("FATAL: terminating connection due to administrator command", "57P01");

        assertThat(DatabaseUnreachable.explains(new JpaSystemException(
                new GenericJDBCException("could not execute statement", adminShutdown)))).isTrue();
    }

    @Test
    void aStatementTheDatabaseRefusesIsNoOutage() {
        SQLException uniqueViolation = new SQLException("duplicate key value violates unique constraint", "23505");

        assertThat(DatabaseUnreachable.explains(new DataIntegrityViolationException("insert failed", uniqueViolation))).isFalse();
    }

    @Test
    void aLoopInTheCauseChainEndsTheSearch() {
        IllegalStateException outer = new IllegalStateException("outer");
        IllegalStateException inner = new IllegalStateException("inner", outer);
        outer.initCause(inner);

        assertThat(DatabaseUnreachable.explains(outer)).isFalse();
    }
}
