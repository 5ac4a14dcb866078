package com.trafficrules.support;

import com.trafficrules.database.TrafficDatabase;
import org.postgresql.Driver;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The schema owner's connection, for test setup the service's own role may not do: TRUNCATE, DDL, VACUUM.
 * The service's {@code DataSource} and {@code JdbcTemplate} sign in as the service's role, as in production.
 */
public final class SchemaOwner {

    private SchemaOwner() {
    }

    public static JdbcTemplate jdbc(ApplicationContext context) {
        TrafficDatabase database = context.getBean(TrafficDatabase.class);
        return new JdbcTemplate(new SimpleDriverDataSource(new Driver(), database.jdbcUrl(),
                database.owner().user(), database.owner().password()));
    }
}
