package com.trafficrules.makegood.ratings;

import com.trafficrules.web.FieldProblem;
import com.trafficrules.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Post-air ratings in, make-goods out. The body is read as a tree rather than records: a bad payload is that
 * payload's QUARANTINED answer, never a 400 for the batch, so each is read on its own (see {@code RatingInput}).
 */
@RestController
class RatingsController {

    private static final int ESCALATIONS_LIMIT = 500;

    private final RatingsService ratings;
    private final RatingStore store;

    RatingsController(RatingsService ratings, RatingStore store) {
        this.ratings = ratings;
        this.store = store;
    }

    record EscalationList(List<JsonNode> escalations) {
    }

    @PostMapping("/api/v1/ratings")
    RatingsService.RatingsResponse ingest(@RequestBody JsonNode body) {
        if (!body.isObject()) {
            throw new InvalidRequestException(List.of(new FieldProblem("", "the body is an object: {\"payloads\": [...]}")));
        }
        JsonNode payloads = body.get("payloads");
        if (payloads != null && !payloads.isNull() && !payloads.isArray()) {
            throw new InvalidRequestException(List.of(new FieldProblem("payloads", "must be a list of rating payloads")));
        }
        List<JsonNode> list = new ArrayList<>();
        if (payloads != null) {
            payloads.forEach(list::add);
        }
        return ratings.ingest(list);
    }

    /** What a person must decide: spots below the compliance floor, and make-goods no inventory was found for. */
    @GetMapping("/api/v1/makegoods/escalations")
    EscalationList escalations() {
        return new EscalationList(store.escalations(ESCALATIONS_LIMIT));
    }
}
