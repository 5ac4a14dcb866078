package com.trafficrules.rotation;

import com.trafficrules.kernel.DecisionReplay;
import com.trafficrules.kernel.Job;
import com.trafficrules.kernel.RulesetConfig;
import com.trafficrules.kernel.ScenarioKind;
import com.trafficrules.policy.ChannelPolicies;
import com.trafficrules.rotation.facts.Fault;
import com.trafficrules.rotation.facts.Severity;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Rotation as governance sees it: validate and build, their scenarios, the channel policies they follow. */
@Component
public class RotationJob implements Job {

    @Override
    public String name() {
        return RotationValidator.JOB;
    }

    @Override
    public List<RulesetConfig<?>> configs() {
        return List.of(ChannelPolicies.CONFIG);
    }

    @Override
    public List<ScenarioKind> scenarioKinds(JsonMapper json) {
        return List.of(new RotationValidateScenarios(json));
    }

    /** The rotation decisions a new ruleset version can be previewed against: validate and build. */
    @Override
    public List<DecisionReplay> replays(JsonMapper json) {
        return List.of(validate(json), build(json));
    }

    /** A fault as the impact preview compares it: everything but the message. */
    record FaultItem(String rule, Severity severity, String spotId, String breakId, List<String> conflictingIds) {

        static FaultItem of(Fault fault) {
            return new FaultItem(fault.rule(), fault.severity(), fault.spotId(), fault.breakId(),
                    fault.conflictingIds().stream().sorted().toList());
        }
    }

    record PlacementItem(String placed, String breakId, Instant start) {
    }

    record QuarantineItem(String quarantined, List<Rotation.Reason> reasons) {
    }

    private static DecisionReplay validate(JsonMapper json) {
        return DecisionReplay.of(RotationController.VALIDATE, (ruleset, decision) -> {
            RotationRequest request = json.readValue(decision.request(), RotationRequest.class);
            RotationVerdict verdict = RotationValidator.validate(ruleset, RotationLogs.parse(request, ChannelPolicies.of(ruleset)));
            return verdict.faults().stream().map(FaultItem::of).toList();
        });
    }

    private static DecisionReplay build(JsonMapper json) {
        return DecisionReplay.of(RotationController.BUILD, (ruleset, decision) -> {
            BuildRequest request = json.readValue(decision.request(), BuildRequest.class);
            Rotation rotation = RotationBuilder.build(ruleset, RotationLogs.parse(request, ChannelPolicies.of(ruleset)));
            return Stream.concat(
                    rotation.placements().stream().map(p -> new PlacementItem(p.spotId(), p.breakId(), p.start())),
                    rotation.quarantined().stream().map(q -> new QuarantineItem(q.spotId(), q.reasons()))).toList();
        });
    }
}
