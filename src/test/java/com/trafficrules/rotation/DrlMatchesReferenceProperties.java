package com.trafficrules.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.trafficrules.Composition;
import com.trafficrules.bench.SinglePassValidator;
import com.trafficrules.engine.RulesetFiles;
import com.trafficrules.kernel.Ruleset;
import com.trafficrules.kernel.RulesetRef;
import com.trafficrules.kernel.Scenario;
import com.trafficrules.policy.ChannelPolicies;
import com.trafficrules.policy.ChannelPolicy;
import com.trafficrules.policy.InterstitialType;
import com.trafficrules.rotation.facts.Fault;
import com.trafficrules.rotation.facts.Spot;
import com.trafficrules.ruletest.Scenarios;
import com.trafficrules.support.ShippedRuleset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rotation DRL and {@link ReferenceValidator} (API.md written as plain Java) must report the same
 * faults for any traffic log. Logs are generated around the awkward places: gaps exactly equal to a
 * separation and one millisecond either side, spots crossing break edges and the top of the hour,
 * identical starts, FIRST/LAST, daypart bounds (wrapping midnight too), frequency caps, and the 2026 US
 * daylight-saving days in America/New_York, Lord Howe's 30-minute shift and St. John's
 * 2010 change at one past midnight. Requests go through {@link RotationLogs#parse} and the policy
 * through the channel YAML loader, so the fact building is under test as well as the rules.
 */
class DrlMatchesReferenceProperties {

    private static final String CHANNEL = "gen";
    private static final List<String> ZONES = List.of("America/New_York", "America/New_York", "America/New_York",
            "UTC", "America/Los_Angeles", "Australia/Lord_Howe", "America/St_Johns");
    /** Instants near which logs are built: DST changes, local midnight, the late-night wrap, an ordinary evening. */
    private static final List<Instant> ANCHORS = List.of(
            Instant.parse("2026-03-08T07:00:00Z"),  // NY 03:00 EDT, the instant after 01:59:59.999 EST
            Instant.parse("2026-03-08T05:00:00Z"),  // NY midnight, spring-forward day
            Instant.parse("2026-03-09T00:00:00Z"),  // NY 20:00 EDT on 2026-03-08 (19:00 if the offset were wrong)
            Instant.parse("2026-11-01T05:00:00Z"),  // NY first 01:00 (EDT)
            Instant.parse("2026-11-01T06:00:00Z"),  // NY second 01:00 (EST)
            Instant.parse("2026-11-01T05:45:00Z"),  // NY 01:45 EDT, a quarter of an hour before 01:00 EST
            Instant.parse("2026-04-04T14:45:00Z"),  // Lord Howe 01:45 +11:00, before 02:00 goes back to 01:30 +10:30
            Instant.parse("2010-11-07T02:20:00Z"),  // St. John's 23:50 -02:30, before 00:01 goes back to 23:01 -03:30
            Instant.parse("2026-11-01T05:45:00Z"),
            Instant.parse("2026-11-01T05:45:00Z"),
            Instant.parse("2026-11-01T05:45:00Z"),
            Instant.parse("2026-03-08T07:00:00Z"),
            Instant.parse("2026-11-01T04:00:00Z"),  // NY midnight, fall-back day
            Instant.parse("2026-11-21T04:00:00Z"),  // NY 23:00 on 2026-11-20
            Instant.parse("2026-11-20T20:00:00Z"),
            Instant.parse("2026-11-21T00:00:00Z")); // UTC midnight
    private static final List<String> ADVERTISERS = List.of("ACME", "BOLT", "CRUX");
    private static final List<String> CODES = List.of("AUTO", "BEER", "SODA");
    private static final List<String> CREATIVES = List.of("ACME0001000H", "BOLT0002000H", "CRUX0003000H");
    private static final List<Long> LENGTHS = List.of(15_000L, 30_000L, 30_000L, 60_000L, 29_999L, 30_001L, 10_000L,
            120_000L, 5_400_000L);

    private static Ruleset ruleset;

    private static synchronized Ruleset ruleset() {
        if (ruleset == null) {
            ruleset = ShippedRuleset.compiled();
        }
        return ruleset;
    }

    @Property(tries = 200)
    void drlFaultsEqualTheReferenceFaults(@ForAll("logs") Case generated) {
        RotationLog log = generated.toLog();
        List<Fault> drlAsReported = RotationValidator.validate(ruleset(), log).faults();
        inAirOrder(log, drlAsReported);
        List<Fault> drl = comparable(drlAsReported);
        List<Fault> reference = comparable(ReferenceValidator.validate(log));
        drl.forEach(fault -> Statistics.label("rule").collect(fault.rule()));
        Statistics.label("faults").collect(reference.size() == 0 ? "none" : reference.size() < 5 ? "1-4" : "5+");
        edges(log).forEach(edge -> Statistics.label("edges").collect(edge));
        if (!drl.equals(reference)) {
            List<Fault> missing = new ArrayList<>(reference);
            drl.forEach(missing::remove);
            List<Fault> unexpected = new ArrayList<>(drl);
            reference.forEach(unexpected::remove);
            throw new AssertionError("DRL and reference disagree for\n" + generated.describe(log)
                    + "\nreported by the reference only: " + missing
                    + "\nreported by the DRL only:       " + unexpected);
        }
    }

    /** The benchmark's hand-tuned single pass reports what the DRL reports, message and order included. */
    @Property(tries = 200)
    void theBenchmarksSinglePassReportsTheDrlFaults(@ForAll("logs") Case generated) {
        RotationLog log = generated.toLog();
        assertEquals(RotationValidator.validate(ruleset(), log).faults(), SinglePassValidator.validate(log),
                generated.describe(log));
    }

    /**
     * A version stored before the overlap and product rules joined on minutes and spots, and before the caps
     * joined spots directly, still compiles against today's facts and reports the same faults: it may be the
     * active version, or be rolled back to.
     */
    @Property(tries = 100)
    void rulesOfTheShapeBeforeMinutesReportTheSameFaults(@ForAll("logs") Case generated) {
        RotationLog log = generated.toLog();
        assertEquals(RotationValidator.validate(ruleset(), log).faults(),
                RotationValidator.validate(rulesBeforeMinutes(), log).faults(), generated.describe(log));
    }

    private static Ruleset rulesBeforeMinutes;

    private static synchronized Ruleset rulesBeforeMinutes() {
        if (rulesBeforeMinutes == null) {
            Map<String, String> files = new TreeMap<>(RulesetFiles.fromDirectory(Path.of(".")).all());
            for (String rule : List.of("temporal-overlap", "product-separation", "frequency-cap")) {
                files.put("rules/rotation/" + rule + ".drl", resource("/rotation-rules-before-minutes/" + rule + ".drl"));
            }
            RulesetFiles earlier = RulesetFiles.of(files);
            rulesBeforeMinutes = Composition.jobs().compile(new RulesetRef(0, "before minutes", earlier.hash()), earlier);
        }
        return rulesBeforeMinutes;
    }

    private static String resource(String name) {
        try (var in = DrlMatchesReferenceProperties.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every {@code rotation.validate} scenario in rule-tests/ is judged the same by the reference; since
     * RuleScenariosTest holds the DRL to each scenario's expected faults, the reference meets them too.
     */
    @Example
    void everyRotationScenarioIsJudgedTheSameByTheReference() {
        JsonMapper json = JsonMapper.builder().build();
        List<Scenario> scenarios = Scenarios.load(Path.of(".")).stream()
                .filter(scenario -> RotationController.VALIDATE.equals(scenario.kind())).toList();
        if (scenarios.isEmpty()) {
            throw new AssertionError("no rotation.validate scenarios under rule-tests/");
        }
        for (Scenario scenario : scenarios) {
            RotationLog log = RotationLogs.parse(json.treeToValue(scenario.request(), RotationRequest.class),
                    ChannelPolicies.of(ruleset()));
            assertEquals(comparable(RotationValidator.validate(ruleset(), log).faults()),
                    comparable(ReferenceValidator.validate(log)), scenario.path());
        }
    }

    /** Which near-misses a log contains, to show that the generator reaches them. */
    private static List<String> edges(RotationLog log) {
        List<String> edges = new ArrayList<>();
        var rotation = log.policy().rotation();
        ZoneId zone = ZoneId.of(log.policy().timezone());
        var spots = log.spots();
        for (var a : spots) {
            for (var b : spots) {
                long gap = b.startMs() - a.endMs();
                if (a == b || gap < 0 && b.startMs() < a.startMs()) {
                    continue;
                }
                boolean sameAdvertiser = a.advertiser() != null && a.advertiser().equals(b.advertiser());
                boolean competitors = !java.util.Objects.equals(a.advertiser(), b.advertiser())
                        && a.productCodes().stream().anyMatch(b.productCodes()::contains);
                if (sameAdvertiser && gap == rotation.advertiserSeparationMinutes() * 60_000L) {
                    edges.add("advertiser gap == separation");
                }
                if (competitors && gap == rotation.productSeparationMinutes() * 60_000L) {
                    edges.add("product gap == separation");
                }
                if (gap == 0) {
                    edges.add("back to back");
                }
            }
            log.breaks().stream().filter(brk -> brk.id().equals(a.breakId())).forEach(brk -> {
                if (a.endMs() == brk.endMs()) {
                    edges.add("ends on its break's end");
                }
                if (a.startMs() == brk.startMs() - 1 || a.endMs() == brk.endMs() + 1) {
                    edges.add("1 ms outside its break");
                }
            });
            long local = Instant.ofEpochMilli(a.startMs()).atZone(zone).toLocalTime().toNanoOfDay() / 1_000_000L;
            rotation.dayparts().forEach((name, bounds) -> {
                if (a.dayparts().contains(name) && local == LocalTime.parse(bounds.get(0)).toNanoOfDay() / 1_000_000L) {
                    edges.add("starts on its daypart's start");
                }
                if (a.dayparts().contains(name) && local == LocalTime.parse(bounds.get(1)).toNanoOfDay() / 1_000_000L) {
                    edges.add("starts on its daypart's end");
                }
            });
            if (a.localHour().startsWith("2026-11-01T01:00-05")
                    && spots.stream().anyMatch(b -> b.localHour().startsWith("2026-11-01T01:00-04"))) {
                edges.add("both 01:00 hours of the fall-back day");
            }
        }
        if (log.breaks().stream().anyMatch(brk -> spots.stream().filter(s -> s.breakId().equals(brk.id()))
                .mapToLong(s -> s.endMs() - s.startMs()).sum() == brk.endMs() - brk.startMs())) {
            edges.add("break exactly full");
        }
        var plays = spots.stream().filter(s -> s.creativeId() != null)
                .collect(Collectors.groupingBy(s -> s.creativeId() + s.localHour(), Collectors.counting()));
        if (rotation.maxCreativePlaysPerHour() > 0 && plays.containsValue((long) rotation.maxCreativePlaysPerHour())) {
            edges.add("hourly cap exactly reached");
        }
        var daily = spots.stream().filter(s -> s.creativeId() != null)
                .collect(Collectors.groupingBy(s -> s.creativeId() + s.localDay(), Collectors.counting()));
        if (rotation.maxCreativePlaysPerDay() > 0 && daily.containsValue((long) rotation.maxCreativePlaysPerDay())) {
            edges.add("daily cap exactly reached");
        }
        return edges.stream().distinct().toList();
    }

    /** A fault naming several earlier spots (a frequency cap) names them in air order. */
    private static void inAirOrder(RotationLog log, List<Fault> faults) {
        Map<String, Spot> spots = new LinkedHashMap<>();
        log.spots().forEach(spot -> spots.put(spot.id(), spot));
        for (Fault fault : faults) {
            List<String> airOrder = fault.conflictingIds().stream().map(spots::get)
                    .sorted(ReferenceValidator.AIR_ORDER).map(Spot::id).toList();
            assertEquals(airOrder, fault.conflictingIds(), "conflictingIds in air order: " + fault);
        }
    }

    /** Faults as a multiset: messages dropped, conflicting ids sorted, the list in one canonical order. */
    private static List<Fault> comparable(List<Fault> faults) {
        return faults.stream().map(ReferenceValidator::comparable)
                .sorted(Comparator.comparing(Fault::toString)).toList();
    }

    // ---- the generated case ------------------------------------------------------------------------

    record PolicySpec(String zone, int advertiserSeparationMinutes, String advertiserSeverity,
                      int productSeparationMinutes, int perHour, int perDay, List<String> allowedTypes,
                      List<Tuple.Tuple2<Integer, Integer>> dayparts) {
    }

    /**
     * A break {@code startUnits} quarter-minutes from the anchor. With {@code fit} set its duration is the
     * sum of its spots' lengths plus {@code jitterMs} (exactly full, 1 ms short, 1 ms spare), else
     * {@code durationUnits} quarter-minutes plus {@code jitterMs}.
     */
    record BreakSpec(int startUnits, int durationUnits, int jitterMs, boolean fit) {
    }

    /**
     * How a spot is placed: inside/near its break, relative to the spot before it, on its start, or on a
     * bound of one of its dayparts (local time on the anchor's local date; 1 ms before for odd offsets).
     */
    enum Placement { IN_BREAK, AFTER_PREVIOUS, SAME_START, ON_DAYPART_BOUND }

    record SpotSpec(int breakIndex, Placement placement, int offset, long lengthMs, int advertiser,
                    List<Integer> codes, int creative, String type, String position, List<Integer> dayparts) {
    }

    record Case(Instant anchor, int anchorShiftMinutes, PolicySpec policy, List<BreakSpec> breaks,
                List<SpotSpec> spots, boolean reverseIds) {

        ChannelPolicy channelPolicy() {
            ZoneId zone = ZoneId.of(policy.zone());
            LocalTime anchorLocal = anchorInstant().atZone(zone).toLocalTime().withSecond(0).withNano(0);
            Map<String, List<String>> dayparts = new TreeMap<>();
            for (int i = 0; i < policy.dayparts().size(); i++) {
                var bounds = policy.dayparts().get(i);
                dayparts.put("DP" + i, List.of(clock(anchorLocal, bounds.get1()), clock(anchorLocal, bounds.get2())));
            }
            return new ChannelPolicy(CHANNEL, policy.zone(),
                    new ChannelPolicy.Traffic(policy.allowedTypes(), 3600, Map.of("commercial", 3600L, "promo", 1800L), 0, null),
                    new ChannelPolicy.Rotation(policy.advertiserSeparationMinutes(), policy.advertiserSeverity(),
                            policy.productSeparationMinutes(), policy.perHour(), policy.perDay(), dayparts));
        }

        private static String clock(LocalTime anchorLocal, int minutesFromAnchor) {
            return anchorLocal.plusMinutes(minutesFromAnchor).toString().substring(0, 5);
        }

        Instant anchorInstant() {
            return anchor.plusSeconds(anchorShiftMinutes * 60L);
        }

        /** The channel file this policy would be, so that the shipped loader builds it. */
        String yaml(ChannelPolicy channel) {
            StringBuilder yaml = new StringBuilder();
            yaml.append("timezone: ").append(channel.timezone()).append('\n');
            yaml.append("traffic:\n  allowed_types: [").append(String.join(", ", channel.traffic().allowedTypes())).append("]\n");
            var rotation = channel.rotation();
            yaml.append("rotation:\n");
            yaml.append("  advertiser_separation_minutes: ").append(rotation.advertiserSeparationMinutes()).append('\n');
            yaml.append("  advertiser_separation_severity: ").append(rotation.advertiserSeparationSeverity()).append('\n');
            yaml.append("  product_separation_minutes: ").append(rotation.productSeparationMinutes()).append('\n');
            yaml.append("  max_creative_plays_per_hour: ").append(rotation.maxCreativePlaysPerHour()).append('\n');
            yaml.append("  max_creative_plays_per_day: ").append(rotation.maxCreativePlaysPerDay()).append('\n');
            yaml.append("  dayparts:").append(rotation.dayparts().isEmpty() ? " {}\n" : "\n");
            rotation.dayparts().forEach((name, bounds) -> yaml.append("    ").append(name)
                    .append(": [\"").append(bounds.get(0)).append("\", \"").append(bounds.get(1)).append("\"]\n"));
            return yaml.toString();
        }

        RotationRequest request(ChannelPolicy channel) {
            long anchorMs = anchorInstant().toEpochMilli();
            ZoneId zone = ZoneId.of(channel.timezone());
            List<RotationRequest.BreakInput> breakInputs = new ArrayList<>();
            List<long[]> breakTimes = new ArrayList<>();
            for (int i = 0; i < breaks.size(); i++) {
                BreakSpec spec = breaks.get(i);
                long start = anchorMs + spec.startUnits() * 15_000L;
                int index = i;
                long booked = spots.stream().filter(spot -> spot.breakIndex() % breaks.size() == index)
                        .mapToLong(SpotSpec::lengthMs).sum();
                long duration = spec.fit() && booked + spec.jitterMs() > 0 ? booked + spec.jitterMs()
                        : spec.durationUnits() * 15_000L + spec.jitterMs();
                breakTimes.add(new long[] {start, duration});
                breakInputs.add(new RotationRequest.BreakInput("B" + (i + 1), Instant.ofEpochMilli(start).toString(), duration));
            }
            long advertiserSeparationMs = channel.rotation().advertiserSeparationMinutes() * 60_000L;
            long productSeparationMs = channel.rotation().productSeparationMinutes() * 60_000L;
            List<String> daypartNames = new ArrayList<>(channel.rotation().dayparts().keySet());
            List<RotationRequest.SpotInput> spotInputs = new ArrayList<>();
            long previousStart = anchorMs;
            long previousEnd = anchorMs;
            for (int i = 0; i < spots.size(); i++) {
                SpotSpec spec = spots.get(i);
                int breakIndex = spec.breakIndex() % breaks.size();
                long[] brk = breakTimes.get(breakIndex);
                long start = switch (spec.placement()) {
                    case IN_BREAK -> brk[0] + switch (Math.floorMod(spec.offset(), 6)) {
                        case 0 -> 0;                                         // on the break's start
                        case 1 -> brk[1] - spec.lengthMs();                  // ends exactly at the break's end
                        case 2 -> brk[1] - spec.lengthMs() + 1;              // 1 ms past the end
                        case 3 -> -1;                                        // 1 ms before the break
                        default -> (spec.offset() % 9) * 15_000L;            // somewhere in (or past) it
                    };
                    case AFTER_PREVIOUS -> previousEnd + switch (Math.floorMod(spec.offset(), 10)) {
                        case 0 -> 0;
                        case 1 -> advertiserSeparationMs;
                        case 2 -> advertiserSeparationMs - 1;
                        case 3 -> productSeparationMs;
                        case 4 -> productSeparationMs - 1;
                        case 5 -> productSeparationMs + 1;
                        case 6 -> -1;
                        case 7 -> -(previousEnd - previousStart) / 2;
                        case 8 -> 3_600_000L - Math.floorMod(previousEnd, 3_600_000L);  // the next top of the UTC hour
                        default -> spec.offset() * 15_000L;
                    };
                    case SAME_START -> previousStart;
                    case ON_DAYPART_BOUND -> {
                        if (daypartNames.isEmpty()) {
                            yield brk[0];
                        }
                        List<String> bounds = channel.rotation().dayparts().get(daypartNames.get(Math.floorMod(spec.offset(), daypartNames.size())));
                        LocalTime bound = LocalTime.parse(bounds.get(Math.floorMod(spec.offset() / 3, 2)));
                        yield anchorInstant().atZone(zone).toLocalDate().atTime(bound).atZone(zone).toInstant().toEpochMilli()
                                - Math.floorMod(spec.offset(), 2);
                    }
                };
                String id = "S" + (reverseIds ? spots.size() - i : i + 1);
                List<String> codes = spec.codes().stream().map(CODES::get).toList();
                List<Integer> listed = new ArrayList<>(spec.dayparts());
                if (spec.placement() == Placement.ON_DAYPART_BOUND) {
                    listed.add(spec.offset());
                }
                List<String> dayparts = daypartNames.isEmpty() ? List.of()
                        : listed.stream().map(d -> daypartNames.get(Math.floorMod(d, daypartNames.size()))).distinct().toList();
                spotInputs.add(new RotationRequest.SpotInput(id, "B" + (breakIndex + 1), Instant.ofEpochMilli(start).toString(),
                        spec.lengthMs(), spec.advertiser() < ADVERTISERS.size() ? ADVERTISERS.get(spec.advertiser()) : null,
                        codes, spec.creative() < CREATIVES.size() ? CREATIVES.get(spec.creative()) : null,
                        InterstitialType.of(spec.type()).orElseThrow(), 50,
                        spec.position() == null ? null : SoldPosition.valueOf(spec.position()), dayparts));
                previousStart = start;
                previousEnd = start + spec.lengthMs();
            }
            return new RotationRequest(CHANNEL, breakInputs, spotInputs);
        }

        RotationLog toLog() {
            ChannelPolicy channel = channelPolicy();
            String path = "config/channels/" + CHANNEL + ".yaml";
            ChannelPolicies policies = ChannelPolicies.load(RulesetFiles.of(Map.of(path, yaml(channel))));
            ChannelPolicy loaded = policies.forChannel(CHANNEL);
            assertEquals(channel.timezone(), loaded.timezone(), "the loader reads the timezone back");
            assertEquals(channel.rotation(), loaded.rotation(), "the loader reads the rotation policy back");
            assertEquals(channel.traffic().allowedTypes(), loaded.traffic().allowedTypes(), "the loader reads the types back");
            return RotationLogs.parse(request(channel), policies);
        }

        String describe(RotationLog log) {
            return "policy " + log.policy().timezone() + " " + log.policy().rotation() + " types "
                    + log.policy().traffic().allowedTypes()
                    + "\nbreaks " + log.breaks().stream().map(b -> b.id() + "[" + Instant.ofEpochMilli(b.startMs()) + ", "
                    + Instant.ofEpochMilli(b.endMs()) + ")").collect(Collectors.joining(", "))
                    + "\nspots\n" + log.spots().stream().map(s -> "  " + s.id() + " " + s.breakId() + " ["
                    + Instant.ofEpochMilli(s.startMs()) + ", " + Instant.ofEpochMilli(s.endMs()) + ") adv=" + s.advertiser()
                    + " codes=" + s.productCodes() + " creative=" + s.creativeId() + " " + s.type() + " pos="
                    + s.position() + " dayparts=" + s.dayparts() + " local=" + s.localHour() + "/" + s.localMsOfDay())
                    .collect(Collectors.joining("\n"));
        }
    }

    // ---- generators --------------------------------------------------------------------------------

    @Provide
    Arbitrary<Case> logs() {
        Arbitrary<PolicySpec> policies = Combinators.combine(
                Arbitraries.of(ZONES),
                Arbitraries.of(0, 1, 2, 5, 15),
                Arbitraries.of("INFO", "WARNING", "WARNING", "CRITICAL"),
                Arbitraries.of(0, 1, 3, 30),
                Arbitraries.of(0, 0, 1, 2, 3),
                Arbitraries.of(0, 0, 2, 3, 5),
                allowedTypes(),
                dayparts()).as(PolicySpec::new);
        Arbitrary<BreakSpec> breaks = Combinators.combine(
                Arbitraries.frequencyOf(
                        Tuple.of(1, Arbitraries.integers().between(-240, 240)),
                        // quarter-minutes matching the daypart offsets below: spots open breaks on a daypart bound
                        Tuple.of(1, Arbitraries.of(-480, -240, -120, -20, -4, 0, 0, 4, 20, 120, 240, 480))),
                Arbitraries.integers().between(1, 16),
                Arbitraries.of(0, 0, 0, 1, -1),
                Arbitraries.of(false, false, true)).as(BreakSpec::new);
        return Combinators.combine(
                Arbitraries.of(ANCHORS),
                Arbitraries.of(0, 0, -30, 30, -60, 60, -75, 90),
                policies,
                breaks.list().ofMinSize(1).ofMaxSize(4),
                spots().list().ofMinSize(1).ofMaxSize(14),
                Arbitraries.of(false, true)).as(Case::new);
    }

    private static Arbitrary<List<String>> allowedTypes() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(InterstitialType.ALL)),
                Tuple.of(1, Arbitraries.of(InterstitialType.ALL).set().ofMinSize(1).ofMaxSize(4)
                        .map(types -> InterstitialType.ALL.stream().filter(types::contains).toList())));
    }

    /** Daypart bounds in minutes from the anchor's local time, so spots start on and around them. */
    private static Arbitrary<List<Tuple.Tuple2<Integer, Integer>>> dayparts() {
        Arbitrary<Integer> minutes = Arbitraries.of(-120, -60, -30, -5, -1, 0, 1, 5, 30, 60, 120, 600);
        return Combinators.combine(minutes, minutes).as((from, to) -> Tuple.of(from, to)).list().ofMaxSize(3);
    }

    private static Arbitrary<SpotSpec> spots() {
        Arbitrary<Tuple.Tuple5<Integer, Placement, Integer, Long, Integer>> where = Combinators.combine(
                Arbitraries.integers().between(0, 3),
                Arbitraries.of(Placement.IN_BREAK, Placement.IN_BREAK, Placement.AFTER_PREVIOUS, Placement.AFTER_PREVIOUS,
                        Placement.AFTER_PREVIOUS, Placement.SAME_START, Placement.ON_DAYPART_BOUND),
                Arbitraries.integers().between(-4, 40),
                Arbitraries.of(LENGTHS),
                Arbitraries.of(0, 0, 1, 1, 2, 3)).as((a, b, c, d, e) -> Tuple.of(a, b, c, d, e));
        Arbitrary<Tuple.Tuple6<List<Integer>, Integer, String, String, List<Integer>, Boolean>> what = Combinators.combine(
                Arbitraries.integers().between(0, CODES.size() - 1).list().ofMaxSize(3),
                Arbitraries.of(0, 0, 1, 2, 3),
                Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("commercial")), Tuple.of(2, Arbitraries.just("promo")),
                        Tuple.of(2, Arbitraries.of(InterstitialType.ALL))),
                Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("")), Tuple.of(1, Arbitraries.just("FIRST")),
                        Tuple.of(1, Arbitraries.just("LAST"))),
                Arbitraries.integers().between(0, 2).list().ofMaxSize(2),
                Arbitraries.of(true, false)).as((a, b, c, d, e, f) -> Tuple.of(a, b, c, d, e, f));
        return Combinators.combine(where, what).as((w, t) -> new SpotSpec(w.get1(), w.get2(), w.get3(), w.get4(), w.get5(),
                t.get1(), t.get2(), t.get3(), t.get4().isEmpty() ? null : t.get4(), t.get6() ? t.get5() : List.of()));
    }
}
