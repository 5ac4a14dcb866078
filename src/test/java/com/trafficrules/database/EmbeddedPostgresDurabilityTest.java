package com.trafficrules.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.TrafficRulesApplication;
import com.trafficrules.support.HttpTest;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A decision acknowledged with 200 survives a power cut: the embedded PostgreSQL the service starts on its own
 * settings keeps {@code fsync} and {@code synchronous_commit} on, although zonky turns both off. The tests'
 * configuration turns them off for speed.
 */
@HttpTest
class EmbeddedPostgresDurabilityTest {

    @Autowired
    DataSource testDataSource;

    /**
     * The service as {@code ./mvnw spring-boot:run} starts it: the shipped application.yaml alone (not the tests'
     * one on the classpath), on a data directory of its own and a free port.
     */
    private static ConfigurableApplicationContext startedOnTheShippedSettings() {
        return new SpringApplicationBuilder(TrafficRulesApplication.class).run(
                "--spring.config.location=classpath:/application.yaml",
                "--server.port=0",
                "--traffic.embedded-db.data-dir=target/embedded-postgres-shipped",
                "--traffic.embedded-db.clean=true");
    }

    private static String setting(DataSource dataSource, String name) {
        // SHOW takes no bind parameter; the names are the constants below.
        return new JdbcTemplate(dataSource).queryForObject("show " + name, String.class);
    }

    @Test
    void theShippedSettingsKeepFsyncAndSynchronousCommitOn() {
        try (ConfigurableApplicationContext service = startedOnTheShippedSettings()) {
            DataSource dataSource = service.getBean(DataSource.class);

            assertThat(setting(dataSource, "fsync")).isEqualTo("on");
            assertThat(setting(dataSource, "synchronous_commit")).isEqualTo("on");
        }
    }

    @Test
    void theTestConfigurationTurnsThemOff() {
        assertThat(setting(testDataSource, "fsync")).isEqualTo("off");
        assertThat(setting(testDataSource, "synchronous_commit")).isEqualTo("off");
    }
}
