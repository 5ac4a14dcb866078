package com.trafficrules.policy;

import com.trafficrules.kernel.ActiveRuleset;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PolicyController {

    private final ActiveRuleset active;

    PolicyController(ActiveRuleset active) {
        this.active = active;
    }

    /** The channel's effective policy in the active ruleset version (defaults when it has no file). */
    @GetMapping("/api/v1/channels/{slug}/policy")
    ChannelPolicy policy(@PathVariable ChannelSlug slug) {
        return ChannelPolicies.of(active.current()).forChannel(slug.value());
    }
}
