package com.trafficrules.makegood.order;

import com.trafficrules.engine.RulesetFiles;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A make-good order as it is signed: exactly the fields the contract signs, in this order. Status and events
 * change over the order's life and are kept beside it, unsigned.
 */
public record MakegoodOrder(String orderId, String sourceSpotId, String clientId, String market, String contractId,
                            double deficitGrps, List<Placement> placements, int priority, Instant cureDeadline,
                            String idempotencyKey, String traceId, Instant emittedAt) {

    public record Placement(String availId, Instant start, long durationMs, String programId, double estimatedGrps) {
    }

    public MakegoodOrder {
        placements = List.copyOf(placements);
    }

    /** The order's id: "MG-" and 8 upper-case hex digits drawn from its idempotency key, the {@code n}th draw. */
    public static String orderId(String idempotencyKey, int n) {
        return "MG-" + RulesetFiles.sha256(idempotencyKey + ":" + n).substring(0, 8).toUpperCase(Locale.ROOT);
    }

    /** The signed document: every field, absent ones as null, nothing else. */
    public ObjectNode signedFields(JsonMapper json) {
        return json.valueToTree(this);
    }

    /** The order as sent and stored: its signed fields and the signature over them. */
    public ObjectNode signed(JsonMapper json, OrderSignature signature) {
        ObjectNode fields = signedFields(json);
        String signed = signature.sign(fields);
        return fields.put("signature", signed);
    }
}
