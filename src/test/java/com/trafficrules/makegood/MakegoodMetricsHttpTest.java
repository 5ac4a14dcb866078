package com.trafficrules.makegood;

import static com.trafficrules.makegood.MakegoodApi.payload;
import static com.trafficrules.makegood.MakegoodApi.unique;
import static com.trafficrules.support.Users.AUDITOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.HttpTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.yaml.snakeyaml.Yaml;

/** The make-good metrics an operator scrapes, and the shipped alert rule reading them. */
@HttpTest
class MakegoodMetricsHttpTest {

    private static final Pattern METRIC = Pattern.compile("\\b([a-z_]+_(?:total|seconds\\w*))\\b");

    @Autowired
    RestTestClient http;

    @Test
    void aRoutingFailureIsCountedByStatusAndAsAnInventoryFailure() {
        new MakegoodApi(http).result(payload("s-1", unique("metrics"), 7.5));

        String scrape = scrape();

        assertThat(scrape).containsPattern("make_good_trigger_rate_total\\{[^}]*status=\"ROUTING_FAILED\"[^}]*} [1-9]")
                .containsPattern("(?m)^inventory_resolution_failures_total(\\{[^}]*})? [1-9]")
                .containsPattern("(?m)^ratings_evaluation_duration_seconds_count(\\{[^}]*})? [1-9]");
    }

    @Test
    void theShippedAlertRuleReadsMetricsTheServiceExposes() throws Exception {
        new MakegoodApi(http).result(payload("s-1", unique("metrics"), 7.5));
        Map<?, ?> rules = new Yaml().load(Files.readString(Path.of("ops/prometheus/makegood-alerts.yaml")));
        Map<?, ?> rule = (Map<?, ?>) ((List<?>) ((Map<?, ?>) ((List<?>) rules.get("groups")).get(0)).get("rules")).get(0);
        Matcher metrics = METRIC.matcher((String) rule.get("expr"));

        String scrape = scrape();

        assertThat(rule.get("alert")).isEqualTo("MakegoodRoutingFailuresHigh");
        int found = 0;
        while (metrics.find()) {
            found++;
            assertThat(scrape).containsPattern("(?m)^" + metrics.group(1) + "[ {]");
        }
        assertThat(found).isEqualTo(2);
    }

    private String scrape() {
        return http.get().uri("/actuator/prometheus").headers(AUDITOR).exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody();
    }
}
