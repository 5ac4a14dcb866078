package com.trafficrules.makegood;

import com.trafficrules.kernel.DecisionReplay;
import com.trafficrules.kernel.Job;
import com.trafficrules.kernel.RulesetConfig;
import com.trafficrules.kernel.ScenarioKind;
import com.trafficrules.makegood.evaluation.MakegoodRules;
import com.trafficrules.makegood.evaluation.MakegoodSettings;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Ratings make-goods as governance sees it: its scenarios, its replay, the tolerance bands in config/makegood.yaml. */
@Component
public class MakegoodJob implements Job {

    @Override
    public String name() {
        return MakegoodRules.JOB;
    }

    @Override
    public List<RulesetConfig<?>> configs() {
        return List.of(MakegoodSettings.CONFIG);
    }

    @Override
    public List<ScenarioKind> scenarioKinds(JsonMapper json) {
        return List.of(new MakegoodScenarios());
    }

    @Override
    public List<DecisionReplay> replays(JsonMapper json) {
        return List.of(new RatingsReplay(json));
    }
}
