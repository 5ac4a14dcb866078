package com.trafficrules.ruleset;

import static com.trafficrules.ruleset.Proposals.MARKER_DRL;
import static com.trafficrules.ruleset.Proposals.MARKER_PATH;
import static com.trafficrules.ruleset.Proposals.aMarkedSpot;
import static com.trafficrules.ruleset.Proposals.proposal;
import static com.trafficrules.support.Users.AUDITOR;
import static com.trafficrules.support.Users.MANAGER;
import static com.trafficrules.support.Users.SCHEDULER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.trafficrules.support.HttpTest;
import com.trafficrules.support.SchemaOwner;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The audit trail cannot be rewritten, not even with SQL: the schema refuses to change or delete stored
 * versions' files, decisions and events, and lets a version's status move only along the workflow. These
 * statements go through the service's own pool, as its role.
 */
@HttpTest
class HistoryIsAppendOnlyTest {

    @Autowired
    RestTestClient http;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationContext context;

    private long activeVersion;
    private long proposedVersion;
    private UUID decision;

    @BeforeEach
    void storeAVersionAndADecision() {
        activeVersion = ((Number) http.get().uri("/api/v1/rulesets/active").headers(AUDITOR).exchange()
                .returnResult(Map.class).getResponseBody().get("id")).longValue();
        proposedVersion = ((Number) http.post().uri("/api/v1/rulesets").headers(MANAGER).contentType(MediaType.APPLICATION_JSON)
                .body(proposal("marker", MARKER_PATH, MARKER_DRL)).exchange().expectStatus().isCreated()
                .returnResult(Map.class).getResponseBody().get("id")).longValue();
        decision = UUID.fromString(http.post().uri("/api/v1/rotation/validate").headers(SCHEDULER)
                .contentType(MediaType.APPLICATION_JSON).body(aMarkedSpot()).exchange().expectStatus().isOk()
                .returnResult(Map.class).getResponseBody().get("decisionId").toString());
    }

    @Test
    void aStoredFileCannotBeChanged() {
        assertThatThrownBy(() -> jdbc.update("update ruleset_file set content = 'rule \"gone\" end' where ruleset_id = ?", activeVersion))
                .isInstanceOf(DataIntegrityViolationException.class).rootCause().hasMessageContaining("append-only");
    }

    @Test
    void aStoredFileCannotBeDeleted() {
        assertThatThrownBy(() -> jdbc.update("delete from ruleset_file where ruleset_id = ?", activeVersion))
                .isInstanceOf(DataIntegrityViolationException.class).rootCause().hasMessageContaining("append-only");
    }

    @Test
    void aDecisionCannotBeChanged() {
        assertThatThrownBy(() -> jdbc.update("update decision set outcome = '{\"valid\": true}' where id = ?", decision))
                .isInstanceOf(DataIntegrityViolationException.class).rootCause().hasMessageContaining("append-only");
    }

    @Test
    void aDecisionCannotBeDeleted() {
        assertThatThrownBy(() -> jdbc.update("delete from decision where id = ?", decision))
                .isInstanceOf(DataIntegrityViolationException.class).rootCause().hasMessageContaining("append-only");
    }

    /** The service's role may not truncate at all (ServiceRoleTest); the trigger refuses the schema's owner too. */
    @Test
    void decisionsCannotBeTruncatedEvenByTheSchemasOwner() {
        assertThatThrownBy(() -> SchemaOwner.jdbc(context).execute("truncate decision"))
                .isInstanceOf(DataIntegrityViolationException.class).rootCause().hasMessageContaining("append-only");
    }

    @Test
    void aVersionCannotBeDeleted() {
        assertThatThrownBy(() -> jdbc.update("delete from ruleset_version where id = ?", proposedVersion))
                .isInstanceOf(DataIntegrityViolationException.class).rootCause().hasMessageContaining("append-only");
    }

    @Test
    void aVersionsContentCannotBeChanged() {
        assertThatThrownBy(() -> jdbc.update("update ruleset_version set hash = repeat('0', 64) where id = ?", activeVersion))
                .isInstanceOf(DataIntegrityViolationException.class).rootCause().hasMessageContaining("only its status may change");
    }

    @Test
    void aVersionsStatusCannotSkipTheWorkflow() {
        assertThatThrownBy(() -> jdbc.update("update ruleset_version set status = 'PROPOSED' where id = ?", activeVersion))
                .isInstanceOf(DataIntegrityViolationException.class).rootCause().hasMessageContaining("cannot go from ACTIVE to PROPOSED");
    }

    @Test
    void aStatusChangeMustNameWhoMakesIt() {
        assertThatThrownBy(() -> jdbc.update(
                "update ruleset_version set status = 'APPROVED', approved_by = 'sql', approved_at = now() where id = ?",
                proposedVersion))
                .isInstanceOf(DataIntegrityViolationException.class).rootCause().hasMessageContaining("traffic.actor");
    }

    @Test
    void eventsCannotBeRewritten() {
        assertThatThrownBy(() -> jdbc.update("update ruleset_event set by = 'someone else' where ruleset_id = ?", proposedVersion))
                .isInstanceOf(DataIntegrityViolationException.class).rootCause().hasMessageContaining("append-only");
    }

    @Test
    void theRefusedStatementsLeftEverythingAsItWas() {
        aStoredFileCannotBeDeleted();
        aDecisionCannotBeDeleted();

        assertThat(jdbc.queryForObject("select count(*) from decision where id = ?", Long.class, decision)).isOne();
        assertThat(jdbc.queryForObject("select status from ruleset_version where id = ?", String.class, proposedVersion))
                .isEqualTo("PROPOSED");
    }
}
