package com.trafficrules.fill;

import com.trafficrules.kernel.DecisionReplay;
import com.trafficrules.kernel.Job;
import com.trafficrules.kernel.RulesetConfig;
import com.trafficrules.kernel.ScenarioKind;
import com.trafficrules.policy.ChannelPolicies;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Feed-time fill as governance sees it: its scenarios, its replay, the channel policies it follows. */
@Component
public class FillJob implements Job {

    @Override
    public String name() {
        return BlockFiller.JOB;
    }

    @Override
    public List<RulesetConfig<?>> configs() {
        return List.of(ChannelPolicies.CONFIG);
    }

    @Override
    public List<ScenarioKind> scenarioKinds(JsonMapper json) {
        return List.of(new FillScenarios(json));
    }

    @Override
    public List<DecisionReplay> replays(JsonMapper json) {
        return List.of(new FillReplay(json));
    }
}
