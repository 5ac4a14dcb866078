package com.trafficrules.ruleset;

import static com.trafficrules.ruleset.Proposals.drlWithConsequence;
import static com.trafficrules.ruleset.Proposals.proposal;
import static com.trafficrules.support.Users.MANAGER;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.HttpTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Files a proposal carries are untrusted: YAML or DRL built to exhaust the loader or the parser is a failed
 * compile check naming file, line and column (the proposal answers 422, stored as REJECTED), never a 500.
 */
@HttpTest
class UntrustedRulesetFilesHttpTest {

    private static final String CHANNEL_FILE = "config/channels/untrusted.yaml";

    @Autowired
    RestTestClient http;

    /** YAML lines joined into a file; line numbers in assertions count from the first argument. */
    private static String yaml(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    /** The only compile message of the rejected proposal of one file. */
    private Map<?, ?> rejectionOf(String path, String content) {
        Map<?, ?> problem = http.post().uri("/api/v1/rulesets").headers(MANAGER).contentType(MediaType.APPLICATION_JSON)
                .body(proposal("untrusted", path, content)).exchange()
                .expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .returnResult(Map.class).getResponseBody();
        Map<?, ?> compile = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) problem.get("ruleset")).get("checks")).get("compile");
        assertThat(compile.get("ok")).isEqualTo(false);
        List<?> messages = (List<?>) compile.get("messages");
        assertThat(messages).hasSize(1);
        return (Map<?, ?>) messages.get(0);
    }

    private static void assertAt(Map<?, ?> message, String path, int line, int column) {
        assertThat(message.get("path")).isEqualTo(path);
        assertThat(message.get("line")).isEqualTo(line);
        assertThat(message.get("column")).isEqualTo(column);
    }

    @Test
    void anIncludeOfAMappingIsACompileErrorAtTheInclude() {
        Map<?, ?> message = rejectionOf(CHANNEL_FILE, yaml("timezone: UTC", "traffic: !include {max_plays_per_day: 3}"));

        assertAt(message, CHANNEL_FILE, 2, 10);
        assertThat(message.get("message")).asString().contains("!include");
    }

    @Test
    void anIncludeOfASequenceIsACompileErrorAtTheInclude() {
        Map<?, ?> message = rejectionOf(CHANNEL_FILE, yaml("traffic: !include [a.yaml, b.yaml]"));

        assertAt(message, CHANNEL_FILE, 1, 10);
    }

    @Test
    void anAliasBombIsACompileErrorAtItsFirstAliasOfAList() {
        Map<?, ?> message = rejectionOf(CHANNEL_FILE, yaml(
                "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]",
                "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
                "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
                "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
                "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]",
                "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]",
                "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]"));

        assertAt(message, CHANNEL_FILE, 2, 8);
        assertThat(message.get("message")).asString().contains("alias");
    }

    @Test
    void nestingBeyondTheLoadersLimitIsACompileErrorWhereItIsCrossed() {
        Map<?, ?> message = rejectionOf(CHANNEL_FILE, yaml("timezone: UTC", "other: " + "[".repeat(100) + "]".repeat(100)));

        assertAt(message, CHANNEL_FILE, 2, 58); // the 51st bracket: the document's mapping is the first level
        assertThat(message.get("message")).asString().containsIgnoringCase("nesting");
    }

    @Test
    void aControlCharacterIsACompileErrorAtItsLineAndColumn() {
        Map<?, ?> message = rejectionOf(CHANNEL_FILE, yaml("timezone: UTC", "traffic:", "  max_plays_per_day: 3\u0007"));

        assertAt(message, CHANNEL_FILE, 3, 23);
        assertThat(message.get("message")).asString().contains("U+0007");
    }

    @Test
    void tenThousandNestedParenthesesInADrlAreACompileErrorNotAStackOverflow() {
        String path = "rules/rotation/nested.drl";
        Map<?, ?> message = rejectionOf(path, drlWithConsequence("int x = " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + ";"));

        assertThat(message.get("path")).isEqualTo(path);
        assertThat(message.get("line")).isEqualTo(13);
        assertThat(message.get("message")).asString().contains("nest");
    }
}
