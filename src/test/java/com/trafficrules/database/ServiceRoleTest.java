package com.trafficrules.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.trafficrules.support.HttpTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The role the service connects as cannot be turned against the history: through the service's own pool,
 * every statement that would change the schema or get around its triggers is refused by PostgreSQL itself.
 */
@HttpTest
class ServiceRoleTest {

    @Autowired
    JdbcTemplate jdbc;

    private void refused(String statement, String reason) {
        assertThatThrownBy(() -> jdbc.execute(statement))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining(reason);
    }

    @Test
    void theServiceConnectsAsARoleThatIsNoSuperuserAndOwnsNothing() {
        assertThat(jdbc.queryForObject("select rolsuper from pg_roles where rolname = current_user", Boolean.class)).isFalse();
        assertThat(jdbc.queryForObject("""
                select count(*) from pg_class c join pg_roles r on r.oid = c.relowner
                 where r.rolname = current_user and c.relnamespace = 'public'::regnamespace""", Long.class)).isZero();
    }

    @Test
    void itMayNotCreateATable() {
        refused("create table intruder (id int)", "permission denied for schema public");
    }

    @Test
    void itMayNotCreateATemporaryTable() {
        refused("create temporary table intruder (id int)", "permission denied to create temporary tables");
    }

    @Test
    void itMayNotDropATable() {
        refused("drop table traffic_play_log", "must be owner of table traffic_play_log");
    }

    @Test
    void itMayNotTruncateATable() {
        refused("truncate traffic_play_log", "permission denied for table traffic_play_log");
    }

    @Test
    void itMayNotSwitchTheHistorysTriggersOff() {
        refused("alter table decision disable trigger decision_append_only", "must be owner of table decision");
    }

    @Test
    void itMayNotSkipTriggersByActingAsAReplica() {
        refused("set session_replication_role = replica", "permission denied to set parameter \"session_replication_role\"");
    }

    @Test
    void itMayNotRewriteLiquibasesChangelog() {
        refused("delete from databasechangelog", "permission denied for table databasechangelog");
    }

    @Test
    void itReadsAndWritesRowsAsUsual() {
        String uri = "/ads/" + UUID.randomUUID() + ".mp4";

        jdbc.update("insert into assets (uri, type, duration_ms) values (?, 'promo', 30000)", uri);
        jdbc.update("update assets set title = 'checked' where uri = ?", uri);
        assertThat(jdbc.queryForObject("select title from assets where uri = ?", String.class, uri)).isEqualTo("checked");
        jdbc.update("delete from assets where uri = ?", uri);

        assertThat(jdbc.queryForObject("select count(*) from assets where uri = ?", Long.class, uri)).isZero();
    }
}
