package com.trafficrules.ruleset;

import static com.trafficrules.support.Users.AUDITOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.HttpTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Ruleset history and channel policy as every reader sees them; the bootstrap version is the one on disk. */
@HttpTest
class RulesetHttpTest {

    private static final String HEX_64 = "[0-9a-f]{64}";
    private static final String DRL = "rules/rotation/temporal-overlap.drl";
    private static final String DEFAULTS = "config/channels/_defaults.yaml";

    @Autowired
    RestTestClient http;

    private RestTestClient.ResponseSpec get(String path, Object... values) {
        return http.get().uri(path, values).headers(AUDITOR).exchange();
    }

    private Map<?, ?> active() {
        return get("/api/v1/rulesets/active").expectStatus().isOk().returnResult(Map.class).getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> fileOf(Map<?, ?> version, String path) {
        return ((List<Map<String, Object>>) version.get("files")).stream()
                .filter(file -> path.equals(file.get("path"))).findFirst()
                .orElseThrow(() -> new AssertionError("no file " + path + " in ruleset " + version.get("id")));
    }

    private static String sha256(String content) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void listsVersionsWrappedWithTheBootstrapVersionActive() {
        get("/api/v1/rulesets")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.rulesets[?(@.status == 'ACTIVE')].id").value(List.class, ids -> assertThat(ids).hasSize(1))
                .jsonPath("$.rulesets[?(@.status == 'ACTIVE')].createdBy").isEqualTo(List.of("system:bootstrap"))
                .jsonPath("$.rulesets[?(@.status == 'ACTIVE')].activatedBy").isEqualTo(List.of("system:bootstrap"));
    }

    @Test
    void theActiveVersionIsTheBootstrapVersion() {
        get("/api/v1/rulesets/active")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("ACTIVE")
                .jsonPath("$.createdBy").isEqualTo("system:bootstrap")
                .jsonPath("$.hash").value(String.class, hash -> assertThat(hash).matches(HEX_64))
                .jsonPath("$.label").value(String.class, label -> assertThat(label).startsWith("disk-"))
                .jsonPath("$.id").isNumber()
                .jsonPath("$.createdAt").isNotEmpty()
                .jsonPath("$.activatedAt").isNotEmpty();
    }

    @Test
    void theActiveVersionIsInTheList() {
        Map<?, ?> active = active();

        get("/api/v1/rulesets")
                .expectBody()
                .jsonPath("$.rulesets[?(@.id == " + active.get("id") + ")].hash").isEqualTo(List.of(active.get("hash")));
    }

    @Test
    void oneVersionCarriesItsFilesWithPathShaAndContent() throws Exception {
        Map<?, ?> version = get("/api/v1/rulesets/{id}", active().get("id"))
                .expectStatus().isOk()
                .returnResult(Map.class).getResponseBody();

        assertThat(version.get("status")).isEqualTo("ACTIVE");
        for (String path : List.of(DRL, DEFAULTS)) {
            Map<String, Object> file = fileOf(version, path);
            String content = (String) file.get("content");
            assertThat(file.get("sha256")).asString().matches(HEX_64).isEqualTo(sha256(content));
        }
    }

    @Test
    void theBootstrapVersionHoldsTheFilesFoundOnDisk() throws IOException {
        Map<?, ?> version = get("/api/v1/rulesets/{id}", active().get("id")).returnResult(Map.class).getResponseBody();

        assertThat(fileOf(version, DRL).get("content")).isEqualTo(Files.readString(Path.of(DRL)));
        assertThat(fileOf(version, DEFAULTS).get("content")).isEqualTo(Files.readString(Path.of(DEFAULTS)));
    }

    @Test
    void anUnknownVersionIsNotFound() {
        get("/api/v1/rulesets/{id}", 987_654_321L)
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(404);
    }

    @Test
    void aVersionIdThatIsNotANumberIsABadRequest() {
        get("/api/v1/rulesets/{id}", "latest")
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("id");
    }

    @Test
    void healthShowsTheServingRulesetUpWithItsHash() {
        Map<?, ?> active = active();

        http.get().uri("/actuator/health").headers(AUDITOR).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.components.ruleset.status").isEqualTo("UP")
                .jsonPath("$.components.ruleset.details.hash").isEqualTo(active.get("hash"))
                .jsonPath("$.components.ruleset.details.id").isEqualTo(active.get("id"))
                .jsonPath("$.components.ruleset.details.label").isEqualTo(active.get("label"));
    }

    @Test
    void retroPrimePolicyHasTheDocumentedShape() {
        get("/api/v1/channels/retro-prime/policy")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.channel").isEqualTo("retro-prime")
                .jsonPath("$.timezone").isEqualTo("America/New_York")
                .jsonPath("$.traffic.allowedTypes").isEqualTo(
                        List.of("commercial", "promo", "station_id", "psa", "stinger", "bumper", "filler"))
                .jsonPath("$.traffic.defaultCooldownSeconds").isEqualTo(3600)
                .jsonPath("$.traffic.typeCooldowns").isEqualTo(Map.of("commercial", 3600, "promo", 1800))
                .jsonPath("$.traffic.maxPlaysPerDay").isEqualTo(0)
                .jsonPath("$.traffic.staticFiller").isEqualTo(Map.of("uri", "/media/filler/loop.mp4", "durationMs", 600000))
                .jsonPath("$.rotation.advertiserSeparationMinutes").isEqualTo(15)
                .jsonPath("$.rotation.advertiserSeparationSeverity").isEqualTo("WARNING")
                .jsonPath("$.rotation.productSeparationMinutes").isEqualTo(30)
                .jsonPath("$.rotation.maxCreativePlaysPerHour").isEqualTo(0)
                .jsonPath("$.rotation.maxCreativePlaysPerDay").isEqualTo(0)
                .jsonPath("$.rotation.dayparts.PRIME").isEqualTo(List.of("20:00", "23:00"));
    }

    @Test
    void aChannelWithoutAFileGetsTheDefaults() {
        get("/api/v1/channels/{slug}/policy", "no-file-tv")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.channel").isEqualTo("no-file-tv")
                .jsonPath("$.timezone").isEqualTo("UTC")
                .jsonPath("$.traffic.allowedTypes").isEqualTo(
                        List.of("commercial", "promo", "station_id", "psa", "stinger", "bumper", "filler"))
                .jsonPath("$.traffic.defaultCooldownSeconds").isEqualTo(3600)
                .jsonPath("$.traffic.typeCooldowns").isEqualTo(Map.of("commercial", 3600, "promo", 1800))
                .jsonPath("$.traffic.maxPlaysPerDay").isEqualTo(0)
                .jsonPath("$.traffic").value(Map.class, traffic -> assertThat(traffic.get("staticFiller")).isNull())
                .jsonPath("$.rotation.advertiserSeparationMinutes").isEqualTo(15)
                .jsonPath("$.rotation.dayparts").isEqualTo(Map.of());
    }

    @Test
    void aChannelFileOverridesTheDefaultsKeyByKey() {
        get("/api/v1/channels/showtime-cinema/policy")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.timezone").isEqualTo("America/Los_Angeles")
                .jsonPath("$.traffic.allowedTypes").isEqualTo(List.of("promo"))
                .jsonPath("$.traffic.defaultCooldownSeconds").isEqualTo(7200)
                .jsonPath("$.traffic.maxPlaysPerDay").isEqualTo(3)
                .jsonPath("$.traffic.typeCooldowns.promo").isEqualTo(1800)
                .jsonPath("$.rotation.productSeparationMinutes").isEqualTo(30);
    }

    @Test
    void anInvalidSlugIsABadRequest() {
        get("/api/v1/channels/{slug}/policy", "Bad_Slug")
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("slug");
    }
}
