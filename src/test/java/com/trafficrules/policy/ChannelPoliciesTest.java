package com.trafficrules.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.trafficrules.engine.CompileMessage;
import com.trafficrules.engine.RulesetCompileException;
import com.trafficrules.engine.RulesetFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Channel policy YAML: defaults, merging, includes, and the errors a traffic manager sees. */
class ChannelPoliciesTest {

    private static final String DEFAULTS = "config/channels/_defaults.yaml";

    private static String channelFile(String slug) {
        return "config/channels/" + slug + ".yaml";
    }

    /** YAML lines joined into a file; line numbers in assertions count from the first argument. */
    private static String yaml(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    /** Alternating path, content. */
    private static Map<String, String> files(String... pathsAndContents) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return files;
    }

    private static ChannelPolicies load(String... pathsAndContents) {
        return ChannelPolicies.load(RulesetFiles.of(files(pathsAndContents)));
    }

    private static List<CompileMessage> problems(String... pathsAndContents) {
        RulesetCompileException failure = catchThrowableOfType(RulesetCompileException.class, () -> load(pathsAndContents));
        assertThat(failure).as("the policy files should not load").isNotNull();
        return failure.messages();
    }

    private static CompileMessage onlyProblem(String... pathsAndContents) {
        List<CompileMessage> problems = problems(pathsAndContents);
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    // --- defaults -------------------------------------------------------------------------------

    @Test
    void givesAChannelWithoutAFileTheDefaultsUnderItsOwnSlug() {
        ChannelPolicies policies = load(DEFAULTS, yaml("traffic:", "  default_cooldown_seconds: 900"));

        ChannelPolicy policy = policies.forChannel("kids-zone");

        assertThat(policy.channel()).isEqualTo("kids-zone");
        assertThat(policy.traffic().defaultCooldownSeconds()).isEqualTo(900);
    }

    @Test
    void usesTheBuiltInDefaultsWhenThereIsNoDefaultsFile() {
        ChannelPolicy policy = load().forChannel("kids-zone");

        assertThat(policy.channel()).isEqualTo("kids-zone");
        assertThat(policy.timezone()).isEqualTo("UTC");
        assertThat(policy.traffic().allowedTypes())
                .containsExactly("commercial", "promo", "station_id", "psa", "stinger", "bumper", "filler");
        assertThat(policy.traffic().defaultCooldownSeconds()).isEqualTo(3600);
        assertThat(policy.traffic().typeCooldowns()).containsOnly(Map.entry("commercial", 3600L), Map.entry("promo", 1800L));
        assertThat(policy.traffic().maxPlaysPerDay()).isZero();
        assertThat(policy.traffic().staticFiller()).isNull();
    }

    @Test
    void usesTheBuiltInRotationDefaultsWhenThereIsNoDefaultsFile() {
        ChannelPolicy.Rotation rotation = load().forChannel("kids-zone").rotation();

        assertThat(rotation.advertiserSeparationMinutes()).isEqualTo(15);
        assertThat(rotation.advertiserSeparationSeverity()).isEqualTo("WARNING");
        assertThat(rotation.productSeparationMinutes()).isEqualTo(30);
        assertThat(rotation.maxCreativePlaysPerHour()).isZero();
        assertThat(rotation.maxCreativePlaysPerDay()).isZero();
        assertThat(rotation.dayparts()).isEmpty();
    }

    // --- merging --------------------------------------------------------------------------------

    @Test
    void mergesAChannelFileOverTheDefaultsKeyByKey() {
        ChannelPolicies policies = load(
                DEFAULTS, yaml("timezone: Europe/London", "traffic:", "  default_cooldown_seconds: 900", "  max_plays_per_day: 4"),
                channelFile("retro"), yaml("traffic:", "  max_plays_per_day: 2"));

        ChannelPolicy policy = policies.forChannel("retro");

        assertThat(policy.timezone()).isEqualTo("Europe/London");
        assertThat(policy.traffic().defaultCooldownSeconds()).isEqualTo(900);
        assertThat(policy.traffic().maxPlaysPerDay()).isEqualTo(2);
    }

    @Test
    void leavesOtherChannelsOnTheDefaults() {
        ChannelPolicies policies = load(
                DEFAULTS, yaml("traffic:", "  max_plays_per_day: 4"),
                channelFile("retro"), yaml("traffic:", "  max_plays_per_day: 2"));

        assertThat(policies.forChannel("cinema").traffic().maxPlaysPerDay()).isEqualTo(4);
    }

    @Test
    void mergesTypeCooldownsPerKey() {
        ChannelPolicies policies = load(
                DEFAULTS, yaml("traffic:", "  type_cooldowns:", "    commercial: 3600", "    promo: 1800"),
                channelFile("retro"), yaml("traffic:", "  type_cooldowns:", "    promo: 600", "    bumper: 120"));

        assertThat(policies.forChannel("retro").traffic().typeCooldowns()).containsOnly(
                Map.entry("commercial", 3600L), Map.entry("promo", 600L), Map.entry("bumper", 120L));
    }

    @Test
    void mergesDaypartsPerKey() {
        ChannelPolicies policies = load(
                DEFAULTS, yaml("rotation:", "  dayparts:", "    DAYTIME: ['09:00', '16:00']", "    PRIME: ['20:00', '23:00']"),
                channelFile("retro"), yaml("rotation:", "  dayparts:", "    PRIME: ['19:00', '22:00']"));

        assertThat(policies.forChannel("retro").rotation().dayparts()).containsOnly(
                Map.entry("DAYTIME", List.of("09:00", "16:00")), Map.entry("PRIME", List.of("19:00", "22:00")));
    }

    @Test
    void replacesListsInsteadOfAppendingToThem() {
        ChannelPolicies policies = load(
                DEFAULTS, yaml("traffic:", "  allowed_types: [commercial, promo, bumper]"),
                channelFile("cinema"), yaml("traffic:", "  allowed_types: [promo]"));

        assertThat(policies.forChannel("cinema").traffic().allowedTypes()).containsExactly("promo");
    }

    @Test
    void namesAConfiguredChannelByItsFileStem() {
        ChannelPolicies policies = load(channelFile("retro-prime"), yaml("timezone: America/New_York"));

        assertThat(policies.configuredChannels()).containsExactly("retro-prime");
        assertThat(policies.forChannel("retro-prime").channel()).isEqualTo("retro-prime");
    }

    // --- includes -------------------------------------------------------------------------------

    @Test
    void readsAnIncludedFileRelativeToTheIncludingFile() {
        ChannelPolicies policies = load(
                channelFile("retro"), yaml("rotation:", "  dayparts: !include shared/us-dayparts.yaml"),
                "config/channels/shared/us-dayparts.yaml", yaml("PRIME: ['20:00', '23:00']"));

        assertThat(policies.forChannel("retro").rotation().dayparts()).containsOnly(Map.entry("PRIME", List.of("20:00", "23:00")));
    }

    @Test
    void resolvesAnIncludeThatClimbsOutOfTheChannelsFolder() {
        ChannelPolicies policies = load(
                channelFile("retro"), yaml("traffic:", "  static_filler: !include ../fillers/loop.yaml"),
                "config/fillers/loop.yaml", yaml("uri: /media/filler/loop.mp4", "duration_ms: 600000"));

        assertThat(policies.forChannel("retro").traffic().staticFiller())
                .isEqualTo(new ChannelPolicy.StaticFiller("/media/filler/loop.mp4", 600_000));
    }

    @Test
    void reportsAMissingIncludeAgainstTheIncludingFile() {
        CompileMessage problem = onlyProblem(
                channelFile("retro"), yaml("timezone: UTC", "rotation:", "  dayparts: !include shared/missing.yaml"));

        assertThat(problem.path()).isEqualTo(channelFile("retro"));
        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.message()).contains("config/channels/shared/missing.yaml");
    }

