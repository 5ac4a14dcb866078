package com.trafficrules.rotation;

import com.trafficrules.audit.DecisionLog;
import com.trafficrules.kernel.ActiveRuleset;
import com.trafficrules.kernel.Ruleset;
import com.trafficrules.kernel.RulesetRef;
import com.trafficrules.policy.ChannelPolicies;
import com.trafficrules.rotation.facts.Fault;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/rotation")
class RotationController {

    static final String VALIDATE = "rotation.validate";
    static final String BUILD = "rotation.build";

    private final ActiveRuleset active;
    private final DecisionLog decisions;

    RotationController(ActiveRuleset active, DecisionLog decisions) {
        this.active = active;
        this.decisions = decisions;
    }

    record ValidationOutcome(boolean valid, List<Fault> faults) {
    }

    record ValidationResponse(UUID decisionId, RulesetRef ruleset, boolean valid, List<Fault> faults) {
    }

    record BuildOutcome(List<Rotation.Placement> placements, List<Rotation.Quarantined> quarantined) {
    }

    record BuildResponse(UUID decisionId, RulesetRef ruleset, List<Rotation.Placement> placements,
                         List<Rotation.Quarantined> quarantined) {
    }

    @PostMapping("/build")
    BuildResponse build(@RequestBody BuildRequest request) {
        Ruleset ruleset = active.current();
        Rotation rotation = RotationBuilder.build(ruleset, RotationLogs.parse(request, ChannelPolicies.of(ruleset)));
        UUID decisionId = decisions.record(BUILD, request.channel(), ruleset.ref(), rotation.firedRules(), request,
                new BuildOutcome(rotation.placements(), rotation.quarantined()));
        return new BuildResponse(decisionId, ruleset.ref(), rotation.placements(), rotation.quarantined());
    }

    @PostMapping("/validate")
    ValidationResponse validate(@RequestBody RotationRequest request) {
        Ruleset ruleset = active.current();
        RotationLog log = RotationLogs.parse(request, ChannelPolicies.of(ruleset));
        RotationVerdict verdict = RotationValidator.validate(ruleset, log);
        UUID decisionId = decisions.record(VALIDATE, request.channel(), ruleset.ref(), verdict.firedRules(), request,
                new ValidationOutcome(verdict.valid(), verdict.faults()));
        return new ValidationResponse(decisionId, ruleset.ref(), verdict.valid(), verdict.faults());
    }
}
