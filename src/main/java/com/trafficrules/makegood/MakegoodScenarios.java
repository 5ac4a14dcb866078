package com.trafficrules.makegood;

import com.trafficrules.kernel.Ruleset;
import com.trafficrules.kernel.Scenario;
import com.trafficrules.kernel.ScenarioKind;
import com.trafficrules.makegood.evaluation.Inventory.Placement;
import com.trafficrules.makegood.evaluation.MakegoodEvaluation;
import com.trafficrules.makegood.evaluation.MakegoodEvaluation.Decided;
import com.trafficrules.makegood.evaluation.MakegoodRules;
import com.trafficrules.makegood.evaluation.MakegoodSettings;
import com.trafficrules.makegood.evaluation.MemoryInventory;
import com.trafficrules.makegood.evaluation.RatingInput;
import com.trafficrules.makegood.facts.AvailOption;
import com.trafficrules.makegood.facts.PastDelivery;
import com.trafficrules.web.Times;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code ratings} scenarios. {@code context} holds {@code ingestedAt}, {@code history} (contractId, market,
 * airedStart, contractedGrps, actualGrps: earlier spots the rolling ratio counts) and {@code avails} (id, market,
 * programId, start, durationMs, remainingMs, estimatedGrps, productCodes) to route into; {@code expect.results}
 * lists one entry per payload in order, each compared on the fields it names: {@code status}, {@code reason},
 * {@code deliveryRatio} (to 1e-9), {@code priority}, {@code placements} (the avail ids, in order) and
 * {@code nearest} (availId and failed conditions of the avails an escalation lists).
 */
final class MakegoodScenarios implements ScenarioKind {

    @Override
    public String kind() {
        return MakegoodRules.KIND;
    }

    @Override
    public List<String> differences(Ruleset ruleset, Scenario scenario) {
        JsonNode context = scenario.context();
        if (context == null || !context.hasNonNull("ingestedAt")) {
            return List.of("context.ingestedAt is required: staleness and cure windows are measured from it");
        }
        long now = Times.parseWithOffset(context.get("ingestedAt").asString()).toEpochMilli();
        MakegoodSettings settings = MakegoodSettings.of(ruleset);
        List<RatingInput> inputs = new ArrayList<>();
        JsonNode payloads = scenario.request().path("payloads");
        for (int i = 0; i < payloads.size(); i++) {
            inputs.add(RatingInput.read(i, payloads.get(i), settings.defaultCureMs()));
        }
        List<PastDelivery> history = new ArrayList<>();
        for (JsonNode past : context.path("history")) {
            history.add(new PastDelivery(past.get("contractId").asString(), past.get("market").asString(),
                    Times.parseWithOffset(past.get("airedStart").asString()).toEpochMilli(), past.get("contractedGrps").asDouble(),
                    past.get("actualGrps").asDouble()));
        }
        List<AvailOption> avails = new ArrayList<>();
        for (JsonNode avail : context.path("avails")) {
            List<String> codes = new ArrayList<>();
            avail.path("productCodes").forEach(code -> codes.add(code.asString()));
            avails.add(new AvailOption(avail.get("id").asString(), avail.get("market").asString(),
                    avail.path("programId").asString(null), Times.parseWithOffset(avail.get("start").asString()).toEpochMilli(),
                    avail.get("durationMs").asLong(), avail.get("remainingMs").asLong(), avail.get("estimatedGrps").asDouble(), codes));
        }
        List<Decided> decided = MakegoodEvaluation.evaluate(ruleset, inputs, history, now, new MemoryInventory(avails)).decided();
        return compare(scenario.expect().path("results"), decided);
    }

    private static List<String> compare(JsonNode expected, List<Decided> decided) {
        List<String> differences = new ArrayList<>();
        if (expected.size() != decided.size()) {
            differences.add("results: expected " + expected.size() + ", got " + decided.size());
        }
        for (int i = 0; i < Math.min(expected.size(), decided.size()); i++) {
            JsonNode want = expected.get(i);
            Decided got = decided.get(i);
            String at = "results[" + i + "].";
            field(differences, at + "status", want, "status", got.status());
            field(differences, at + "reason", want, "reason", got.reason());
            if (want.has("priority") && want.get("priority").asInt() != got.priority()) {
                differences.add(at + "priority: expected " + want.get("priority").asInt() + ", got " + got.priority());
            }
            if (want.has("deliveryRatio") && (got.deliveryRatio() == null
                    || Math.abs(want.get("deliveryRatio").asDouble() - got.deliveryRatio()) > 1e-9)) {
                differences.add(at + "deliveryRatio: expected " + want.get("deliveryRatio").asDouble() + ", got " + got.deliveryRatio());
            }
            if (want.has("placements")) {
                List<String> wantIds = new ArrayList<>();
                want.get("placements").forEach(id -> wantIds.add(id.asString()));
                List<String> gotIds = got.placements().stream().map(Placement::availId).toList();
                if (!wantIds.equals(gotIds)) {
                    differences.add(at + "placements: expected " + wantIds + ", got " + gotIds);
                }
            }
            if (want.has("nearest")) {
                List<String> wantNearest = new ArrayList<>();
                want.get("nearest").forEach(n -> {
                    List<String> failed = new ArrayList<>();
                    n.path("failed").forEach(f -> failed.add(f.asString()));
                    wantNearest.add(n.get("availId").asString() + " " + failed);
                });
                List<String> gotNearest = got.nearest().stream().map(n -> n.availId() + " " + List.copyOf(n.failed())).toList();
                if (!wantNearest.equals(gotNearest)) {
                    differences.add(at + "nearest: expected " + wantNearest + ", got " + gotNearest);
                }
            }
        }
        return differences;
    }

    private static void field(List<String> differences, String name, JsonNode want, String key, String got) {
        if (want.has(key)) {
            String expected = want.get(key).isNull() ? null : want.get(key).asString();
            if (expected == null ? got != null : !expected.equals(got)) {
                differences.add(name + ": expected " + expected + ", got " + got);
            }
        }
    }
}
