package com.trafficrules.console;

import static com.trafficrules.rotation.RotationLogBuilder.log;
import static com.trafficrules.support.Users.SCHEDULER;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.ConsoleSession;
import com.trafficrules.support.HttpTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Long lists' pages, read as a browser reads them: the links to the next and previous page keep the search. */
@HttpTest
class ConsolePagingHttpTest {

    private static final Pattern NEXT = Pattern.compile("href=\"([^\"]+)\" rel=\"next\"");
    private static final Pattern ESCALATIONS_NEXT = Pattern.compile("href=\"([^\"]+escalationPage=1[^\"]*)\" rel=\"next\"");

    @Autowired
    RestTestClient http;

    @LocalServerPort
    int port;

    private void decide(String channel, int times) {
        for (int i = 0; i < times; i++) {
            http.post().uri("/api/v1/rotation/validate").headers(SCHEDULER).contentType(MediaType.APPLICATION_JSON)
                    .body(log(channel).breakAt("B1", "2026-11-20T20:12:00Z", 120_000).spot("S" + i, "B1", "2026-11-20T20:12:00Z", 30_000)
                            .body())
                    .exchange().expectStatus().isOk();
        }
    }

    /** Spots that delivered a tenth of their GRPs: under the compliance floor, each is escalated to a person. */
    private void escalate(String market, int spots) {
        Instant aired = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        List<Map<String, Object>> payloads = new ArrayList<>();
        for (int i = 0; i < spots; i++) {
            payloads.add(Map.of("spotId", market + "-" + i, "market", market, "marketTier", "DMA",
                    "airedStart", aired.toString(), "airedEnd", aired.plusSeconds(30).toString(), "contractedGrps", 10.0,
                    "actualGrps", 1.0, "spotLengthMs", 30_000, "clientId", "client-1", "contractId", "contract-" + market));
        }
        http.post().uri("/api/v1/ratings").headers(SCHEDULER).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("payloads", payloads)).exchange().expectStatus().isOk();
    }

    @Test
    void aSearchOfMoreThanAPageLinksToTheNextPageOfTheSameSearch() throws Exception {
        String channel = unique("paging");
        decide(channel, 51);
        ConsoleSession auditor = auditor();

        String href = linkOn(auditor.get("/console/decisions?kind=rotation.validate&channel=" + channel), NEXT);

        assertThat(href).contains("channel=" + channel).contains("kind=rotation.validate").contains("page=1");
        HttpResponse<String> second = auditor.get(href);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).contains("rel=\"prev\"").doesNotContain("rel=\"next\"");
    }

    @Test
    void moreThanAPageOfEscalationsIsPagedOnItsOwnKeepingTheOrdersFilter() throws Exception {
        String market = unique("esc");
        escalate(market, 51);
        ConsoleSession auditor = auditor();
        HttpResponse<String> first = auditor.get("/console/makegoods?market=" + market);

        String href = linkOn(first, ESCALATIONS_NEXT);

        assertThat(rows(first.body(), "escalations")).isEqualTo(50);
        assertThat(href).contains("market=" + market).contains("escalationPage=1").doesNotContain("&page=");
        HttpResponse<String> second = auditor.get(href);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).contains("escalationPage=0\" rel=\"prev\"");
        assertThat(rows(second.body(), "escalations")).isPositive();
    }

    private ConsoleSession auditor() throws Exception {
        return ConsoleSession.signedIn(URI.create("http://localhost:" + port), "auditor");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The address of the page's link that {@code link} finds, as a browser follows it. */
    private static String linkOn(HttpResponse<String> page, Pattern link) {
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher found = link.matcher(page.body());
        assertThat(found.find()).as("a link " + link.pattern()).isTrue();
        return found.group(1).replace("&amp;", "&");
    }

    /** The rows of the readable table named {@code name}. */
    private static int rows(String page, String name) {
        int table = page.indexOf("data-name=\"" + name + "\"");
        assertThat(table).as("a table of " + name).isNotNegative();
        String body = page.substring(page.indexOf("<tbody>", table), page.indexOf("</tbody>", table));
        return body.split("<tr>", -1).length - 1;
    }
}
