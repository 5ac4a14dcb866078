package com.trafficrules.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.trafficrules.TrafficRulesApplication;
import com.trafficrules.engine.RulesetFiles;
import com.trafficrules.kernel.ActiveRuleset;
import com.trafficrules.kernel.RulesetRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the service does with {@code rules/} and {@code config/} on disk when it starts: refuse a broken
 * ruleset, register and activate the disk version, and keep what it stored across restarts. Each test
 * starts the real application (more than once) on a database of its own.
 */
class RulesetBootstrapTest {

    private static final String OVERLAP_DRL = "rules/rotation/temporal-overlap.drl";

    @TempDir
    Path root;

    /** Shared by every start in one test, so a second start sees what the first one stored. */
    private final String database = "bootstrap_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    private final List<ConfigurableApplicationContext> started = new ArrayList<>();

    @BeforeEach
    void copyTheShippedRulesetToDisk() {
        copyTree(Path.of("rules"), root.resolve("rules"));
        copyTree(Path.of("config"), root.resolve("config"));
    }

    @AfterEach
    void stopEveryStartedApplication() {
        started.forEach(ConfigurableApplicationContext::close);
    }

    /**
     * Starts the whole service on a random port. Command-line arguments, because they outrank the test
     * {@code application.yaml} (builder default properties would not).
     */
    private ConfigurableApplicationContext start(String... extraArguments) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--traffic.rules.root=" + root.toAbsolutePath(),
                "--traffic.embedded-db.isolate=false",
                "--traffic.embedded-db.database=" + database));
        arguments.addAll(List.of(extraArguments));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TrafficRulesApplication.class)
                .run(arguments.toArray(String[]::new));
        started.add(context);
        return context;
    }

    private ConfigurableApplicationContext restart(ConfigurableApplicationContext running, String... extraArguments) {
        running.close();
        return start(extraArguments);
    }

    private static RulesetRef serving(ConfigurableApplicationContext context) {
        return context.getBean(ActiveRuleset.class).current().ref();
    }

    private static List<RulesetVersion> versions(ConfigurableApplicationContext context) {
        return context.getBean(RulesetVersionRepository.class).findAllByOrderByIdDesc();
    }

    private static RulesetVersion version(ConfigurableApplicationContext context, long id) {
        return context.getBean(RulesetVersionRepository.class).findById(id).orElseThrow();
    }

    private String diskHash() {
        return RulesetFiles.fromDirectory(root).hash();
    }

    private void write(String path, String content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A harmless edit that makes the disk ruleset a different version. */
    private void editTheOverlapRule() {
        try {
            Files.writeString(root.resolve(OVERLAP_DRL), "\n// reviewed for the winter schedule\n", StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> messagesOfCauseChain(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable cause = failure; cause != null && messages.size() < 50; cause = cause.getCause()) {
            messages.add(String.valueOf(cause.getMessage()));
        }
        return messages;
    }

    private static RestClient http(ConfigurableApplicationContext context, String user) {
        int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> headers.setBasicAuth(user, user)).build();
    }

    // --- a broken ruleset ---------------------------------------------------------------------------

    @Test
    void refusesToStartWithABrokenDrlNamingFileAndLine() {
        write("rules/rotation/broken.drl", String.join("\n",
                "package rules.rotation;",
                "",
                "import com.trafficrules.rotation.facts.Spot;",
                "",
                "rule \"broken\"",
                "when",
                "    Spot( id == ",
                "then",
                "end",
                ""));

        Throwable failure = catchThrowable(() -> start());

        assertThat(failure).as("the start should fail").isNotNull();
        Pattern located = Pattern.compile("rules/rotation/broken\\.drl:([0-9]+)");
        assertThat(messagesOfCauseChain(failure)).anySatisfy(message -> {
            Matcher where = located.matcher(message);
            assertThat(where.find()).as("names rules/rotation/broken.drl:<line> in: %s", message).isTrue();
            assertThat(Integer.parseInt(where.group(1))).isPositive();
        });
    }

    @Test
    void refusesToStartWithABrokenChannelFileNamingFileAndLine() {
        write("config/channels/kids-zone.yaml", "timezone: UTC\ntraffic:\n  max_plays_per_dya: 3\n");

        Throwable failure = catchThrowable(() -> start());

        assertThat(failure).as("the start should fail").isNotNull();
        assertThat(messagesOfCauseChain(failure))
                .anySatisfy(message -> assertThat(message).contains("config/channels/kids-zone.yaml:3").contains("max_plays_per_dya"));
    }

    // --- the first and later starts -----------------------------------------------------------------

    @Test
    void activatesTheDiskVersionOnTheFirstStart() {
        ConfigurableApplicationContext app = start();

        RulesetVersion active = version(app, serving(app).id());
        assertThat(active.getStatus()).isEqualTo(RulesetStatus.ACTIVE);
        assertThat(active.getHash()).isEqualTo(diskHash());
        assertThat(active.getActivatedAt()).isNotNull();
        assertThat(versions(app)).hasSize(1);
    }

    @Test
    void servesTheSameVersionAfterARestartWithTheSameFiles() {
        ConfigurableApplicationContext first = start();
        long firstVersion = serving(first).id();

        ConfigurableApplicationContext second = restart(first);

        assertThat(serving(second).id()).isEqualTo(firstVersion);
        assertThat(versions(second)).singleElement()
                .satisfies(version -> assertThat(version.getStatus()).isEqualTo(RulesetStatus.ACTIVE));
    }

    @Test
    void keepsServingTheActiveVersionWhenChangedFilesAreNotActivatedOnStart() {
        ConfigurableApplicationContext first = start();
        RulesetRef original = serving(first);
        editTheOverlapRule();

        ConfigurableApplicationContext second = restart(first, "--traffic.rules.activate-on-start=false");

        assertThat(serving(second)).isEqualTo(original);
        assertThat(second.getBean(ActiveRuleset.class).current().files().hash()).isEqualTo(original.hash());
        assertThat(version(second, original.id()).getStatus()).isEqualTo(RulesetStatus.ACTIVE);
    }

    @Test
    void storesChangedFilesAsAProposedVersionWhenNotActivatedOnStart() {
        ConfigurableApplicationContext first = start();
        long original = serving(first).id();
        editTheOverlapRule();

        ConfigurableApplicationContext second = restart(first, "--traffic.rules.activate-on-start=false");

        assertThat(versions(second)).hasSize(2).first().satisfies(newest -> {
            assertThat(newest.getId()).isNotEqualTo(original);
            assertThat(newest.getHash()).isEqualTo(diskHash());
            assertThat(newest.getStatus()).isEqualTo(RulesetStatus.PROPOSED);
        });
    }

    @Test
    void storesTheChecksOfAProposedDiskVersion() {
        copyTree(Path.of("rule-tests"), root.resolve("rule-tests"));
        ConfigurableApplicationContext first = start();
        editTheOverlapRule();

        ConfigurableApplicationContext second = restart(first, "--traffic.rules.activate-on-start=false");

        RulesetChecks checks = JsonMapper.builder().build().readValue(versions(second).get(0).getChecks(), RulesetChecks.class);
        assertThat(checks.compile().ok()).isTrue();
        assertThat(checks.lint().ok()).isTrue();
        assertThat(checks.tests().ran()).isTrue();
        assertThat(checks.tests().passed()).isPositive();
    }

    @Test
    void refusesToStartWithADrlThatFailsLint() {
        write("rules/rotation/exit.drl", String.join("\n",
                "package rules.rotation;",
                "",
                "import com.trafficrules.rotation.facts.Spot;",
                "",
                "rule \"exit\"",
                "when",
                "    Spot( )",
                "then",
                "    System.exit(1);",
                "end",
                ""));

        Throwable failure = catchThrowable(() -> start());

        assertThat(failure).as("the start should fail").isNotNull();
        assertThat(messagesOfCauseChain(failure))
                .anySatisfy(message -> assertThat(message).contains("rules/rotation/exit.drl:9").contains("System"));
    }

    @Test
    void activatesChangedFilesOnStartWhenAskedAndRetiresTheOldVersion() {
        ConfigurableApplicationContext first = start();
        long original = serving(first).id();
        editTheOverlapRule();

        ConfigurableApplicationContext second = restart(first, "--traffic.rules.activate-on-start=true");

        RulesetRef now = serving(second);
        assertThat(now.id()).isNotEqualTo(original);
        assertThat(now.hash()).isEqualTo(diskHash());
        assertThat(version(second, now.id()).getStatus()).isEqualTo(RulesetStatus.ACTIVE);
        assertThat(version(second, original).getStatus()).isEqualTo(RulesetStatus.RETIRED);
    }

    @Test
    void activatesAStoredProposalOnALaterStartWithoutStoringItAgain() {
        ConfigurableApplicationContext first = start();
        editTheOverlapRule();
        ConfigurableApplicationContext second = restart(first, "--traffic.rules.activate-on-start=false");
        long proposal = versions(second).get(0).getId();

        ConfigurableApplicationContext third = restart(second, "--traffic.rules.activate-on-start=true");

        assertThat(serving(third).id()).isEqualTo(proposal);
        assertThat(versions(third)).hasSize(2);
    }

    // --- data survives a restart --------------------------------------------------------------------

    @Test
    void keepsADecisionReadableAfterARestart() {
        ConfigurableApplicationContext first = start();
        Map<String, Object> overlappingSpots = Map.of(
                "channel", "retro-prime",
                "breaks", List.of(Map.of("id", "B1", "start", "2026-11-20T20:12:00Z", "durationMs", 120_000)),
                "spots", List.of(
                        Map.of("id", "S1", "breakId", "B1", "start", "2026-11-20T20:12:00Z", "lengthMs", 30_000, "type", "commercial"),
                        Map.of("id", "S2", "breakId", "B1", "start", "2026-11-20T20:12:10Z", "lengthMs", 30_000, "type", "commercial")));
        Map<?, ?> verdict = http(first, "scheduler").post().uri("/api/v1/rotation/validate")
                .contentType(MediaType.APPLICATION_JSON).body(overlappingSpots)
                .retrieve().body(Map.class);
        String decisionId = String.valueOf(verdict.get("decisionId"));

        ConfigurableApplicationContext second = restart(first);

        Map<?, ?> decision = http(second, "auditor").get().uri("/api/v1/decisions/{id}", decisionId)
                .retrieve().body(Map.class);
        assertThat(decision.get("id")).isEqualTo(decisionId);
        assertThat(decision.get("kind")).isEqualTo("rotation.validate");
        assertThat(decision.get("firedRules")).isEqualTo(List.of("temporal-overlap"));
        assertThat(((Map<?, ?>) decision.get("ruleset")).get("id")).isEqualTo(((Map<?, ?>) verdict.get("ruleset")).get("id"));
    }
}
