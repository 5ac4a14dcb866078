package com.trafficrules.console;

import static com.trafficrules.ruleset.Proposals.MARKER_PATH;
import static com.trafficrules.ruleset.Proposals.proposal;
import static com.trafficrules.support.Users.MANAGER;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.ConsoleSession;
import com.trafficrules.support.HttpTest;
import com.trafficrules.support.RawHttp;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * What the console refuses, read as a browser receives it: a console page (its layout and navigation, never the
 * API's problem+json) with the status the API would answer, the field named and what to do about it.
 */
@HttpTest
class ConsoleRefusalsHttpTest {

    private static final String NAVIGATION = "<nav aria-label=\"Console\">";
    private static final int MEGABYTE = 1024 * 1024;

    @LocalServerPort
    int port;

    @Autowired
    RestTestClient http;

    private ConsoleSession manager;

    @BeforeEach
    void signIn() throws Exception {
        manager = ConsoleSession.signedIn(URI.create("http://localhost:" + port), "manager");
    }

    @Test
    void rejectsASearchFromATimeItCannotReadWithTheSearchFormNamingTheField() throws Exception {
        HttpResponse<String> page = manager.get("/console/decisions?from=2026-13-01T00:00");

        assertConsolePage(page, 400);
        assertThat(page.body()).contains("<b>From</b> <span>must be a date and time such as 2026-11-20T20:00, not 2026-13-01T00:00")
                .contains("id=\"search\"");
    }

    @Test
    void rejectsARulesetVersionThatIsNotANumberNamingTheField() throws Exception {
        HttpResponse<String> page = manager.get("/console/decisions?ruleset=abc");

        assertConsolePage(page, 400);
        assertThat(page.body()).contains("<b>ruleset</b> <span>must be a whole number, not abc")
                .contains("Correct what is named above and send the form again.")
                .contains("href=\"/console/decisions\" id=\"again\"");
    }

    @Test
    void refusesAnAddressWhoseEscapesCannotBeDecodedWithAPage() {
        RawHttp.Response page = manager.getAsWritten("/console/decisions?kind=%ZZ");

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.contentType()).startsWith("text/html");
        // Refused by UnreadableForms before any page is chosen: the refusal alone, without the navigation.
        assertThat(page.body()).contains("The form could not be read.");
    }

    @Test
    void refusesAParameterNameTheFirewallRejectsWithAPage() {
        RawHttp.Response page = manager.getAsWritten("/console/decisions?%00=1");

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains(NAVIGATION).contains("The address could not be read");
    }

    @Test
    void rejectsANulCharacterInASearchNamingTheField() throws Exception {
        HttpResponse<String> page = manager.get("/console/decisions?kind=a%00b");

        assertConsolePage(page, 400);
        assertThat(page.body()).contains("<b>kind</b> <span>must not contain the NUL character (U+0000)");
    }

    @Test
    void rejectsAChannelDayThatIsNotADateNamingTheField() throws Exception {
        HttpResponse<String> page = manager.get("/console/channels/retro-prime?day=yesterday");

        assertConsolePage(page, 400);
        assertThat(page.body()).contains("<b>day</b> <span>must be a date such as 2026-11-20, not yesterday");
    }

    @Test
    void rejectsAnUploadThatIsNotTextNamingItsFileWithTheFormAgain() throws Exception {
        byte[] binary = {'r', 'u', 'l', 'e', 0, (byte) 0xff, (byte) 0xfe};

        HttpResponse<String> page = propose("", "temporal-overlap.drl", binary);

        assertConsolePage(page, 400);
        assertThat(page.body()).contains("Nothing was stored")
                .contains("<b>File 1 (temporal-overlap.drl)</b> <span>is not a text file (UTF-8, without NUL characters)")
                .contains("id=\"propose\"");
    }

    @Test
    void rejectsAnUploadToAPathNoRuleFileHasNamingItsFileAsTheFormShowsIt() throws Exception {
        HttpResponse<String> page = propose("../outside.drl", "outside.drl", "rule text".getBytes(StandardCharsets.UTF_8));

        assertConsolePage(page, 400);
        assertThat(page.body()).contains("<b>File 1 (outside.drl) path</b> <span>must be a .drl file under rules/");
    }

    @Test
    void rejectsAnUploadOverTheSizeLimitWithAConsolePage() throws Exception {
        byte[] tooLarge = new byte[MEGABYTE + 1];
        Arrays.fill(tooLarge, (byte) 'x');

        HttpResponse<String> page = propose("", "temporal-overlap.drl", tooLarge);

        // Refused before the session is read: the page has no navigation.
        assertRefusal(page, 413);
        assertThat(page.body()).contains("The form is larger than the console takes")
                .contains("a file of at most 1 MB");
    }

    @Test
    void rejectsAnImpactPreviewOfARejectedVersionWithAConflictPage() throws Exception {
        long rejected = proposeRejected();
        String impact = "/console/rulesets/" + rejected + "/impact";

        HttpResponse<String> page = manager.submit(impact, impact, Map.of());

        assertConsolePage(page, 409);
        assertThat(page.body()).contains("Ruleset version " + rejected + " was rejected by its checks; it cannot be previewed");
    }

    @Test
    void offersARejectedVersionNoImpactPreviewSayingWhy() throws Exception {
        HttpResponse<String> page = manager.get("/console/rulesets/" + proposeRejected() + "/impact");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("id=\"run-impact\"").contains("Its checks rejected this version");
    }

    @Test
    void answersAVersionThatDoesNotExistWithANotFoundPage() throws Exception {
        HttpResponse<String> page = manager.get("/console/rulesets/987654");

        assertConsolePage(page, 404);
        assertThat(page.body()).contains("No ruleset version 987654");
    }

    @Test
    void answersAnAddressThatIsNoPageWithANotFoundPage() throws Exception {
        HttpResponse<String> page = manager.get("/console/no-such-page");

        assertConsolePage(page, 404);
        assertThat(page.body()).contains("There is no console page at /console/no-such-page.");
    }

    /** A version whose rule does not compile, proposed through the API: stored as REJECTED. */
    private long proposeRejected() {
        Map<?, ?> problem = http.post().uri("/api/v1/rulesets").headers(MANAGER).contentType(MediaType.APPLICATION_JSON)
                .body(proposal("does not compile", MARKER_PATH, "package rules.rotation;\nrule \"broken\" when then this is no Java; end\n"))
                .exchange().expectStatus().isEqualTo(422).returnResult(Map.class).getResponseBody();
        return ((Number) ((Map<?, ?>) problem.get("ruleset")).get("id")).longValue();
    }

    /** The propose form sent with one file and the path typed beside it. */
    private HttpResponse<String> propose(String path, String fileName, byte[] content) throws Exception {
        return manager.upload("/console/rulesets/propose", "/console/rulesets", Map.of("label", "refused", "path", path),
                fileName, content);
    }

    /** A refusal in the console's layout, with its navigation for the one signed in. */
    private static void assertConsolePage(HttpResponse<String> page, int status) {
        assertRefusal(page, status);
        assertThat(page.body()).contains(NAVIGATION);
    }

    /** An HTML page with the status, saying what was wrong. */
    private static void assertRefusal(HttpResponse<String> page, int status) {
        assertThat(page.statusCode()).isEqualTo(status);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("role=\"alert\"");
    }
}
