package com.trafficrules.makegood;

import com.trafficrules.kernel.DecisionReplay;
import com.trafficrules.kernel.Ruleset;
import com.trafficrules.kernel.StoredDecision;
import com.trafficrules.makegood.evaluation.MakegoodEvaluation;
import com.trafficrules.makegood.evaluation.MakegoodRules;
import com.trafficrules.makegood.evaluation.MakegoodSettings;
import com.trafficrules.makegood.evaluation.RatingsBatch;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stored ratings batch judged again under another version, with the ingestion time and deliveries it was judged
 * with: classification only, so a preview reserves nothing and a make-good shows as TRIGGERED.
 */
final class RatingsReplay implements DecisionReplay {

    /** A payload's classification as the preview compares it; the ratio to 9 places, so float noise is no change. */
    record JudgedItem(int index, String status, String ratio, String reason) {
    }

    private final JsonMapper json;

    RatingsReplay(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String kind() {
        return MakegoodRules.KIND;
    }

    @Override
    public List<?> outcomeItems(Ruleset ruleset, StoredDecision decision, JsonNode context) {
        RatingsBatch batch = json.readValue(decision.request(), RatingsBatch.class);
        return MakegoodEvaluation.evaluate(ruleset, batch.judgedInputs(MakegoodSettings.of(ruleset)), batch.history(),
                        batch.ingestedAt().toEpochMilli(), null)
                .decided().stream()
                .map(d -> new JudgedItem(d.input().index(), d.status(),
                        d.deliveryRatio() == null ? null : String.format(Locale.ROOT, "%.9f", d.deliveryRatio()),
                        d.reason()))
                .toList();
    }
}
