package com.trafficrules.makegood.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A make-good order's signature is HMAC-SHA256 over the RFC 8785 form of its signed fields, so a receiving
 * system can recompute it with any JCS implementation and {@code openssl}.
 */
class OrderSignatureTest {

    /** A test key, from {@code openssl rand -hex 32}; it signs nothing but this test's orders. */
    private static final String KEY = "f0f53c9e10f46a604d2d193fecfdeb24dc69ac4d29f00e1fa7b3de483b3a6db8";

    /** {@link #signedFields()} in RFC 8785 form, written by hand: members sorted, no whitespace, 2.0 written as 2. */
    private static final String CANONICAL = "{\"clientId\":null,\"contractId\":\"C-2026-001\",\"cureDeadline\":\"2026-12-04T20:12:30.000Z\","
            + "\"deficitGrps\":2.5,\"emittedAt\":\"2026-11-20T20:12:00.000Z\","
            + "\"idempotencyKey\":\"461dc33283a54bf77de0cfd363f51e3c80df7df1846407ef5ab026c61c8b3c77\",\"market\":\"NYC\","
            + "\"orderId\":\"MG-1A2B3C4D\",\"placements\":["
            + "{\"availId\":\"A-7\",\"durationMs\":30000,\"estimatedGrps\":2,\"programId\":\"PRG-7\",\"start\":\"2026-11-21T19:00:30.000Z\"},"
            + "{\"availId\":\"A-9\",\"durationMs\":30000,\"estimatedGrps\":0.75,\"programId\":null,\"start\":\"2026-11-22T20:15:00.000Z\"}],"
            + "\"priority\":1,\"sourceSpotId\":\"S-1\",\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\"}";

    /** {@code printf '%s' "$CANONICAL" | openssl dgst -sha256 -mac HMAC -macopt hexkey:$KEY}, run once. */
    private static final String OPENSSL_SIGNATURE = "9901d462809c86060aaaff52ddc38e7db6d7e0f5b68d965245f728c50618fb1a";

    private final OrderSignature signature = new OrderSignature(HexFormat.of().parseHex(KEY));

    /** The signed fields of an order as the job would build them: in the contract's order, absent values as null. */
    private static ObjectNode signedFields() {
        ObjectNode order = JsonNodeFactory.instance.objectNode();
        order.put("orderId", "MG-1A2B3C4D");
        order.put("sourceSpotId", "S-1");
        order.putNull("clientId");
        order.put("market", "NYC");
        order.put("contractId", "C-2026-001");
        order.put("deficitGrps", 2.5);
        ArrayNode placements = order.putArray("placements");
        ObjectNode first = placements.addObject();
        first.put("availId", "A-7");
        first.put("start", "2026-11-21T19:00:30.000Z");
        first.put("durationMs", 30000);
        first.put("programId", "PRG-7");
        first.put("estimatedGrps", 2.0);
        ObjectNode second = placements.addObject();
        second.put("availId", "A-9");
        second.put("start", "2026-11-22T20:15:00.000Z");
        second.put("durationMs", 30000);
        second.putNull("programId");
        second.put("estimatedGrps", 0.75);
        order.put("priority", 1);
        order.put("cureDeadline", "2026-12-04T20:12:30.000Z");
        order.put("idempotencyKey", "461dc33283a54bf77de0cfd363f51e3c80df7df1846407ef5ab026c61c8b3c77");
        order.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
        order.put("emittedAt", "2026-11-20T20:12:00.000Z");
        return order;
    }

    @Test
    void theSignedFieldsAreCanonicalizedAsRfc8785() {
        assertThat(new String(OrderSignature.canonical(signedFields()), StandardCharsets.UTF_8)).isEqualTo(CANONICAL);
    }

    @Test
    void theSignatureIsLowercaseHexHmacSha256OfTheCanonicalForm() {
        assertThat(signature.sign(signedFields())).isEqualTo(OPENSSL_SIGNATURE);
    }

    @Test
    void numbersAreWrittenAsEcmaScriptWritesThem() {
        ObjectNode numbers = JsonNodeFactory.instance.objectNode();
        numbers.put("fraction", 1.50);
        numbers.put("whole", 2.0);
        numbers.put("huge", 1e21);
        numbers.put("small", 0.000001);
        numbers.put("tiny", 0.0000001);

        assertThat(new String(OrderSignature.canonical(numbers), StandardCharsets.UTF_8))
                .isEqualTo("{\"fraction\":1.5,\"huge\":1e+21,\"small\":0.000001,\"tiny\":1e-7,\"whole\":2}");
    }

