package com.trafficrules.rotation;

import com.trafficrules.rotation.facts.Fault;
import com.trafficrules.rotation.facts.Severity;
import com.trafficrules.ruleset.DecisionReplay;
import com.trafficrules.ruleset.Ruleset;
import java.time.Instant;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The rotation decisions a new ruleset version can be previewed against: validate and build. */
@Configuration(proxyBeanMethods = false)
public class RotationReplays {

    /** Every rotation replay, for the check worker, which composes the jobs without Spring. */
    public static List<DecisionReplay> all(JsonMapper json) {
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

    @Bean
    DecisionReplay rotationValidateReplay(JsonMapper json) {
        return validate(json);
    }

    @Bean
    DecisionReplay rotationBuildReplay(JsonMapper json) {
        return build(json);
    }

    private static DecisionReplay validate(JsonMapper json) {
        return new DecisionReplay() {
            @Override
            public String kind() {
                return RotationController.VALIDATE;
            }

            @Override
            public List<?> outcomeItems(Ruleset ruleset, String requestJson) {
                RotationRequest request = json.readValue(requestJson, RotationRequest.class);
                RotationVerdict verdict = RotationValidator.validate(ruleset, RotationLogs.parse(request, ruleset.policies()));
                return verdict.faults().stream().map(FaultItem::of).toList();
            }
        };
    }

    private static DecisionReplay build(JsonMapper json) {
        return new DecisionReplay() {
            @Override
            public String kind() {
                return RotationController.BUILD;
            }

            @Override
            public List<?> outcomeItems(Ruleset ruleset, String requestJson) {
                BuildRequest request = json.readValue(requestJson, BuildRequest.class);
                Rotation rotation = RotationBuilder.build(ruleset, RotationLogs.parse(request, ruleset.policies()));
                return java.util.stream.Stream.concat(
                        rotation.placements().stream().map(p -> new PlacementItem(p.spotId(), p.breakId(), p.start())),
                        rotation.quarantined().stream().map(q -> new QuarantineItem(q.spotId(), q.reasons()))).toList();
            }
        };
    }
}
