package com.trafficrules.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.HttpTest;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Statement statistics are for the benchmarks: a server started with them lets the schema owner read and reset
 * every role's statements; without them (the default) nothing is loaded that would cost every statement time.
 */
@HttpTest
class EmbeddedPostgresStatementStatisticsTest {

    @Autowired
    TrafficDatabase testDatabase;

    @Test
    void noStatementStatisticsAreLoadedUnlessAskedFor() {
        JdbcTemplate owner = new JdbcTemplate(connect(inPostgresDatabase(testDatabase.jdbcUrl()), testDatabase.owner()));

        // A loaded pg_stat_statements adds its settings, which every role may list.
        assertThat(owner.queryForObject("select count(*) from pg_settings where name like 'pg\\_stat\\_statements.%'", Long.class))
                .isZero();
        assertThat(owner.queryForObject("select count(*) from pg_extension where extname = 'pg_stat_statements'", Long.class)).isZero();
    }

    @Test
    void theOwnerReadsTheServiceRolesStatementsAndResetsThem() {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.of(new TrafficDbProperties.EmbeddedDb(
                Path.of("target/embedded-postgres-statement-statistics"), "traffic", true, false, false, true));
        try {
            String database = server.jdbcUrl("traffic");
            new JdbcTemplate(connect(database, server.service())).queryForObject("select 41 + 1 as answer_to_count", Integer.class);
            JdbcTemplate owner = new JdbcTemplate(connect(inPostgresDatabase(database), server.owner()));

            assertThat(owner.queryForList("select query from pg_stat_statements where query like '%answer_to_count%'", String.class))
                    .isNotEmpty();
            assertThat(owner.queryForObject("select count(*) from pg_stat_statements where query ilike '%password%'", Long.class))
                    .as("no role's password kept").isZero();
            owner.query("select pg_stat_statements_reset()", row -> {
            });
            assertThat(owner.queryForObject("select count(*) from pg_stat_statements where query like '%answer_to_count%'", Long.class))
                    .isZero();
        } finally {
            server.stop();
        }
    }

    /** Where the embedded server installs the extension. */
    private static String inPostgresDatabase(String url) {
        return url.replaceFirst("(//[^/]+/)[^?]*", "$1postgres");
    }

    private static DataSource connect(String url, DatabaseLogin login) {
        return new SimpleDriverDataSource(new Driver(), url, login.user(), login.password());
    }
}
