package com.trafficrules.makegood.evaluation;

import com.trafficrules.makegood.facts.PastDelivery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A ratings batch as its decision stores it: the payloads as sent, when they were ingested and the deliveries
 * their rolling ratios counted, so a replay judges exactly what was judged. {@code duplicates} are the indexes
 * answered from an earlier decision, not judged in this one.
 */
public record RatingsBatch(Instant ingestedAt, List<JsonNode> payloads, List<PastDelivery> history, List<Integer> duplicates) {

    public RatingsBatch {
        payloads = payloads == null ? List.of() : List.copyOf(payloads);
        history = history == null ? List.of() : List.copyOf(history);
        duplicates = duplicates == null ? List.of() : List.copyOf(duplicates);
    }

    /** The payloads this decision judged, read. */
    public List<RatingInput> judgedInputs(MakegoodSettings settings) {
        List<RatingInput> inputs = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            if (!duplicates.contains(i)) {
                inputs.add(RatingInput.read(i, payloads.get(i), settings.defaultCureMs()));
            }
        }
        return inputs;
    }
}
