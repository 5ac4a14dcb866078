package com.trafficrules.console;

import static com.trafficrules.rotation.RotationLogBuilder.log;
import static com.trafficrules.support.Users.SCHEDULER;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.ConsoleSession;
import com.trafficrules.support.HttpTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** A long list's pages, read as a browser reads them: the links to the next and previous page keep the search. */
@HttpTest
class ConsolePagingHttpTest {

    private static final Pattern NEXT = Pattern.compile("href=\"([^\"]+)\" rel=\"next\"");

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

    @Test
    void aSearchOfMoreThanAPageLinksToTheNextPageOfTheSameSearch() throws Exception {
        String channel = "paging-" + UUID.randomUUID().toString().substring(0, 8);
        decide(channel, 51);
        ConsoleSession auditor = ConsoleSession.signedIn(URI.create("http://localhost:" + port), "auditor");

        HttpResponse<String> first = auditor.get("/console/decisions?kind=rotation.validate&channel=" + channel);

        assertThat(first.statusCode()).isEqualTo(200);
        Matcher next = NEXT.matcher(first.body());
        assertThat(next.find()).as("a link to the next page").isTrue();
        String href = next.group(1).replace("&amp;", "&");
        assertThat(href).contains("channel=" + channel).contains("kind=rotation.validate").contains("page=1");
        HttpResponse<String> second = auditor.get(href);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).contains("rel=\"prev\"").doesNotContain("rel=\"next\"");
    }
}
