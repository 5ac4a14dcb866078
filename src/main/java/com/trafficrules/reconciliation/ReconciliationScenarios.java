package com.trafficrules.reconciliation;

import com.trafficrules.kernel.Ruleset;
import com.trafficrules.kernel.Scenario;
import com.trafficrules.kernel.ScenarioKind;
import com.trafficrules.policy.ChannelPolicies;
import com.trafficrules.reconciliation.asrun.Quarantined;
import com.trafficrules.reconciliation.run.Reconciler;
import com.trafficrules.reconciliation.run.RunDocument;
import com.trafficrules.reconciliation.run.RunRequests;
import com.trafficrules.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code reconciliation} scenarios. {@code request} is a run as {@code POST /api/v1/reconciliations} takes it;
 * {@code expect.items} lists the items in order, each compared on the fields it names ({@code availId},
 * {@code eventId}, {@code class}, {@code driftMs}); {@code expect.quarantined} the quarantined rows
 * ({@code source}, {@code index}, {@code code}), when given.
 */
final class ReconciliationScenarios implements ScenarioKind {

    @Override
    public String kind() {
        return Reconciler.KIND;
    }

    @Override
    public List<String> differences(Ruleset ruleset, Scenario scenario) {
        RunDocument run;
        try {
            run = RunRequests.read(scenario.request(),
                    channel -> ChannelPolicies.of(ruleset).forChannel(channel).zone());
        } catch (InvalidRequestException e) {
            return List.of("the request was rejected: " + e.problems());
        }
        List<Reconciler.Item> items = Reconciler.classify(ruleset, run.planned(), run.asRun()).items();
        List<String> differences = new ArrayList<>();
        JsonNode expected = scenario.expect().path("items");
        if (expected.size() != items.size()) {
            differences.add("items: expected " + expected.size() + ", got " + items.size() + " " + items);
        }
        for (int i = 0; i < Math.min(expected.size(), items.size()); i++) {
            JsonNode want = expected.get(i);
            Reconciler.Item got = items.get(i);
            compare(differences, i, want, "availId", got.availId());
            compare(differences, i, want, "eventId", got.eventId());
            compare(differences, i, want, "class", got.itemClass());
            compare(differences, i, want, "driftMs", got.driftMs() == null ? null : String.valueOf(got.driftMs()));
        }
        if (scenario.expect().has("quarantined")) {
            List<String> want = new ArrayList<>();
            scenario.expect().get("quarantined").forEach(q -> want.add(q.path("source").asString() + "[" + q.path("index").asInt()
                    + "] " + q.path("code").asString()));
            List<String> got = run.quarantined().stream().map(ReconciliationScenarios::describe).toList();
            if (!want.equals(got)) {
                differences.add("quarantined: expected " + want + ", got " + got);
            }
        }
        return differences;
    }

    private static String describe(Quarantined problem) {
        return problem.source() + "[" + problem.index() + "] " + problem.code();
    }

    private static void compare(List<String> differences, int i, JsonNode want, String field, String got) {
        if (want.has(field)) {
            String expected = want.get(field).isNull() ? null : want.get(field).asString();
            if (expected == null ? got != null : !expected.equals(got)) {
                differences.add("items[" + i + "]." + field + ": expected " + expected + ", got " + got);
            }
        }
    }
}