    @Test
    void refusesAnIncludeCycle() {
        List<CompileMessage> problems = problems(
                channelFile("retro"), yaml("rotation: !include shared/a.yaml"),
                "config/channels/shared/a.yaml", yaml("dayparts: !include b.yaml"),
                "config/channels/shared/b.yaml", yaml("PRIME: !include a.yaml"));

        assertThat(problems).anySatisfy(problem -> assertThat(problem.message()).contains("cycle"));
    }

    // --- unknown keys ---------------------------------------------------------------------------

    @Test
    void reportsAnUnknownTrafficKeyWithFileKeyAndLine() {
        CompileMessage problem = onlyProblem(channelFile("retro"), yaml(
                "timezone: UTC",
                "traffic:",
                "  default_cooldown_seconds: 600",
                "  max_plays_per_dya: 3"));

        assertThat(problem.path()).isEqualTo(channelFile("retro"));
        assertThat(problem.line()).isEqualTo(4);
        assertThat(problem.message()).contains("max_plays_per_dya");
    }

    @Test
    void reportsAnUnknownRotationKeyWithFileKeyAndLine() {
        CompileMessage problem = onlyProblem(DEFAULTS, yaml(
                "traffic:",
                "  max_plays_per_day: 0",
                "rotation:",
                "  advertiser_separation_minutes: 15",
                "  competitor_separation_minutes: 30"));

        assertThat(problem.path()).isEqualTo(DEFAULTS);
        assertThat(problem.line()).isEqualTo(5);
        assertThat(problem.message()).contains("competitor_separation_minutes");
    }

