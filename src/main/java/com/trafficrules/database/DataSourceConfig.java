package com.trafficrules.database;

import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrafficDbProperties.class)
class DataSourceConfig {

    @Bean
    DataSource dataSource(TrafficDbProperties properties) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("traffic");
        // Fail fast when the database is away: feed-time fills answer with their fallback instead of hanging.
        dataSource.setConnectionTimeout(3_000);
        if (properties.embedded()) {
            TrafficDbProperties.EmbeddedDb embedded = properties.embeddedDb();
            EmbeddedPostgresServer server = EmbeddedPostgresServer.forDataDirectory(embedded.dataDir(), embedded.clean());
            String database = embedded.isolate()
                    ? embedded.database() + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                    : embedded.database();
            dataSource.setJdbcUrl(server.jdbcUrl(database));
            dataSource.setUsername("postgres");
        } else {
            dataSource.setJdbcUrl(properties.db().url());
            dataSource.setUsername(properties.db().user());
            dataSource.setPassword(properties.db().password());
        }
        return dataSource;
    }
}
