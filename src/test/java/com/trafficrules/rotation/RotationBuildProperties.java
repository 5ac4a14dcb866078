package com.trafficrules.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.kernel.Ruleset;
import com.trafficrules.policy.ChannelPolicies;
import com.trafficrules.policy.InterstitialType;
import com.trafficrules.rotation.facts.Severity;
import com.trafficrules.support.ShippedRuleset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

class RotationBuildProperties {

    private static Ruleset ruleset;

    @BeforeContainer
    static void compileTheShippedRuleset() {
        ruleset = ShippedRuleset.compiled();
    }

    @Property(tries = 60)
    void everyCandidateIsPlacedOnceOrQuarantinedWithAReason(@ForAll("requests") BuildRequest request) {
        Rotation rotation = build(request);

        List<String> placed = rotation.placements().stream().map(Rotation.Placement::spotId).toList();
        List<String> quarantined = rotation.quarantined().stream().map(Rotation.Quarantined::spotId).toList();
        Set<String> all = new HashSet<>(placed);
        all.addAll(quarantined);
        assertThat(placed.size() + quarantined.size()).isEqualTo(request.candidates().size());
        assertThat(all).isEqualTo(request.candidates().stream().map(BuildRequest.CandidateInput::id).collect(Collectors.toSet()));
        assertThat(rotation.quarantined()).allSatisfy(q -> assertThat(q.reasons()).isNotEmpty());
    }

    @Property(tries = 60)
    void thePlacementsValidateWithoutACriticalFault(@ForAll("requests") BuildRequest request) {
        Rotation rotation = build(request);

        RotationVerdict verdict = RotationValidator.validate(ruleset, RotationLogs.parse(asLog(request, rotation), ChannelPolicies.of(ruleset)));
        assertThat(verdict.faults()).noneMatch(fault -> fault.severity() == Severity.CRITICAL);
    }

    @Property(tries = 60)
    void aQuarantinedCandidateNeverLostItsPlaceToALowerPriorityOne(@ForAll("requests") BuildRequest request) {
        Rotation rotation = build(request);
        Map<String, Integer> priority = request.candidates().stream()
                .collect(Collectors.toMap(BuildRequest.CandidateInput::id, BuildRequest.CandidateInput::priority));

        for (Rotation.Quarantined q : rotation.quarantined()) {
            for (Rotation.Reason reason : q.reasons()) {
                assertThat(reason.conflictingIds()).allSatisfy(other ->
                        assertThat(priority.get(other)).as("%s blocked by %s (%s)", q.spotId(), other, reason.rule())
                                .isGreaterThanOrEqualTo(priority.get(q.spotId())));
            }
        }
    }

    @Property(tries = 30)
    void theSameBodyAndSeedGiveTheSameRotation(@ForAll("requests") BuildRequest request) {
        assertThat(build(request)).isEqualTo(build(request));
    }

    private static Rotation build(BuildRequest request) {
        return RotationBuilder.build(ruleset, RotationLogs.parse(request, ChannelPolicies.of(ruleset)));
    }

    /** The built rotation as a traffic log, each placed spot with its candidate's attributes. */
    private static RotationRequest asLog(BuildRequest request, Rotation rotation) {
        Map<String, BuildRequest.CandidateInput> candidates = request.candidates().stream()
                .collect(Collectors.toMap(BuildRequest.CandidateInput::id, Function.identity()));
        List<RotationRequest.SpotInput> spots = new ArrayList<>();
        for (Rotation.Placement placement : rotation.placements()) {
            BuildRequest.CandidateInput c = candidates.get(placement.spotId());
            spots.add(new RotationRequest.SpotInput(c.id(), placement.breakId(), placement.start().toString(), c.lengthMs(),
                    c.advertiser(), c.productCodes(), c.creativeId(), c.type(), c.priority(), c.position(), c.dayparts()));
        }
        return new RotationRequest(request.channel(), request.breaks(), spots);
    }

    @Provide
    Arbitrary<BuildRequest> requests() {
        Arbitrary<List<RotationRequest.BreakInput>> breaks = Arbitraries.integers().between(1, 5).flatMap(count ->
                Arbitraries.integers().between(30, 180).list().ofSize(count).map(durations -> {
                    List<RotationRequest.BreakInput> result = new ArrayList<>();
                    Instant start = Instant.parse("2026-11-20T22:40:00Z");
                    for (int i = 0; i < durations.size(); i++) {
                        result.add(new RotationRequest.BreakInput("B" + i, start.toString(), durations.get(i) * 1000L));
                        start = start.plusSeconds(60L * 12);
                    }
                    return result;
                }));
        Arbitrary<BuildRequest.CandidateInput> candidate = Combinators.combine(
                Arbitraries.integers().between(1, 12).map(n -> n * 5_000L),
                Arbitraries.of("ACME", "BOLT", "CRUX", "DYNA"),
                Arbitraries.of("AUTO", "BEER", "SODA").list().ofMaxSize(2).uniqueElements(),
                Arbitraries.of("CR1", "CR2", "CR3").injectNull(0.5),
                Arbitraries.of(InterstitialType.COMMERCIAL, InterstitialType.PROMO, InterstitialType.PSA),
                Arbitraries.of(10, 50, 90),
                Arbitraries.integers().between(0, 3),
                Arbitraries.of(SoldPosition.FIRST, SoldPosition.LAST).injectNull(0.7)
        ).as((length, advertiser, codes, creative, type, priority, weight, position) ->
                new BuildRequest.CandidateInput(null, length, advertiser, codes, creative, type, priority, weight, position, List.of()));
        Arbitrary<List<BuildRequest.CandidateInput>> candidates = candidate.list().ofMinSize(1).ofMaxSize(16).map(list -> {
            List<BuildRequest.CandidateInput> named = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                BuildRequest.CandidateInput c = list.get(i);
                named.add(new BuildRequest.CandidateInput("C" + i, c.lengthMs(), c.advertiser(), c.productCodes(), c.creativeId(),
                        c.type(), c.priority(), c.weight(), c.position(), c.dayparts()));
            }
            return named;
        });
        return Combinators.combine(breaks, candidates, Arbitraries.longs().between(0, 1000))
                .as((b, c, seed) -> new BuildRequest("retro-prime", b, c, seed));
    }
}
