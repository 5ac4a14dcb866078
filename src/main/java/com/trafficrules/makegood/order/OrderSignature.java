package com.trafficrules.makegood.order;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.erdtman.jcs.JsonCanonicalizer;
import tools.jackson.databind.JsonNode;

/**
 * A make-good order's {@code signature} (API.md): lowercase hex HMAC-SHA256 of the RFC 8785 (JCS) canonical
 * form of its signed fields. The caller hands in exactly those fields; which they are is the order's business,
 * so that a field added to the order later stays unsigned unless the contract says otherwise.
 */
public final class OrderSignature {

    /** HMAC-SHA256's block is 64 bytes and its output 32; a shorter key is weaker than the signature it makes. */
    public static final int MIN_KEY_BYTES = 32;
    private static final String HMAC_SHA256 = "HmacSHA256";

    private final SecretKeySpec key;

    public OrderSignature(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("A make-good signing key needs at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key, HMAC_SHA256);
    }

    public String sign(JsonNode signedFields) {
        return HexFormat.of().formatHex(mac().doFinal(canonical(signedFields)));
    }

    /** Whether {@code signature} is the one {@link #sign} gives these fields, compared in constant time. */
    public boolean verifies(JsonNode signedFields, String signature) {
        if (signature == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(signedFields).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    /** The signed bytes: the fields as RFC 8785 JSON in UTF-8. */
    static byte[] canonical(JsonNode signedFields) {
        try {
            // Jackson writes valid JSON in its own member order and number style; JCS re-reads it and fixes both.
            return new JsonCanonicalizer(signedFields.toString()).getEncodedUTF8();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot canonicalize the signed fields of a make-good order", e);
        }
    }

    private Mac mac() {
        try {
            // A Mac is not thread-safe and cheap to make; one per signature keeps the bean shareable.
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "OrderSignature[HMAC-SHA256, key ***]";
    }
}