    @Test
    void reportsAnUnknownKeyOnItsOwnLineWhenAnotherSectionHasTheSameKey() {
        CompileMessage problem = onlyProblem(channelFile("retro"), yaml(
                "traffic:",
                "  max_plays_per_day: 3",
                "rotation:",
                "  max_plays_per_day: 2"));

        assertThat(problem.line()).isEqualTo(4);
        assertThat(problem.message()).contains("max_plays_per_day").contains("rotation");
    }

    @Test
    void reportsAnUnknownStaticFillerKey() {
        CompileMessage problem = onlyProblem(channelFile("retro"), yaml(
                "traffic:",
                "  static_filler:",
                "    uri: /media/filler/loop.mp4",
                "    duration_ms: 600000",
                "    loop: true"));

        assertThat(problem.path()).isEqualTo(channelFile("retro"));
        assertThat(problem.line()).isEqualTo(5);
        assertThat(problem.message()).contains("loop");
    }

    @Test
    void reportsAnUnknownKeyInAnIncludedFileAgainstThatFile() {
        CompileMessage problem = onlyProblem(
                channelFile("retro"), yaml("timezone: UTC", "rotation: !include shared/rotation.yaml"),
                "config/channels/shared/rotation.yaml", yaml("product_separation_minutes: 30", "advertizer_separation_minutes: 15"));

        assertThat(problem.path()).isEqualTo("config/channels/shared/rotation.yaml");
        assertThat(problem.line()).isEqualTo(2);
        assertThat(problem.message()).contains("advertizer_separation_minutes");
    }

    @Test
    void ignoresUnknownTopLevelKeys() {
        ChannelPolicies policies = load(channelFile("retro"), yaml(
                "timezone: UTC",
                "playout:",
                "  server: vs-01",
                "traffic:",
                "  max_plays_per_day: 2"));

        assertThat(policies.forChannel("retro").traffic().maxPlaysPerDay()).isEqualTo(2);
    }

    // --- invalid values -------------------------------------------------------------------------

    @Test
    void refusesAnUnknownTypeInAllowedTypes() {
        CompileMessage problem = onlyProblem(channelFile("retro"), yaml("traffic:", "  allowed_types: [promo, infomercial]"));

        assertThat(problem.path()).isEqualTo(channelFile("retro"));
        assertThat(problem.message()).contains("allowed_types").contains("infomercial");
    }

    @Test
    void refusesANegativeCooldown() {
        CompileMessage problem = onlyProblem(channelFile("retro"), yaml("traffic:", "  default_cooldown_seconds: -60"));

        assertThat(problem.path()).isEqualTo(channelFile("retro"));
        assertThat(problem.message()).contains("default_cooldown_seconds");
    }

    @Test
    void refusesANegativeTypeCooldown() {
        CompileMessage problem = onlyProblem(channelFile("retro"), yaml("traffic:", "  type_cooldowns:", "    promo: -1"));

        assertThat(problem.path()).isEqualTo(channelFile("retro"));
        assertThat(problem.message()).contains("type_cooldowns.promo");
    }

