package com.trafficrules.makegood.order;

import com.trafficrules.database.PrivateFiles;
import com.trafficrules.database.TrafficDatabase;
import com.trafficrules.database.TrafficDbProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * Where the key that signs make-good orders comes from: {@code TRAFFIC_MAKEGOOD_SIGNING_KEY} when it is set;
 * else, on the embedded database, a key generated at random the first time its data directory is used and kept
 * there, in a file only its user may read, so a restart signs as before; else nowhere, and the service does
 * not start. Receiving systems verify with the same key, and a key that lived in memory only would leave every
 * order signed before a restart unverifiable.
 */
@Configuration(proxyBeanMethods = false)
final class SigningKey {

    static final String SETTING = "TRAFFIC_MAKEGOOD_SIGNING_KEY";
    static final String FILE = "makegood-signing.key";
    private static final int GENERATED_BYTES = 32;
    private static final String ACCEPTED = "hex of at least " + OrderSignature.MIN_KEY_BYTES + " bytes ("
            + 2 * OrderSignature.MIN_KEY_BYTES + " hex digits), e.g. the output of `openssl rand -hex " + GENERATED_BYTES + "`";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);

    /**
     * @param startedDatabase unused but needed: the embedded server initialises its data directory when it starts,
     *                        and initdb refuses a directory that already holds a file, such as the key
     */
    @Bean
    OrderSignature orderSignature(@Value("${traffic.makegood.signing-key:}") String configured, TrafficDbProperties db,
                                  TrafficDatabase startedDatabase) {
        return new OrderSignature(key(configured, db));
    }

    /** The key from the first source that has one, in the order the class comment gives. */
    static byte[] key(String configured, TrafficDbProperties db) {
        if (StringUtils.hasText(configured)) {
            return configuredKey(configured);
        }
        if (!db.embedded()) {
            throw new IllegalStateException("Make-good orders cannot be signed: set " + SETTING + " (traffic.makegood.signing-key) to "
                    + ACCEPTED + ". With an external database (TRAFFIC_DB_URL) no key is generated, since every replica must sign "
                    + "with the same key as the receiving systems");
        }
        Path dataDir = db.embeddedDb().dataDir();
        try {
            return keptIn(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the make-good signing key in " + dataDir, e);
        }
    }

    private static byte[] configuredKey(String configured) {
        byte[] key = parsed(configured.strip());
        if (key == null) {
            throw new IllegalStateException(SETTING + " (traffic.makegood.signing-key) is not hex; it must be " + ACCEPTED);
        }
        if (key.length < OrderSignature.MIN_KEY_BYTES) {
            throw new IllegalStateException(SETTING + " (traffic.makegood.signing-key) is " + key.length + " bytes, too short; it must be "
                    + ACCEPTED);
        }
        return key;
    }

    /** The key kept in {@code dataDir}, generated and written there first if it has none. */
    private static synchronized byte[] keptIn(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            byte[] generated = new byte[GENERATED_BYTES];
            RANDOM.nextBytes(generated);
            PrivateFiles.write(file, HexFormat.of().formatHex(generated) + "\n", StandardCharsets.US_ASCII);
            log.info("Generated the key that signs make-good orders, kept in {}", file.toAbsolutePath());
        }
        byte[] kept = parsed(Files.readString(file, StandardCharsets.US_ASCII).strip());
        if (kept == null || kept.length < OrderSignature.MIN_KEY_BYTES) {
            throw new IllegalStateException(file.toAbsolutePath() + " holds no usable signing key (" + ACCEPTED + "). Deleting it "
                    + "makes a new one on the next start, and orders signed before no longer verify");
        }
        return kept;
    }

    /** The bytes {@code hex} spells, or null when it is not hex. */
    private static byte[] parsed(String hex) {
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
