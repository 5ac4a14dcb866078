package com.trafficrules.rotation;

import com.trafficrules.kernel.Ruleset;
import com.trafficrules.kernel.Scenario;
import com.trafficrules.kernel.ScenarioKind;
import com.trafficrules.policy.ChannelPolicies;
import com.trafficrules.rotation.facts.Fault;
import com.trafficrules.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code rotation.validate} scenarios. {@code expect} holds {@code valid} (optional) and {@code faults}:
 * the exact set of faults, each with {@code rule}, {@code spotId} or {@code breakId},
 * {@code conflictingIds} (absent = none) and optionally {@code severity}. Messages are not compared.
 */
public final class RotationValidateScenarios implements ScenarioKind {

    private final JsonMapper json;

    public RotationValidateScenarios(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String kind() {
        return RotationController.VALIDATE;
    }

    @Override
    public List<String> differences(Ruleset ruleset, Scenario scenario) {
        RotationVerdict verdict;
        try {
            RotationRequest request = json.treeToValue(scenario.request(), RotationRequest.class);
            verdict = RotationValidator.validate(ruleset, RotationLogs.parse(request, ChannelPolicies.of(ruleset)));
        } catch (InvalidRequestException e) {
            return List.of("the request was rejected: " + e.problems());
        }
        List<String> differences = new ArrayList<>();
        JsonNode expect = scenario.expect();
        if (expect.has("valid") && expect.get("valid").asBoolean() != verdict.valid()) {
            differences.add("valid: expected " + expect.get("valid").asBoolean() + ", got " + verdict.valid());
        }
        List<Fault> unmatched = new ArrayList<>(verdict.faults());
        for (JsonNode expected : expect.path("faults")) {
            Fault match = unmatched.stream().filter(fault -> matches(expected, fault)).findFirst().orElse(null);
            if (match == null) {
                differences.add("- missing    " + describe(expected));
            } else {
                unmatched.remove(match);
            }
        }
        unmatched.forEach(fault -> differences.add("+ unexpected " + describe(fault)));
        return differences;
    }

    private static boolean matches(JsonNode expected, Fault fault) {
        return fault.rule().equals(text(expected, "rule"))
                && Objects.equals(fault.spotId(), text(expected, "spotId"))
                && Objects.equals(fault.breakId(), text(expected, "breakId"))
                && new TreeSet<>(fault.conflictingIds()).equals(conflicts(expected))
                && (!expected.hasNonNull("severity") || fault.severity().name().equals(text(expected, "severity")));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asString() : null;
    }

    private static TreeSet<String> conflicts(JsonNode expected) {
        TreeSet<String> ids = new TreeSet<>();
        expected.path("conflictingIds").forEach(id -> ids.add(id.asString()));
        return ids;
    }

    private static String describe(JsonNode expected) {
        return describe(text(expected, "rule"), text(expected, "spotId"), text(expected, "breakId"), conflicts(expected),
                text(expected, "severity"));
    }

    private static String describe(Fault fault) {
        return describe(fault.rule(), fault.spotId(), fault.breakId(), new TreeSet<>(fault.conflictingIds()),
                fault.severity().name()) + "  \"" + fault.message() + "\"";
    }

    private static String describe(String rule, String spotId, String breakId, TreeSet<String> conflicts, String severity) {
        String subject = spotId != null ? "spot " + spotId : "break " + breakId;
        return rule + " on " + subject + (conflicts.isEmpty() ? "" : " against " + String.join(", ", conflicts))
                + (severity == null ? "" : " (" + severity + ")");
    }
}
