package com.trafficrules.database;

import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.util.StringUtils;

/**
 * Two roles: requests go through a pool signed in as the service's role, which owns nothing; Liquibase
 * migrates as the schema's owner on a connection of its own that is not kept once the schema is up to date.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrafficDbProperties.class)
class DataSourceConfig {

    private static final Logger log = LoggerFactory.getLogger(DataSourceConfig.class);

    @Bean
    TrafficDatabase trafficDatabase(TrafficDbProperties properties) {
        if (properties.embedded()) {
            TrafficDbProperties.EmbeddedDb embedded = properties.embeddedDb();
            EmbeddedPostgresServer server = EmbeddedPostgresServer.of(embedded);
            String database = embedded.isolate()
                    ? embedded.database() + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                    : embedded.database();
            return new TrafficDatabase(server.jdbcUrl(database), server.service(), server.owner());
        }
        TrafficDbProperties.Db db = properties.db();
        DatabaseLogin service = new DatabaseLogin(db.user(), db.password());
        if (!StringUtils.hasText(db.ownerUser())) {
            log.warn("No TRAFFIC_DB_OWNER_USER: {} both migrates the schema and serves requests, so nothing keeps it from "
                    + "switching the history's triggers off. Give the service a role of its own (README, \"Database roles\")", db.user());
            return new TrafficDatabase(db.url(), service, service);
        }
        return new TrafficDatabase(db.url(), service, new DatabaseLogin(db.ownerUser(), db.ownerPassword()));
    }

    @Bean
    @Primary
    DataSource dataSource(TrafficDatabase database) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("traffic");
        // Fail fast when the database is away, instead of Hikari's default 30 s wait for a connection: a feed-time
        // fill still answers with its fallback within its 5 s, and every other request gets its 503 with Retry-After
        // (web/DatabaseUnreachable) in about 3 s rather than holding a request thread, and its client, for half a minute.
        dataSource.setConnectionTimeout(3_000);
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername(database.service().user());
        dataSource.setPassword(database.service().password());
        return dataSource;
    }

    /** Liquibase signs in as the owner: Boot builds it a DataSource of its own from these. */
    @Bean
    LiquibaseConnectionDetails liquibaseConnectionDetails(TrafficDatabase database) {
        return new LiquibaseConnectionDetails() {
            @Override
            public String getUsername() {
                return database.owner().user();
            }

            @Override
            public String getPassword() {
                return database.owner().password();
            }

            @Override
            public String getJdbcUrl() {
                return database.jdbcUrl();
            }
        };
    }

    /** Once Liquibase has migrated, and before anything else uses the database, the owner grants the service its rows. */
    @Bean
    static BeanPostProcessor serviceRoleGrants(ObjectProvider<TrafficDatabase> database) {
        return new ServiceRole.GrantsAfterMigration(database);
    }
}
