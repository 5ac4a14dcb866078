package com.trafficrules.reconciliation.store;

import com.trafficrules.audit.DecisionLog;
import com.trafficrules.kernel.ActiveRuleset;
import com.trafficrules.kernel.Ruleset;
import com.trafficrules.reconciliation.run.Reconciler;
import com.trafficrules.reconciliation.run.RunDocument;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reconciles a run in one transaction: its decision, the run and its items commit together. The same body again
 * (the same bytes, whichever replica gets it) returns the earlier run with {@code duplicate: true}.
 */
@Service
public class ReconciliationService {

    /** The answer's count names, by class, in the contract's order, then the quarantined rows. */
    static final Map<String, String> COUNTS = new LinkedHashMap<>();

    static {
        COUNTS.put("CONFIRMED", "confirmed");
        COUNTS.put("TIMECODE_DRIFT", "timecodeDrift");
        COUNTS.put("BILLING_MISMATCH", "billingMismatch");
        COUNTS.put("MAKEGOOD_PENDING", "makegoodPending");
        COUNTS.put("MISSING", "missing");
        COUNTS.put("UNPLANNED", "unplanned");
        COUNTS.put("LENGTH_MISMATCH", "lengthMismatch");
        COUNTS.put("SUBSTITUTED", "substituted");
    }

    private final ActiveRuleset active;
    private final TransactionTemplate transactions;
    private final RunStore runs;
    private final DecisionLog decisions;
    private final JsonMapper json;
    private final Clock clock;

    ReconciliationService(ActiveRuleset active, TransactionTemplate transactions, RunStore runs, DecisionLog decisions,
                          JsonMapper json, Clock clock) {
        this.active = active;
        this.transactions = transactions;
        this.runs = runs;
        this.decisions = decisions;
        this.json = json;
        this.clock = clock;
    }

    /** The run's answer; {@code bodySha256} is the hash of the body exactly as received. */
    public JsonNode reconcile(RunDocument document, String bodySha256) {
        return transactions.execute(status -> {
            runs.lock(bodySha256);
            var earlier = runs.byBody(bodySha256);
            if (earlier.isPresent()) {
                return ((ObjectNode) earlier.get()).put("duplicate", true);
            }
            Ruleset ruleset = active.current();
            Reconciler.Classification classification = Reconciler.classify(ruleset, document.planned(), document.asRun());
            ObjectNode outcome = outcome(classification.items(), document);
            UUID decisionId = decisions.record(Reconciler.KIND, document.channel(), ruleset.ref(), classification.firedRules(),
                    document, outcome);
            // The run's id follows from the body, so the same body names the same run on every replica.
            UUID runId = UUID.nameUUIDFromBytes(("reconciliation:" + bodySha256).getBytes(StandardCharsets.UTF_8));
            ObjectNode response = json.createObjectNode();
            response.put("runId", runId.toString());
            response.put("decisionId", decisionId.toString());
            response.set("ruleset", json.valueToTree(ruleset.ref()));
            response.put("duplicate", false);
            response.put("channel", document.channel());
            response.put("broadcastDate", document.broadcastDate().toString());
            response.put("source", document.source());
            response.setAll(outcome);
            runs.insert(runId, document.channel(), document.broadcastDate(), document.source(), bodySha256, decisionId, response,
                    classification.items(), clock.instant());
            return response;
        });
    }

    /** What a run decided: the count of each class and of the quarantined rows, the items, the quarantined rows. */
    ObjectNode outcome(List<Reconciler.Item> items, RunDocument document) {
        ObjectNode outcome = json.createObjectNode();
        ObjectNode counts = outcome.putObject("counts");
        COUNTS.values().forEach(name -> counts.put(name, 0));
        items.forEach(item -> counts.put(COUNTS.get(item.itemClass()), counts.get(COUNTS.get(item.itemClass())).asInt() + 1));
        counts.put("quarantined", document.quarantined().size());
        outcome.set("items", RunStore.itemsJson(json, items));
        outcome.set("quarantined", json.valueToTree(document.quarantined()));
        return outcome;
    }
}
