package com.trafficrules.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.trafficrules.support.HttpTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The embedded default signs in like a real server: an owner role and a service role besides the superuser,
 * each with a password generated for its data directory and kept there, and no connection without one.
 */
@HttpTest
class EmbeddedPostgresRolesTest {

    @Autowired
    TrafficDbProperties db;

    @Autowired
    TrafficDatabase database;

    private EmbeddedPostgresServer server;
    private Path dataDir;

    @BeforeEach
    void theTestsServer() {
        dataDir = db.embeddedDb().dataDir();
        server = EmbeddedPostgresServer.of(db.embeddedDb());
    }

    @Test
    void theServiceSignsInAsTheServiceRoleAndMigratesAsTheOwner() {
        assertThat(database.service().user()).isEqualTo("traffic_service");
        assertThat(database.owner().user()).isEqualTo("traffic_owner");
        assertThat(new JdbcTemplate(new SingleConnectionDataSource(database.jdbcUrl(), database.owner().user(),
                database.owner().password(), true)).queryForObject("select tableowner from pg_tables where tablename = 'decision'", String.class))
                .isEqualTo("traffic_owner");
    }

    @Test
    void noRoleSignsInWithoutItsPassword() {
        for (String user : new String[] {"postgres", "traffic_owner", "traffic_service"}) {
            assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), user, "not-the-password").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
        }
    }

    @Test
    void thePasswordsAreKeptInTheDataDirectoryForItsUserAlone() throws Exception {
        Path passwords = dataDir.resolve(EmbeddedPasswords.FILE);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwords))).isEqualTo("rw-------");
        assertThat(EmbeddedPasswords.of(dataDir).service()).isEqualTo(database.service().password());
    }

    @Test
    void aDatabaseMadeBeforeTheRolesExistedIsHandedToTheOwner() throws Exception {
        String legacy = "legacy_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String superuser = EmbeddedPasswords.of(dataDir).superuser();
        String postgresUrl = server.jdbcUrl("postgres").replaceFirst("/postgres$", "/");
        try (Connection connection = DriverManager.getConnection(postgresUrl + "postgres", "postgres", superuser);
             Statement sql = connection.createStatement()) {
            sql.execute("create database " + legacy);
        }
        try (Connection connection = DriverManager.getConnection(postgresUrl + legacy, "postgres", superuser);
             Statement sql = connection.createStatement()) {
            sql.execute("create table history (id int)");
        }

        String url = server.jdbcUrl(legacy);

        try (Connection owner = DriverManager.getConnection(url, database.owner().user(), database.owner().password())) {
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(owner, true));
            assertThat(jdbc.queryForObject("select tableowner from pg_tables where tablename = 'history'", String.class))
                    .isEqualTo("traffic_owner");
            assertThat(jdbc.queryForObject("select pg_get_userbyid(datdba) from pg_database where datname = current_database()",
                    String.class)).isEqualTo("traffic_owner");
        }
    }
}
