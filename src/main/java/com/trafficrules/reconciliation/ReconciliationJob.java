package com.trafficrules.reconciliation;

import com.trafficrules.kernel.DecisionReplay;
import com.trafficrules.kernel.Job;
import com.trafficrules.kernel.RulesetConfig;
import com.trafficrules.kernel.ScenarioKind;
import com.trafficrules.policy.ChannelPolicies;
import com.trafficrules.reconciliation.run.Reconciler;
import com.trafficrules.reconciliation.run.ReconciliationSettings;
import com.trafficrules.reconciliation.run.RunDocument;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Avails reconciliation as governance sees it: its scenarios, its replay, the tolerances and billing dictionary in
 * config/, and the channel policies (whose timezone as-run times without an offset are local to).
 */
@Component
public class ReconciliationJob implements Job {

    /** A class as the impact preview compares it. */
    record ItemOutcome(String availId, String spotId, String eventId, String itemClass, Long driftMs) {
    }

    @Override
    public String name() {
        return Reconciler.JOB;
    }

    @Override
    public List<RulesetConfig<?>> configs() {
        return List.of(ReconciliationSettings.CONFIG, ChannelPolicies.CONFIG);
    }

    @Override
    public List<ScenarioKind> scenarioKinds(JsonMapper json) {
        return List.of(new ReconciliationScenarios());
    }

    /** A stored run classified again from the rows it stored: both versions see the same rows. */
    @Override
    public List<DecisionReplay> replays(JsonMapper json) {
        return List.of(DecisionReplay.of(Reconciler.KIND, (ruleset, decision) -> {
            RunDocument run = json.readValue(decision.request(), RunDocument.class);
            return Reconciler.classify(ruleset, run.planned(), run.asRun()).items().stream()
                    .map(item -> new ItemOutcome(item.availId(), item.spotId(), item.eventId(), item.itemClass(), item.driftMs()))
                    .toList();
        }));
    }
}
