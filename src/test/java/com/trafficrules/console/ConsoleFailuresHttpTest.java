package com.trafficrules.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.database.TrafficDbProperties;
import com.trafficrules.support.ConsoleSession;
import com.trafficrules.support.DatabaseOutage;
import com.trafficrules.support.HttpTest;
import com.trafficrules.support.SchemaOwner;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * What a person at the console sees when the service fails, not what they did: a console page, never the API's
 * problem+json — 503 with Retry-After while the database is away, 500 with the request's id for a fault of the
 * service's own. On the outage suites' own database, which these tests stop and spoil.
 */
@HttpTest
@TestPropertySource(properties = DatabaseOutage.OWN_SERVER)
class ConsoleFailuresHttpTest {

    private static final String NAVIGATION = "<nav aria-label=\"Console\">";

    @LocalServerPort
    int port;
    @Autowired
    RestTestClient http;
    @Autowired
    TrafficDbProperties db;
    @Autowired
    ApplicationContext context;

    private DatabaseOutage outage;
    private ConsoleSession auditor;

    @BeforeEach
    void signIn() throws Exception {
        outage = new DatabaseOutage(db, http);
        auditor = ConsoleSession.signedIn(URI.create("http://localhost:" + port), "auditor");
    }

    @AfterEach
    void bringTheDatabaseBack() {
        outage.endIfBegun();
    }

    @Test
    void aPageWhileTheDatabaseIsAwaySaysSoAndWhenToTryAgain() throws Exception {
        outage.begin();

        HttpResponse<String> page = auditor.get("/console/decisions");

        assertConsolePage(page, 503);
        assertThat(page.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(page.body()).contains("The database cannot be reached, or has no connection free").contains("Try again in 5 s.");
    }

    @Test
    void aPageTheServiceFailsToMakeIsItsOwnFaultWithTheRequestIdToReport() throws Exception {
        UUID spoilt = UUID.randomUUID();
        SchemaOwner.jdbc(context).update("insert into decision (id, kind, channel, created_at, caller, ruleset_id, fired_rules, request,"
                + " outcome) values (?, 'validation', 'spoilt', now(), 'scheduler', 1, '{}', '{}', 'not json')", spoilt);

        HttpResponse<String> page = auditor.get("/console/decisions/" + spoilt);

        assertConsolePage(page, 500);
        assertThat(page.body()).contains("a fault of the service, not of what you did")
                .contains("the request id " + page.headers().firstValue("X-Request-Id").orElseThrow() + ".");
    }

    private static void assertConsolePage(HttpResponse<String> page, int status) {
        assertThat(page.statusCode()).isEqualTo(status);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains(NAVIGATION);
    }
}
