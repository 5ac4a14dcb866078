package com.trafficrules.ruleset;

import com.trafficrules.kernel.ActiveRuleset;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Health includes the version that serves: no active ruleset means nothing can be decided. */
@Component("ruleset")
class RulesetHealth implements HealthIndicator {

    private final ActiveRuleset active;

    RulesetHealth(ActiveRuleset active) {
        this.active = active;
    }

    @Override
    public Health health() {
        return active.peek()
                .map(ruleset -> Health.up()
                        .withDetail("id", ruleset.ref().id())
                        .withDetail("label", ruleset.ref().label())
                        .withDetail("hash", ruleset.ref().hash())
                        .build())
                .orElseGet(() -> Health.down().withDetail("reason", "no ruleset version is active").build());
    }
}
