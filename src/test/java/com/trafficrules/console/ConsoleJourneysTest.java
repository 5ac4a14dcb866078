package com.trafficrules.console;

import static com.trafficrules.ruleset.Proposals.MARKER_DRL;
import static com.trafficrules.ruleset.Proposals.MARKER_PATH;
import static com.trafficrules.ruleset.Proposals.proposal;
import static com.trafficrules.support.Users.APPROVER;
import static com.trafficrules.support.Users.AUDITOR;
import static com.trafficrules.support.Users.MANAGER;
import static com.trafficrules.support.Users.SCHEDULER;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.HttpTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.pagefactory.ByChained;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The console's journeys in a real browser, one each: what a person does every morning, end to end on the
 * service and its database. Fixtures are made through the API, as the other systems would make them. The class has
 * a context (and so a database) of its own, as a fill picks from the whole asset library: another class's assets
 * would change what the journeys' fills pick. Activations change what the database serves, so the context is
 * discarded after the class.
 */
@HttpTest
@TestPropertySource(properties = "traffic.test.context=console-journeys")
@DirtiesContext
class ConsoleJourneysTest {

    private static final String AUDITED_PATH = "rules/rotation/audited-advertiser.drl";
    private static final String OVERLAP_PATH = "rules/rotation/temporal-overlap.drl";

    @LocalServerPort
    int port;

    @Autowired
    RestTestClient http;

    private Browser browser;

    @BeforeEach
    void openTheBrowser() {
        browser = Browser.open(port);
    }