    @Test
    void refusesAnUnknownTimezone() {
        CompileMessage problem = onlyProblem(channelFile("retro"), yaml("timezone: America/Springfield"));

        assertThat(problem.path()).isEqualTo(channelFile("retro"));
        assertThat(problem.message()).contains("timezone").contains("America/Springfield");
    }

    @Test
    void refusesAnUnquotedDaypartTimeThatYamlReadsAsANumber() {
        // YAML 1.1 reads an unquoted 20:00 as the base-60 number 1200.
        CompileMessage problem = onlyProblem(channelFile("retro"), yaml("rotation:", "  dayparts:", "    PRIME: [20:00, 23:00]"));

        assertThat(problem.path()).isEqualTo(channelFile("retro"));
        assertThat(problem.message()).contains("dayparts.PRIME");
    }

    @Test
    void refusesADaypartWithoutBothEnds() {
        CompileMessage problem = onlyProblem(channelFile("retro"), yaml("rotation:", "  dayparts:", "    PRIME: ['20:00']"));

        assertThat(problem.message()).contains("dayparts.PRIME");
    }

    @Test
    void refusesAnUnknownSeverity() {
        CompileMessage problem = onlyProblem(channelFile("retro"), yaml("rotation:", "  advertiser_separation_severity: SEVERE"));

        assertThat(problem.path()).isEqualTo(channelFile("retro"));
        assertThat(problem.message()).contains("advertiser_separation_severity").contains("SEVERE");
    }

    @Test
    void refusesAChannelFileNotNamedByASlug() {
        CompileMessage problem = onlyProblem("config/channels/RetroPrime.yaml", yaml("timezone: UTC"));

        assertThat(problem.path()).isEqualTo("config/channels/RetroPrime.yaml");
    }

    // --- YAML errors and reporting --------------------------------------------------------------

    @Test
    void reportsAYamlSyntaxErrorWithPathAndLine() {
        CompileMessage problem = onlyProblem(channelFile("retro"), yaml(
                "timezone: UTC",
                "traffic:",
                "  default_cooldown_seconds: 600: 700"));

        assertThat(problem.path()).isEqualTo(channelFile("retro"));
        assertThat(problem.line()).isEqualTo(3);
    }