    @Test
    void membersAreSortedByUtf16CodeUnits() {
        ObjectNode names = JsonNodeFactory.instance.objectNode();
        // U+FB33 sorts after U+1F600 here, whose UTF-16 form starts with the surrogate 0xD83D; by code point it would not.
        names.put("\uFB33", 1);
        names.put("\uD83D\uDE00", 2);
        names.put("b", 3);
        names.put("B", 4);

        assertThat(new String(OrderSignature.canonical(names), StandardCharsets.UTF_8))
                .isEqualTo("{\"B\":4,\"b\":3,\"\uD83D\uDE00\":2,\"\uFB33\":1}");
    }

    @Test
    void signatureIgnoresMemberOrder() {
        JsonNode reordered = withMembersReversed(signedFields());
        assertThat(reordered.propertyNames()).first().isEqualTo("emittedAt");

        assertThat(signature.sign(reordered)).isEqualTo(OPENSSL_SIGNATURE);
    }

    @Test
    void signatureIgnoresHowTheSameNumberIsHeld() {
        ObjectNode order = signedFields();
        order.put("deficitGrps", new BigDecimal("2.50"));
        ((ObjectNode) order.get("placements").get(0)).put("estimatedGrps", 2);

        assertThat(signature.sign(order)).isEqualTo(OPENSSL_SIGNATURE);
    }

    /** Every signed field, placements' too, as a JSON pointer. */
    static Stream<String> everySignedField() {
        List<String> pointers = new ArrayList<>();
        ObjectNode order = signedFields();
        for (Map.Entry<String, JsonNode> field : order.properties()) {
            if (field.getValue().isArray()) {
                for (int index = 0; index < field.getValue().size(); index++) {
                    for (String name : field.getValue().get(index).propertyNames()) {
                        pointers.add("/" + field.getKey() + "/" + index + "/" + name);
                    }
                }
            } else {
                pointers.add("/" + field.getKey());
            }
        }
        return pointers.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everySignedField")
    void changingAnySignedFieldChangesTheSignature(String pointer) {
        assertThat(signature.sign(changed(signedFields(), pointer))).isNotEqualTo(OPENSSL_SIGNATURE);
    }

    @Test
    void droppingAPlacementChangesTheSignature() {
        ObjectNode order = signedFields();
        ((ArrayNode) order.get("placements")).remove(1);

        assertThat(signature.sign(order)).isNotEqualTo(OPENSSL_SIGNATURE);
    }

    @Test
    void verifiesAcceptsTheOrdersOwnSignature() {
        assertThat(signature.verifies(signedFields(), OPENSSL_SIGNATURE)).isTrue();
    }

    @Test
    void verifiesRefusesATamperedOrder() {
        ObjectNode tampered = signedFields();
        tampered.put("deficitGrps", 25.0);

        assertThat(signature.verifies(tampered, OPENSSL_SIGNATURE)).isFalse();
    }

    @Test
    void verifiesRefusesASignatureMadeWithAnotherKey() {
        byte[] otherKey = HexFormat.of().parseHex(KEY);
        otherKey[0] ^= 1;

        assertThat(signature.verifies(signedFields(), new OrderSignature(otherKey).sign(signedFields()))).isFalse();
    }

    @Test
    void verifiesRefusesAnOrderWithoutSignature() {
        assertThat(signature.verifies(signedFields(), null)).isFalse();
    }

    @Test
    void verifiesRefusesASignatureNotInLowercase() {
        assertThat(signature.verifies(signedFields(), OPENSSL_SIGNATURE.toUpperCase())).isFalse();
    }

    @Test
    void aKeyShorterThan32BytesIsRefused() {
        assertThatThrownBy(() -> new OrderSignature(new byte[31])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes");
    }

    /** A copy of {@code order} with the value at {@code pointer} replaced by a different one of the same kind. */
    private static ObjectNode changed(ObjectNode order, String pointer) {
        int lastSlash = pointer.lastIndexOf('/');
        ObjectNode parent = (ObjectNode) order.at(pointer.substring(0, lastSlash));
        String name = pointer.substring(lastSlash + 1);
        JsonNode value = parent.get(name);
        if (value.isNull()) {
            parent.put(name, "set");
        } else if (value.isInt()) {
            parent.put(name, value.intValue() + 1);
        } else if (value.isNumber()) {
            parent.put(name, value.doubleValue() + 0.25);
        } else {
            parent.put(name, value.stringValue() + "0");
        }
        return order;
    }

    /** The same JSON with every object's members in reverse order. */
    private static JsonNode withMembersReversed(JsonNode node) {
        if (node.isObject()) {
            ObjectNode reversed = JsonNodeFactory.instance.objectNode();
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
            for (int index = members.size() - 1; index >= 0; index--) {
                reversed.set(members.get(index).getKey(), withMembersReversed(members.get(index).getValue()));
            }
            return reversed;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(withMembersReversed(element)));
            return copy;
        }
        return node;
    }
}
