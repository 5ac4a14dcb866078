package com.trafficrules.audit;

import static com.trafficrules.rotation.RotationLogBuilder.log;
import static com.trafficrules.support.Problems.expectOnlyProblem;
import static com.trafficrules.support.Users.AUDITOR;
import static com.trafficrules.support.Users.SCHEDULER;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.HttpTest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The audit trail over HTTP. Tests share one database, so each works on a channel of its own (a slug
 * without a policy file gets the defaults) instead of assuming an empty table.
 */
@HttpTest
class DecisionsHttpTest {

    private static final String UTC_MILLIS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    @Autowired
    RestTestClient http;

    private static String aChannelOfItsOwn() {
        return "audit-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Validates a one-spot log on {@code channel}; returns the decision id. */
    private String decide(String channel, String spotId) {
        Map<String, Object> body = log(channel).breakAt("B1", "2026-11-20T20:12:00Z", 120_000)
                .spot(spotId, "B1", "2026-11-20T20:12:00Z", 30_000).body();
        return post(body);
    }

    /** Validates a log on {@code channel} with two overlapping spots, so a rule fires; returns the decision id. */
    private String decideWithAnOverlap(String channel) {
        Map<String, Object> body = log(channel).breakAt("B1", "2026-11-20T20:12:00Z", 120_000)
                .spot("S1", "B1", "2026-11-20T20:12:00Z", 30_000)
                .spot("S2", "B1", "2026-11-20T20:12:10Z", 30_000).body();
        return post(body);
    }

    private String post(Map<String, Object> body) {
        return http.post().uri("/api/v1/rotation/validate").headers(SCHEDULER).contentType(MediaType.APPLICATION_JSON)
                .body(body).exchange()
                .expectStatus().isOk()
                .returnResult(Map.class).getResponseBody().get("decisionId").toString();
    }

    private RestTestClient.ResponseSpec list(String query, Object... values) {
        return http.get().uri("/api/v1/decisions?" + query, values).headers(AUDITOR).exchange();
    }

    @SuppressWarnings("unchecked")
    private List<String> idsOf(RestTestClient.ResponseSpec response) {
        Map<String, Object> page = response.expectStatus().isOk().returnResult(Map.class).getResponseBody();
        return ((List<Map<String, Object>>) page.get("decisions")).stream().map(d -> d.get("id").toString()).toList();
    }

    private Instant createdAtOf(String decisionId) {
        return Instant.parse(http.get().uri("/api/v1/decisions/{id}", decisionId).headers(AUDITOR).exchange()
                .expectStatus().isOk()
                .returnResult(Map.class).getResponseBody().get("createdAt").toString());
    }

    private long activeRulesetId() {
        return ((Number) http.get().uri("/api/v1/rulesets/active").headers(AUDITOR).exchange()
                .returnResult(Map.class).getResponseBody().get("id")).longValue();
    }

    @Test
    void listsDecisionsNewestFirstWrappedWithPageSizeAndTotal() {
        String channel = aChannelOfItsOwn();
        String first = decide(channel, "FIRST");
        String second = decide(channel, "SECOND");
        String third = decide(channel, "THIRD");

        list("channel={c}", channel)
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.decisions[*].id").isEqualTo(List.of(third, second, first))
                .jsonPath("$.decisions[0].request.spots[0].id").isEqualTo("THIRD")
                .jsonPath("$.page").isEqualTo(0)
                .jsonPath("$.total").isEqualTo(3);
    }

    @Test
    void pagesHoldFiftyDecisionsByDefault() {
        list("channel={c}", aChannelOfItsOwn())
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.size").isEqualTo(50)
                .jsonPath("$.page").isEqualTo(0)
                .jsonPath("$.total").isEqualTo(0)
                .jsonPath("$.decisions.length()").isEqualTo(0);
    }

    @Test
    void sizeAndPagePageTheList() {
        String channel = aChannelOfItsOwn();
        String first = decide(channel, "FIRST");
        String second = decide(channel, "SECOND");
        String third = decide(channel, "THIRD");

        list("channel={c}&size=2&page=0", channel)
                .expectBody()
                .jsonPath("$.decisions[*].id").isEqualTo(List.of(third, second))
                .jsonPath("$.page").isEqualTo(0)
                .jsonPath("$.size").isEqualTo(2)
                .jsonPath("$.total").isEqualTo(3);
        list("channel={c}&size=2&page=1", channel)
                .expectBody()
                .jsonPath("$.decisions[*].id").isEqualTo(List.of(first))
                .jsonPath("$.page").isEqualTo(1)
                .jsonPath("$.total").isEqualTo(3);
    }

    @Test
    void theChannelFilterKeepsOnlyThatChannel() {
        String mine = aChannelOfItsOwn();
        String other = aChannelOfItsOwn();
        String kept = decide(mine, "S1");
        decide(other, "S1");

        assertThat(idsOf(list("channel={c}", mine))).containsExactly(kept);
    }

    @Test
    void theKindFilterKeepsOnlyThatKind() {
        String channel = aChannelOfItsOwn();
        String validation = decide(channel, "S1");

        assertThat(idsOf(list("channel={c}&kind=rotation.validate", channel))).containsExactly(validation);
        assertThat(idsOf(list("channel={c}&kind=fill", channel))).isEmpty();
    }

    @Test
    void theRulesetFilterKeepsOnlyDecisionsOfThatVersion() {
        String channel = aChannelOfItsOwn();
        String decided = decide(channel, "S1");
        long active = activeRulesetId();

        assertThat(idsOf(list("channel={c}&ruleset={r}", channel, active))).containsExactly(decided);
        assertThat(idsOf(list("channel={c}&ruleset={r}", channel, active + 1_000))).isEmpty();
    }

    @Test
    void fromIsInclusive() {
        String channel = aChannelOfItsOwn();
        String decided = decide(channel, "S1");
        Instant at = createdAtOf(decided);

        assertThat(idsOf(list("channel={c}&from={f}", channel, at.toString()))).containsExactly(decided);
        assertThat(idsOf(list("channel={c}&from={f}", channel, at.plusMillis(1).toString()))).isEmpty();
    }

    @Test
    void toIsExclusive() {
        String channel = aChannelOfItsOwn();
        String decided = decide(channel, "S1");
        Instant at = createdAtOf(decided);

        assertThat(idsOf(list("channel={c}&to={t}", channel, at.toString()))).isEmpty();
        assertThat(idsOf(list("channel={c}&to={t}", channel, at.plusMillis(1).toString()))).containsExactly(decided);
    }

    @Test
    void fromAndToAcceptAnyOffset() {
        String channel = aChannelOfItsOwn();
        String decided = decide(channel, "S1");
        Instant at = createdAtOf(decided);
        DateTimeFormatter withOffset = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

        assertThat(idsOf(list("channel={c}&from={f}&to={t}", channel,
                withOffset.format(at.atOffset(ZoneOffset.ofHours(2))),
                withOffset.format(at.plusMillis(1).atOffset(ZoneOffset.ofHours(-5)))))).containsExactly(decided);
    }

    @Test
    void fromWithoutAnOffsetIsABadRequestNamingFrom() {
        list("from={f}", "2026-11-20T20:00:00")
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("from");
    }

    @Test
    void toThatIsNotATimeIsABadRequestNamingTo() {
        list("to={t}", "yesterday")
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("to");
    }

    @Test
    void aSizeOfZeroIsABadRequestNamingSize() {
        list("size=0")
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("size");
    }

    @Test
    void aSizeAboveTheLargestPageIsABadRequestSayingTheRange() {
        expectOnlyProblem(list("size=501"), "size", "must be from 1 to 500");
    }

    @Test
    void aPageThatIsNotANumberIsABadRequestNamingPage() {
        list("page=second")
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("page");
    }

    @Test
    void aPageTooFarToReachIsABadRequestNamingPage() {
        list("page={p}&size=500", Integer.MAX_VALUE)
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("page");
    }

    @Test
    void eachDecisionCarriesItsRulesetRulesInputsOutcomeCallerAndUtcTime() {
        String channel = aChannelOfItsOwn();
        String decided = decideWithAnOverlap(channel);
        Map<?, ?> active = http.get().uri("/api/v1/rulesets/active").headers(AUDITOR).exchange()
                .returnResult(Map.class).getResponseBody();

        list("channel={c}", channel)
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.decisions[0].id").isEqualTo(decided)
                .jsonPath("$.decisions[0].kind").isEqualTo("rotation.validate")
                .jsonPath("$.decisions[0].channel").isEqualTo(channel)
                .jsonPath("$.decisions[0].ruleset.id").isEqualTo(active.get("id"))
                .jsonPath("$.decisions[0].ruleset.label").isEqualTo(active.get("label"))
                .jsonPath("$.decisions[0].ruleset.hash").isEqualTo(active.get("hash"))
                .jsonPath("$.decisions[0].firedRules").isEqualTo(List.of("temporal-overlap"))
                .jsonPath("$.decisions[0].request.channel").isEqualTo(channel)
                .jsonPath("$.decisions[0].request.spots[1].id").isEqualTo("S2")
                .jsonPath("$.decisions[0].outcome.valid").isEqualTo(false)
                .jsonPath("$.decisions[0].outcome.faults[0].rule").isEqualTo("temporal-overlap")
                .jsonPath("$.decisions[0].caller").isEqualTo("scheduler")
                .jsonPath("$.decisions[0].createdAt").value(String.class, at -> assertThat(at).matches(UTC_MILLIS));
    }

    @Test
    @SuppressWarnings("unchecked")
    void oneDecisionReadsTheSameAsInTheList() {
        String channel = aChannelOfItsOwn();
        String decided = decideWithAnOverlap(channel);
        Map<?, ?> listed = ((List<Map<?, ?>>) list("channel={c}", channel).returnResult(Map.class).getResponseBody()
                .get("decisions")).get(0);

        http.get().uri("/api/v1/decisions/{id}", decided).headers(AUDITOR).exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).isEqualTo(listed);
    }
}
