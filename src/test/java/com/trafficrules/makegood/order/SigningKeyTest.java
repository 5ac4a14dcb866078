package com.trafficrules.makegood.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.trafficrules.database.TrafficDatabase;
import com.trafficrules.database.TrafficDbProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The key that signs make-good orders: the configured one, else on the embedded database one generated once
 * for its data directory and kept there for its user alone, else none and no start.
 */
class SigningKeyTest {

    private static final String CONFIGURED = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    private static final TrafficDbProperties EXTERNAL = new TrafficDbProperties(
            new TrafficDbProperties.Db("jdbc:postgresql://db.example:5432/traffic", "traffic_service", "secret", null, null), null);

    @TempDir
    Path dataDir;

    private TrafficDbProperties embedded() {
        return new TrafficDbProperties(null, new TrafficDbProperties.EmbeddedDb(dataDir, "traffic", false, false, true, false));
    }

    @Test
    void theEmbeddedDatabaseGeneratesA32ByteKeyInItsDataDirectory() throws Exception {
        byte[] key = SigningKey.key("", embedded());

        assertThat(key).hasSize(32);
        assertThat(Files.readString(dataDir.resolve(SigningKey.FILE)).strip()).isEqualTo(HexFormat.of().formatHex(key));
    }

    @Test
    void theGeneratedKeyIsTheSameOnTheNextStart() {
        byte[] first = SigningKey.key("", embedded());

        assertThat(SigningKey.key("", embedded())).isEqualTo(first);
    }

    @Test
    void eachDataDirectoryHasAKeyOfItsOwn(@TempDir Path otherDataDir) {
        TrafficDbProperties other = new TrafficDbProperties(null,
                new TrafficDbProperties.EmbeddedDb(otherDataDir, "traffic", false, false, true, false));

        assertThat(SigningKey.key("", other)).isNotEqualTo(SigningKey.key("", embedded()));
    }

    @Test
    void theKeyFileIsReadableByItsOwnerOnly() throws Exception {
        SigningKey.key("", embedded());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(SigningKey.FILE)))).isEqualTo("rw-------");
    }

    @Test
    void aConfiguredKeyWinsOverTheFile() {
        SigningKey.key("", embedded());

        assertThat(SigningKey.key(CONFIGURED, embedded())).isEqualTo(HexFormat.of().parseHex(CONFIGURED));
    }

    @Test
    void aConfiguredKeyLeavesTheDataDirectoryAlone() {
        SigningKey.key(CONFIGURED, embedded());

        assertThat(dataDir.resolve(SigningKey.FILE)).doesNotExist();
    }

    @Test
    void anExternalDatabaseSignsWithTheConfiguredKey() {
        assertThat(SigningKey.key(CONFIGURED, EXTERNAL)).isEqualTo(HexFormat.of().parseHex(CONFIGURED));
    }

    @Test
    void aConfiguredKeyShorterThan32BytesIsRefusedSayingWhatIsAccepted() {
        assertThatThrownBy(() -> SigningKey.key(CONFIGURED.substring(2), embedded()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TRAFFIC_MAKEGOOD_SIGNING_KEY").hasMessageContaining("31 bytes, too short")
                .hasMessageContaining("hex of at least 32 bytes (64 hex digits)").hasMessageContaining("openssl rand -hex 32");
    }

    @Test
    void aConfiguredKeyThatIsNotHexIsRefusedSayingWhatIsAccepted() {
        assertThatThrownBy(() -> SigningKey.key("correct horse battery staple, correct horse battery staple", EXTERNAL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TRAFFIC_MAKEGOOD_SIGNING_KEY").hasMessageContaining("is not hex")
                .hasMessageContaining("hex of at least 32 bytes");
    }

    @Test
    void theRefusalNeverRepeatsTheConfiguredValue() {
        String almostAKey = CONFIGURED.substring(2);

        assertThatThrownBy(() -> SigningKey.key(almostAKey, EXTERNAL)).message().doesNotContain(almostAKey);
    }

    @Test
    void anExternalDatabaseWithoutAKeyDoesNotStart() {
        assertThatThrownBy(() -> SigningKey.key("", EXTERNAL))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("set TRAFFIC_MAKEGOOD_SIGNING_KEY");
    }

    @Test
    void aDamagedKeyFileIsRefusedRatherThanReplaced() throws Exception {
        Files.writeString(dataDir.resolve(SigningKey.FILE), "0011\n");

        assertThatThrownBy(() -> SigningKey.key("", embedded()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(SigningKey.FILE).hasMessageContaining("no usable signing key");
        assertThat(Files.readString(dataDir.resolve(SigningKey.FILE))).isEqualTo("0011\n");
    }

    @Test
    void theBeanSignsWithTheKeyInTrafficMakegoodSigningKey() {
        ObjectNode fields = JsonNodeFactory.instance.objectNode().put("orderId", "MG-1A2B3C4D");
        String expected = new OrderSignature(HexFormat.of().parseHex(CONFIGURED)).sign(fields);

        new ApplicationContextRunner()
                .withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("testEnvironment", Map.of("TRAFFIC_MAKEGOOD_SIGNING_KEY", CONFIGURED))))
                .withBean(TrafficDbProperties.class, () -> EXTERNAL)
                .withBean(TrafficDatabase.class, () -> new TrafficDatabase(EXTERNAL.db().url(), null, null))
                .withUserConfiguration(SigningKey.class)
                .run(context -> assertThat(context.getBean(OrderSignature.class).sign(fields)).isEqualTo(expected));
    }
}