    @AfterEach
    void closeTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anAuditorFollowsAFaultedValidationToTheVersionThatMadeItAndWhatChangedInIt() {
        long before = servingVersion();
        String drl = MARKER_DRL.replace("marked-advertiser", "audited-advertiser");
        long version = activate(idOf(proposed(proposal("audited-marker", AUDITED_PATH, drl))));
        String decision = validateTwoOverlappingSpots();

        browser.signIn("auditor");
        browser.click(By.linkText("Decisions"));
        new Select(browser.waitFor(By.id("kind"))).selectByValue("rotation.validate");
        browser.driver.findElement(By.id("channel")).sendKeys("retro-prime");
        browser.click(By.id("search"));
        browser.screenshot("decisions");
        browser.click(By.cssSelector("a.decision-link[data-id='" + decision + "']"));

        assertThat(browser.text(By.id("caller"))).isEqualTo("scheduler");
        assertThat(browser.text(By.id("fired-rules"))).isEqualTo("temporal-overlap");
        assertThat(browser.text(By.cssSelector("table[data-name=faults]")))
                .contains("temporal-overlap", "CRITICAL", "S2", "S1", "S2 starts 10000 ms before S1 ends");
        browser.screenshot("decision");

        browser.click(By.id("ruleset-link"));
        assertThat(browser.text(By.tagName("h1"))).contains("Version " + version, "audited-marker");
        browser.screenshot("ruleset-version");
        browser.click(By.id("diff-previous"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("From version " + before + " to version " + version);
        assertThat(browser.text(By.cssSelector(".file-diff h2"))).isEqualTo(AUDITED_PATH + " ADDED");
        assertThat(browser.driver.findElements(By.cssSelector("table.sides td.added")).stream().map(cell -> cell.getText()).toList())
                .contains("rule \"audited-advertiser\"");
        browser.screenshot("diff");
    }

    @Test
    void aManagerWhoProposesAChangeThatBreaksAScenarioSeesWhichScenarioFailsAndWhy(@TempDir Path folder) throws IOException {
        Path changed = folder.resolve("temporal-overlap.drl");
        // Spots may now overlap by up to a minute: the shipped scenarios of 10-second overlaps expect a fault.
        Files.writeString(changed, Files.readString(Path.of(OVERLAP_PATH))
                .replace("endMs > $later.startMs", "endMs > $later.startMs + 60000"));

        browser.signIn("manager");
        browser.click(By.linkText("Rulesets"));
        browser.click(By.linkText("Propose a change"));
        browser.waitFor(By.id("label")).sendKeys("a minute of overlap");
        browser.driver.findElement(By.id("note")).sendKeys("Let spots overlap by up to a minute");
        browser.driver.findElement(By.id("file1")).sendKeys(changed.toString());
        browser.click(By.id("propose"));

        assertThat(browser.text(By.cssSelector("p.notice"))).startsWith("Stored as PROPOSED");
        assertThat(browser.text(By.cssSelector(".heading .status"))).isEqualTo("PROPOSED");
        assertThat(browser.text(By.id("scenario-summary"))).matches("\\d+ passed, [1-9]\\d* failed");
        assertThat(browser.text(By.cssSelector(".failure h4"))).startsWith("rule-tests/rotation/");
        assertThat(browser.text(By.cssSelector(".failure pre"))).contains("temporal-overlap");
        assertThat(browser.pageText()).contains("cannot be approved until every scenario passes");
        browser.screenshot("proposal-checks");
    }

    @Test
    void anApproverApprovesAProposalAndActivatesIt() {
        long version = openAProposal("to-approve", "approver");
        browser.click(By.id("approve"));
        assertThat(browser.text(By.cssSelector("p.notice"))).isEqualTo("Approved by approver. It can be activated now.");
        assertThat(browser.text(By.cssSelector(".heading .status"))).isEqualTo("APPROVED");
        browser.click(By.id("activate"));
        assertThat(browser.text(By.cssSelector(".heading .status"))).isEqualTo("ACTIVE");
        assertThat(browser.text(By.id("events"))).contains("PROPOSED APPROVED approver", "APPROVED ACTIVE approver");

        browser.click(By.linkText("Rulesets"));
        assertThat(browser.text(By.cssSelector("#versions tr.active-row"))).contains("#" + version, "serving", "to-approve")
                .as("versions have no channel: their times are on UTC, named so").containsPattern("\\d{2}:\\d{2}:\\d{2} UTC");
        browser.screenshot("rulesets");
        assertThat(servingVersion()).isEqualTo(version);
    }

    @Test
    void anAuditorIsShownNoApproveButtonAndAForgedApprovalIsRefused() {
        long version = openAProposal("not-for-auditors", "auditor");
        assertThat(browser.driver.findElements(By.id("approve"))).isEmpty();
        assertThat(browser.driver.findElements(By.id("activate"))).isEmpty();

        // The auditor's own session and a valid CSRF token: the role is what refuses it.
        Object withToken = browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const token = document.querySelector('form.who input[name=_csrf]').value;
                fetch('/console/rulesets/%d/approve', {method: 'POST', redirect: 'manual',
                        headers: {'Content-Type': 'application/x-www-form-urlencoded'}, body: '_csrf=' + encodeURIComponent(token)})
                    .then(response => done(response.status), error => done(String(error)));
                """.formatted(version));
        Object withoutToken = browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/console/rulesets/%d/approve', {method: 'POST', redirect: 'manual'})
                    .then(response => done(response.status), error => done(String(error)));
                """.formatted(version));
        assertThat(List.of(withToken, withoutToken)).containsExactly(403L, 403L);
        assertThat(statusOf(version)).isEqualTo("PROPOSED");
    }

    @Test
    void aRuleFileContainingAScriptTagIsShownAsText() {
        String script = "<script>window.injected = true</script>";
        String drl = MARKER_DRL.replace("// Spots of the advertiser MARKED are flagged.", "// </code></pre>" + script);
        long version = idOf(proposed(proposal("<b>bold</b>" + script, MARKER_PATH, drl)));

        browser.signIn("auditor");
        browser.go("/console/rulesets/" + version);
        browser.click(By.xpath("//details[summary/code[text()='" + MARKER_PATH + "']]/summary"));

        assertThat(browser.text(By.cssSelector("h1 small"))).isEqualTo("<b>bold</b>" + script);
        assertThat(browser.text(By.xpath("//details[@open]//pre"))).contains("// </code></pre>" + script);
        assertThat(browser.driver.executeScript("return window.injected === undefined")).isEqualTo(true);
        assertThat(browser.driver.findElements(By.cssSelector("main script, main b"))).isEmpty();
    }

    @Test
    void anAuditorSeesAChannelsPlaysWithTheirCooldownsAFilledBlocksSegmentsAndARunsClassesAsBars() {
        put("/api/v1/assets", Map.of("assets", List.of(
                Map.of("uri", "/promos/journey.mp4", "durationMs", 30_000, "type", "promo"),
                Map.of("uri", "/ids/journey.mp4", "durationMs", 5_000, "type", "station_id"))));
        String fill = (String) post("/api/v1/channels/retro-prime/blocks/fill", Map.of("blockId", "journey-block",
                "start", "2026-10-02T20:00:00Z", "segments", List.of(
                        Map.of("type", "content", "assetUri", "/shows/ep1.mp4", "durationMs", 330_000),
                        Map.of("type", "filler", "assetUri", "", "durationMs", 62_000)))).get("decisionId");
        String run = (String) post("/api/v1/reconciliations", Map.of("channel", "retro-prime", "broadcastDate", "2026-10-02",
                "planned", List.of(Map.of("availId", "A-1", "spotId", "S-1", "start", "2026-10-02T20:12:00Z",
                        "end", "2026-10-02T20:12:30Z", "lengthMs", 30_000, "status", "SCHEDULED")),
                "asRun", List.of(Map.of("eventId", "E-1", "spotId", "S-1", "start", "2026-10-02T16:12:00.900-04:00",
                        "durationMs", 30_000, "status", "AIRED")))).get("runId");

        browser.signIn("auditor");
        browser.go("/console/channels/retro-prime?day=2026-10-02");
        assertThat(browser.text(By.id("policy"))).contains("America/New_York", "promo 1800 s");
        assertThat(browser.driver.findElements(By.cssSelector("figure.plays rect.bar-promo"))).hasSize(1);
        assertThat(browser.driver.findElements(By.cssSelector("figure.plays rect.bar-cooldown"))).hasSize(2);
        assertThat(browser.text(By.id("plays"))).contains("2026-10-02 16:05:48 EDT /promos/journey.mp4 promo 30000 ms journey-block 0");
        browser.screenshot("channel");

        browser.go("/console/decisions/" + fill);
        assertThat(browser.driver.findElements(By.cssSelector("figure.segments rect.bar"))).hasSizeGreaterThan(2);

        browser.go("/console/reconciliations");
        browser.click(By.linkText("2026-10-02"));
        assertThat(browser.driver.getCurrentUrl()).endsWith("/console/reconciliations/" + run);
        assertThat(browser.text(By.cssSelector("table[data-name=items]"))).contains("A-1", "TIMECODE_DRIFT", "900");
        browser.asTablet();
        browser.screenshot("reconciliation-tablet");

        browser.go("/console/makegoods");
        assertThat(browser.pageText()).contains("No escalation", "No make-good order matches");
    }

    @Test
    void anAuditorSeesTheRestOfACooldownGroupInOneLaneNamedForTheGroup() {
        put("/api/v1/assets", Map.of("assets", List.of(pulledAsset("/jingles/journey-a.mp4", "promo", "journey-jingles"),
                pulledAsset("/jingles/journey-b.mp4", "promo", "journey-jingles"),
                pulledAsset("/jingles/journey-id.mp4", "station_id", "journey-jingles"))));
        post("/api/v1/channels/journey-groups/plays", Map.of("plays", List.of(
                play("/jingles/journey-a.mp4", "2026-10-05T20:00:00Z"), play("/jingles/journey-b.mp4", "2026-10-05T22:00:00Z"))));

        browser.signIn("auditor");
        browser.go("/console/channels/journey-groups?day=2026-10-05");

        assertThat(browser.texts(By.cssSelector("ol.lane-names li"))).containsExactly("group journey-jingles");
        assertThat(browser.driver.findElements(By.cssSelector("figure.plays rect.bar-promo"))).hasSize(2);
        // Under the defaults a promo rests 1800 s and a station id 3600 s: each member of the group for its own type.
        assertThat(browser.driver.findElements(By.cssSelector("figure.plays rect.bar-cooldown title")).stream()
                .map(title -> title.getAttribute("textContent")).toList()).containsExactly(
                "group journey-jingles rests after /jingles/journey-a.mp4: its promo members until 20:30:00, "
                        + "its station_id members until 21:00:00",
                "group journey-jingles rests after /jingles/journey-b.mp4: its promo members until 22:30:00, "
                        + "its station_id members until 23:00:00");
        assertThat(browser.driver.findElements(By.cssSelector("figure.plays rect.bar")).stream()
                .map(bar -> bar.getAttribute("y")).distinct().toList()).as("every mark in the group's lane").hasSize(1);
        browser.screenshot("channel-group");
    }

    @Test
    void aManagerPreviewsTheImpactOfAProposalAndSeesWhatEachChangedDecisionGainsAndLoses() {
        String decision = validateTwoOverlappingSpots();
        long version = idOf(proposed(proposal("overlaps-as-warnings", OVERLAP_PATH,
                overlapRule().replace("Severity.CRITICAL", "Severity.WARNING"))));

        browser.signIn("manager");
        browser.go("/console/rulesets/" + version);
        browser.click(By.id("impact"));
        browser.click(By.id("run-impact"));

        assertThat(Integer.parseInt(browser.text(By.id("evaluated")))).isPositive();
        assertThat(Integer.parseInt(browser.text(By.id("changed")))).isPositive();
        By row = By.xpath("//table[@id='impact-changes']//tr[td/a[contains(@href, '" + decision + "')]]");
        assertThat(browser.text(row)).contains("rotation.validate");
        assertThat(browser.texts(new ByChained(row, By.cssSelector("td.added code")))).singleElement().asString()
                .contains("\"rule\":\"temporal-overlap\"", "\"severity\":\"WARNING\"");
        assertThat(browser.texts(new ByChained(row, By.cssSelector("td.removed code")))).singleElement().asString()
                .contains("\"rule\":\"temporal-overlap\"", "\"severity\":\"CRITICAL\"");
        browser.screenshot("impact");
    }

    @Test
    void anAuditorFindsDecisionsByKindChannelVersionAndTimeRangeOnTheChannelsClock() throws InterruptedException {
        String earlier = validateTwoOverlappingSpots();
        // The form's times have whole seconds: the second decision is made in a later second than the first.
        Thread.sleep(1_100);
        String later = validateTwoOverlappingSpots();
        Instant earlierAt = createdAt(earlier);
        Instant laterAt = createdAt(later);
        Instant between = earlierAt.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        long serving = servingVersion();

        browser.signIn("auditor");
        browser.click(By.linkText("Decisions"));
        searchDecisions(serving, earlierAt.truncatedTo(ChronoUnit.SECONDS), between);
        assertThat(browser.text(By.cssSelector("label[for=from]"))).isEqualTo("From (America/New_York)");
        assertThat(shownDecisions()).containsExactly(earlier);
        browser.screenshot("decisions-by-time");

        searchDecisions(serving, between, laterAt.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
        assertThat(shownDecisions()).containsExactly(later);
    }

    @Test
    void anApproverReachesAndPressesApproveWithTheKeyboardAloneEachStopShowingWhereTheFocusIs() {
        long version = openAProposal("by-keyboard", "approver");

        List<String> unmarked = new ArrayList<>();
        String focused = "";
        for (int stop = 0; stop < 40 && !focused.equals("approve"); stop++) {
            new Actions(browser.driver).sendKeys(Keys.TAB).perform();
            focused = (String) browser.driver.executeScript("""
                    const el = document.activeElement;
                    const style = getComputedStyle(el);
                    if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) === 0) {
                        return 'unmarked:' + el.tagName + ' ' + (el.id || el.textContent.trim());
                    }
                    return el.id;
                    """);
            if (focused.startsWith("unmarked:")) {
                unmarked.add(focused.substring("unmarked:".length()));
            }
        }
        assertThat(focused).as("the approve button reached by Tab").isEqualTo("approve");
        assertThat(unmarked).as("focused elements without a visible outline").isEmpty();

        new Actions(browser.driver).sendKeys(Keys.ENTER).perform();
        assertThat(browser.text(By.cssSelector(".heading .status"))).isEqualTo("APPROVED");
        assertThat(statusOf(version)).isEqualTo("APPROVED");
    }

    @Test
    void theMainPagesFitATabletsWidthWithoutScrollingSideways() {
        String decision = validateTwoOverlappingSpots();
        long version = proposeAMarker("on-a-tablet");
        put("/api/v1/assets", Map.of("assets", List.of(pulledAsset("/promos/tablet.mp4", "promo", "tablet-promos"))));
        post("/api/v1/channels/retro-prime/plays", Map.of("plays", List.of(play("/promos/tablet.mp4", "2026-10-03T20:00:00Z"))));

        browser.signIn("lead");
        browser.asTablet();
        Map<String, String> overflowing = new LinkedHashMap<>();
        for (String page : List.of("/console", "/console/rulesets", "/console/rulesets/" + version,
                "/console/rulesets/" + version + "/diff", "/console/rulesets/" + version + "/impact", "/console/rulesets/propose",
                "/console/decisions", "/console/decisions/" + decision, "/console/channels",
                "/console/channels/retro-prime?day=2026-10-03", "/console/makegoods", "/console/reconciliations")) {
            browser.go(page);
            browser.waitFor(By.tagName("h1"));
            List<?> widths = (List<?>) browser.driver.executeScript(
                    "return [document.documentElement.scrollWidth, window.innerWidth]");
            if (((Number) widths.get(0)).longValue() > ((Number) widths.get(1)).longValue()) {
                overflowing.put(page, widths.get(0) + " px wide in a " + widths.get(1) + " px window");
            }
        }
        assertThat(overflowing).isEmpty();
    }

    private Map<?, ?> post(String path, Map<String, Object> body) {
        return http.post().uri(path).headers(SCHEDULER).contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().is2xxSuccessful().returnResult(Map.class).getResponseBody();
    }

    private void put(String path, Map<String, Object> body) {
        http.put().uri(path).headers(SCHEDULER).contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isOk();
    }

    /**
     * An asset in a cooldown group, pulled: its plays count, but no fill selects it, so the fills of other journeys
     * pick what they expect.
     */
    private static Map<String, Object> pulledAsset(String uri, String type, String group) {
        return Map.of("uri", uri, "durationMs", 10_000, "type", type, "state", "pulled", "cooldownGroup", group);
    }

    /** A play logged as the playout system logs one made outside the fill, in a break of its own block. */
    private static Map<String, Object> play(String assetUri, String playedAt) {
        return Map.of("assetUri", assetUri, "playedAt", playedAt, "blockId", "block-" + playedAt, "breakIndex", 0);
    }

    private long servingVersion() {
        return idOf(http.get().uri("/api/v1/rulesets/active").headers(AUDITOR).exchange().expectStatus().isOk()
                .returnResult(Map.class).getResponseBody());
    }

    /** A marker proposed by the manager, its page opened by {@code user}, signed in. */
    private long openAProposal(String label, String user) {
        long version = proposeAMarker(label);
        browser.signIn(user);
        browser.go("/console/rulesets/" + version);
        browser.waitFor(By.id("checks"));
        return version;
    }

    /** A rule that flags the advertiser MARKED, its comment made unique by {@code label} so each proposal changes something. */
    private long proposeAMarker(String label) {
        String drl = MARKER_DRL.replace("are flagged.", "are flagged (" + label + ").");
        return idOf(proposed(proposal(label, MARKER_PATH, drl)));
    }

    /** A proposal as the traffic manager makes it through the API. */
    private Map<?, ?> proposed(Map<String, Object> body) {
        return http.post().uri("/api/v1/rulesets").headers(MANAGER).contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isCreated().returnResult(Map.class).getResponseBody();
    }

    private long activate(long version) {
        for (String action : List.of("approve", "activate")) {
            http.post().uri("/api/v1/rulesets/{id}/{action}", version, action).headers(APPROVER).exchange().expectStatus().isOk();
        }
        return version;
    }

    private String validateTwoOverlappingSpots() {
        Map<String, Object> log = Map.of(
                "channel", "retro-prime",
                "breaks", List.of(Map.of("id", "B1", "start", "2026-11-20T20:12:00Z", "durationMs", 120_000)),
                "spots", List.of(
                        Map.of("id", "S1", "breakId", "B1", "start", "2026-11-20T20:12:00Z", "lengthMs", 30_000,
                                "advertiser", "ACME", "type", "commercial"),
                        Map.of("id", "S2", "breakId", "B1", "start", "2026-11-20T20:12:20Z", "lengthMs", 30_000,
                                "advertiser", "BOLT", "type", "promo")));
        Map<?, ?> answer = http.post().uri("/api/v1/rotation/validate").headers(SCHEDULER).contentType(MediaType.APPLICATION_JSON)
                .body(log).exchange().expectStatus().isOk().returnResult(Map.class).getResponseBody();
        return (String) answer.get("decisionId");
    }

    /** The decisions search as a person fills it in, the times on retro-prime's clock. */
    private void searchDecisions(long version, Instant from, Instant until) {
        new Select(browser.waitFor(By.id("kind"))).selectByValue("rotation.validate");
        browser.waitFor(By.id("channel")).clear();
        browser.driver.findElement(By.id("channel")).sendKeys("retro-prime");
        new Select(browser.driver.findElement(By.id("ruleset"))).selectByValue(Long.toString(version));
        ZoneId eastern = ZoneId.of("America/New_York");
        browser.setValue(By.id("from"), LocalDateTime.ofInstant(from, eastern).toString());
        browser.setValue(By.id("to"), LocalDateTime.ofInstant(until, eastern).toString());
        browser.click(By.id("search"));
    }

    /** The ids of the decisions the list shows, in its order. */
    private List<String> shownDecisions() {
        browser.waitFor(By.tagName("h1"));
        return browser.driver.findElements(By.cssSelector("a.decision-link")).stream()
                .map(link -> link.getAttribute("data-id")).toList();
    }

    private Instant createdAt(String decision) {
        return Instant.parse((String) http.get().uri("/api/v1/decisions/{id}", decision).headers(AUDITOR).exchange()
                .expectStatus().isOk().returnResult(Map.class).getResponseBody().get("createdAt"));
    }

    private static String overlapRule() {
        try {
            return Files.readString(Path.of(OVERLAP_PATH));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String statusOf(long version) {
        return (String) http.get().uri("/api/v1/rulesets/{id}", version).headers(AUDITOR).exchange().expectStatus().isOk()
                .returnResult(Map.class).getResponseBody().get("status");
    }

    private static long idOf(Map<?, ?> version) {
        return ((Number) version.get("id")).longValue();
    }
}