    @Test
    void refusesADuplicateKey() {
        CompileMessage problem = onlyProblem(channelFile("retro"), yaml(
                "traffic:",
                "  max_plays_per_day: 2",
                "  max_plays_per_day: 3"));

        assertThat(problem.path()).isEqualTo(channelFile("retro"));
        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.message()).contains("max_plays_per_day");
    }

    // --- untrusted files: what would exhaust the loader is a located problem ---------------------

    @Test
    void refusesANulCharacterAtItsLineAndColumn() {
        CompileMessage problem = onlyProblem(channelFile("retro"), yaml("timezone: UTC", "traffic: {max_plays_per_day: 3\u0000}"));

        assertThat(problem).isEqualTo(new CompileMessage(channelFile("retro"), 2, 31,
                "the character U+0000 is not allowed in YAML"));
    }

    @Test
    void refusesAnAliasOfAMappingThatContainsItself() {
        CompileMessage problem = onlyProblem(channelFile("retro"), yaml("timezone: UTC", "shared: &loop {again: *loop}"));

        assertThat(problem.line()).isEqualTo(2);
        assertThat(problem.column()).isEqualTo(23);
        assertThat(problem.message()).contains("*loop");
    }

    @Test
    void refusesADiamondOfIncludesThatWouldBeReadExponentiallyOften() {
        List<String> files = new ArrayList<>(List.of(channelFile("retro"), yaml("rotation: !include level0.yaml")));
        for (int level = 0; level < 20; level++) {
            files.add("config/channels/level" + level + ".yaml");
            files.add(yaml("a: !include level" + (level + 1) + ".yaml", "b: !include level" + (level + 1) + ".yaml"));
        }
        files.add("config/channels/level20.yaml");
        files.add(yaml("x: 1"));

        assertThat(problems(files.toArray(String[]::new)))
                .anySatisfy(problem -> assertThat(problem.message()).contains("more than " + PolicyYaml.MAX_INCLUDES + " includes"));
    }

    @Test
    void refusesAValueItsTagCannotMakeWhereItIsWritten() {
        CompileMessage problem = onlyProblem(channelFile("retro"), yaml("timezone: UTC", "traffic:", "  max_plays_per_day: !!int many"));

        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.column()).isEqualTo(22);
        assertThat(problem.message()).contains("many");
    }

    @Test
    void refusesAKeyThatIsNotText() {
        CompileMessage problem = onlyProblem(channelFile("retro"), yaml("traffic:", "  type_cooldowns:", "    ? [promo]", "    : 60"));

        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.message()).contains("key must be text");
    }

    @Test
    void refusesAFileThatIsNotAMapping() {
        CompileMessage problem = onlyProblem(channelFile("retro"), yaml("- promo", "- bumper"));

        assertThat(problem.path()).isEqualTo(channelFile("retro"));
    }

    @Test
    void reportsEveryBrokenFileTogether() {
        List<CompileMessage> problems = problems(
                DEFAULTS, yaml("traffic:", "  default_cooldown_secs: 60"),
                channelFile("retro"), yaml("timezone: [unclosed"),
                channelFile("cinema"), yaml("rotation:", "  advertiser_separation_severity: SEVERE"));

        assertThat(problems).extracting(CompileMessage::path)
                .contains(DEFAULTS, channelFile("retro"), channelFile("cinema"));
    }

    @Test
    void treatsAnEmptyChannelFileAsTheDefaults() {
        ChannelPolicies policies = load(DEFAULTS, yaml("traffic:", "  max_plays_per_day: 4"), channelFile("retro"), "");

        assertThat(policies.forChannel("retro").traffic().maxPlaysPerDay()).isEqualTo(4);
    }

    // --- the shipped configuration --------------------------------------------------------------

    private static ChannelPolicies shipped() {
        return ChannelPolicies.load(RulesetFiles.fromDirectory(Path.of(".")));
    }

    @Test
    void shipsShowtimeCinemaWithPromosOnlyAtMostThreeTimesADay() {
        ChannelPolicy.Traffic traffic = shipped().forChannel("showtime-cinema").traffic();

        assertThat(traffic.allowedTypes()).containsExactly("promo");
        assertThat(traffic.defaultCooldownSeconds()).isEqualTo(7200);
        assertThat(traffic.maxPlaysPerDay()).isEqualTo(3);
    }

    @Test
    void shipsShowtimeCinemaInheritingTheDefaultTypeCooldowns() {
        ChannelPolicy.Traffic traffic = shipped().forChannel("showtime-cinema").traffic();

        assertThat(traffic.typeCooldowns()).containsOnly(Map.entry("commercial", 3600L), Map.entry("promo", 1800L));
    }

    @Test
    void shipsRetroPrimeOnEasternTimeWithAPrimeDaypart() {
        ChannelPolicy retroPrime = shipped().forChannel("retro-prime");

        assertThat(retroPrime.timezone()).isEqualTo("America/New_York");
        assertThat(retroPrime.rotation().dayparts()).containsEntry("PRIME", List.of("20:00", "23:00"));
    }

    @Test
    void shipsDefaultsWithoutAStaticFiller() {
        assertThat(shipped().forChannel("some-new-channel").traffic().staticFiller()).isNull();
    }

    @Test
    void loadsTheShippedConfigurationWithBothChannels() {
        assertThat(shipped().configuredChannels()).contains("retro-prime", "showtime-cinema");
    }

    @Test
    void doesNotLetOneLoadChangeTheNextChannelsDefaults() {
        ChannelPolicies policies = load(
                DEFAULTS, yaml("traffic:", "  type_cooldowns:", "    promo: 1800"),
                channelFile("a-channel"), yaml("traffic:", "  type_cooldowns:", "    promo: 60"));

        assertThat(policies.forChannel("b-channel").traffic().typeCooldowns()).containsEntry("promo", 1800L);
    }
}
