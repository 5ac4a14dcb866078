package com.trafficrules.makegood.evaluation;

import com.trafficrules.engine.RulesetFiles;
import com.trafficrules.makegood.facts.RatingPayload;
import com.trafficrules.web.Times;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One payload of a ratings batch as read at the edge. A payload that cannot be read (a required field missing, a
 * time without an offset, a number that is not one) is quarantined here with its code; the rest become a fact.
 * The idempotency key is known whenever spotId, market and airedStart read, quarantined or not.
 *
 * @param payload the fact the rules judge, null when the payload is quarantined at the edge
 */
public record RatingInput(int index, String spotId, String idempotencyKey, RatingPayload payload, String quarantineCode,
                          String quarantineDetail, String clientId, String contractId, String traceId, int requestedPriority) {

    private static final String NOT_AN_INSTANT = "is not an RFC 3339 instant with an offset";
    static final List<String> REQUIRED = List.of("spotId", "market", "marketTier", "airedStart", "airedEnd", "contractedGrps",
            "spotLengthMs");

    public boolean readable() {
        return payload != null;
    }

    /** Reads payload {@code index} of a batch; a payload that is not an object is quarantined as missing every field. */
    public static RatingInput read(int index, JsonNode node, long defaultCureMs) {
        String spotId = text(node, "spotId");
        String market = text(node, "market");
        String key = null;
        Instant airedStart = null;
        try {
            airedStart = instant(node, "airedStart");
        } catch (DateTimeParseException e) {
            // Reported below, in the contract's order of codes.
        }
        if (spotId != null && market != null && airedStart != null) {
            key = idempotencyKey(spotId, market, airedStart);
        }
        String clientId = text(node, "clientId");
        String contractId = text(node, "contractId");
        String traceId = text(node, "traceId");
        for (String field : REQUIRED) {
            if (!node.hasNonNull(field) || node.get(field).isString() && node.get(field).asString().isBlank()) {
                return quarantined(index, spotId, key, "MISSING_FIELD", field + " is required", clientId, contractId, traceId);
            }
        }
        if (airedStart == null) {
            return quarantined(index, spotId, key, "UNPARSEABLE_TIME", "airedStart " + NOT_AN_INSTANT, clientId, contractId, traceId);
        }
        String field = "airedEnd";
        try {
            Instant airedEnd = instant(node, field);
            Instant cureDeadline = instant(node, field = "cureDeadline");
            double contracted = number(node, field = "contractedGrps");
            Double actual = node.hasNonNull(field = "actualGrps") ? nonNegative(node, field) : null;
            Double thresholdPct = node.hasNonNull(field = "thresholdPct") ? fraction(node, field) : null;
            long spotLengthMs = positiveWhole(node, field = "spotLengthMs");
            int priority = node.hasNonNull(field = "makeGoodPriority") ? (int) positiveWhole(node, field) : 1;
            JsonNode productCodes = node.path(field = "productCodes");
            if (!productCodes.isMissingNode() && !productCodes.isNull() && !productCodes.isArray()) {
                throw new NumberFormatException("productCodes is a list of strings");
            }
            List<String> codes = new ArrayList<>();
            for (JsonNode code : productCodes) {
                if (!code.isString()) {
                    throw new NumberFormatException("productCodes are strings");
                }
                codes.add(code.asString().trim());
            }
            long cureMs = cureDeadline != null ? cureDeadline.toEpochMilli() : airedEnd.toEpochMilli() + defaultCureMs;
            RatingPayload fact = new RatingPayload(index, spotId, market, text(node, "marketTier"), contractId,
                    airedStart.toEpochMilli(), airedEnd.toEpochMilli(), contracted, actual, thresholdPct, spotLengthMs, codes, cureMs);
            return new RatingInput(index, spotId, key, fact, null, null, clientId, contractId, traceId, priority);
        } catch (DateTimeParseException e) {
            return quarantined(index, spotId, key, "UNPARSEABLE_TIME",
                    field + " " + NOT_AN_INSTANT, clientId, contractId, traceId);
        } catch (NumberFormatException e) {
            return quarantined(index, spotId, key, "INVALID_NUMBER", field + ": " + e.getMessage(), clientId, contractId, traceId);
        }
    }

    /** Lowercase hex SHA-256 of {@code spotId:market:airedStart}, airedStart in UTC with milliseconds. */
    public static String idempotencyKey(String spotId, String market, Instant airedStart) {
        return RulesetFiles.sha256(spotId + ":" + market + ":" + Times.format(airedStart));
    }

    private static RatingInput quarantined(int index, String spotId, String key, String code, String detail, String clientId,
                                           String contractId, String traceId) {
        return new RatingInput(index, spotId, key, null, code, detail, clientId, contractId, traceId, 1);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asString().trim();
    }

    private static Instant instant(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new DateTimeParseException(field, value.toString(), 0);
        }
        return Times.parseWithOffset(value.asString());
    }

    private static double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (!value.isNumber()) {
            throw new NumberFormatException("a number is expected, found " + value);
        }
        double number = value.asDouble();
        if (!Double.isFinite(number)) {
            throw new NumberFormatException("a finite number is expected");
        }
        return number;
    }

    private static double nonNegative(JsonNode node, String field) {
        double number = number(node, field);
        if (number < 0) {
            throw new NumberFormatException("it is not below 0");
        }
        return number;
    }

    private static double fraction(JsonNode node, String field) {
        double number = number(node, field);
        if (number <= 0 || number > 1) {
            throw new NumberFormatException("a fraction above 0 and at most 1 is expected, e.g. 0.9");
        }
        return number;
    }

    private static long positiveWhole(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() <= 0) {
            throw new NumberFormatException("a whole number above 0 is expected, found " + value);
        }
        return value.asLong();
    }
}
