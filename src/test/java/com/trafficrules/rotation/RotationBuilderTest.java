package com.trafficrules.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.kernel.Ruleset;
import com.trafficrules.policy.ChannelPolicies;
import com.trafficrules.policy.InterstitialType;
import com.trafficrules.support.ShippedRuleset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RotationBuilderTest {

    private static Ruleset ruleset;

    @BeforeAll
    static void compileTheShippedRuleset() {
        ruleset = ShippedRuleset.compiled();
    }

    private static BuildRequest.CandidateInput candidate(String id, long lengthMs, String advertiser, int priority) {
        return new BuildRequest.CandidateInput(id, lengthMs, advertiser, List.of(), null, InterstitialType.COMMERCIAL, priority, 1, null,
                List.of());
    }

    private static BuildRequest.CandidateInput positioned(String id, long lengthMs, SoldPosition position) {
        return new BuildRequest.CandidateInput(id, lengthMs, "ADV-" + id, List.of(), null, InterstitialType.COMMERCIAL, 50, 1, position,
                List.of());
    }

    private static Rotation build(List<RotationRequest.BreakInput> breaks, List<BuildRequest.CandidateInput> candidates, long seed) {
        BuildRequest request = new BuildRequest("retro-prime", breaks, candidates, seed);
        return RotationBuilder.build(ruleset, RotationLogs.parse(request, ChannelPolicies.of(ruleset)));
    }

    private static RotationRequest.BreakInput brk(String id, String start, long durationMs) {
        return new RotationRequest.BreakInput(id, start, durationMs);
    }

    @Test
    void laysSpotsBackToBackFromTheBreakStartWithFirstInFrontAndLastAtTheEnd() {
        Rotation rotation = build(List.of(brk("B1", "2026-11-20T20:12:00Z", 120_000)),
                List.of(positioned("MID", 30_000, null), positioned("END", 15_000, SoldPosition.LAST), positioned("TOP", 20_000, SoldPosition.FIRST)), 1);

        assertThat(rotation.quarantined()).isEmpty();
        assertThat(rotation.placements()).extracting(Rotation.Placement::spotId, Rotation.Placement::start).containsExactly(
                org.assertj.core.groups.Tuple.tuple("TOP", Instant.parse("2026-11-20T20:12:00Z")),
                org.assertj.core.groups.Tuple.tuple("MID", Instant.parse("2026-11-20T20:12:20Z")),
                org.assertj.core.groups.Tuple.tuple("END", Instant.parse("2026-11-20T20:12:50Z")));
    }

    @Test
    void triesTheNextBreakWhenTheFirstIsFull() {
        Rotation rotation = build(List.of(brk("B1", "2026-11-20T20:12:00Z", 30_000), brk("B2", "2026-11-20T20:42:00Z", 30_000)),
                List.of(candidate("A", 30_000, "ACME", 90), candidate("B", 30_000, "BOLT", 10)), 1);

        assertThat(rotation.placements()).extracting(Rotation.Placement::spotId, Rotation.Placement::breakId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("A", "B1"), org.assertj.core.groups.Tuple.tuple("B", "B2"));
    }

    @Test
    void quarantinesTheLowerPriorityCandidateWithTheRulesThatBlockedIt() {
        Rotation rotation = build(List.of(brk("B1", "2026-11-20T20:12:00Z", 30_000)),
                List.of(candidate("LOW", 30_000, "BOLT", 10), candidate("HIGH", 30_000, "ACME", 90)), 7);

        assertThat(rotation.placements()).extracting(Rotation.Placement::spotId).containsExactly("HIGH");
        assertThat(rotation.quarantined()).singleElement().satisfies(q -> {
            assertThat(q.spotId()).isEqualTo("LOW");
            assertThat(q.reasons()).extracting(Rotation.Reason::rule).contains("break-overfill");
        });
    }

    @Test
    void keepsCompetitorsOfOneProductApart() {
        List<BuildRequest.CandidateInput> candidates = List.of(
                new BuildRequest.CandidateInput("CAR1", 30_000L, "ACME", List.of("AUTO"), null, InterstitialType.COMMERCIAL, 90, 1, null,
                        List.of()),
                new BuildRequest.CandidateInput("CAR2", 30_000L, "ZOOM", List.of("AUTO"), null, InterstitialType.COMMERCIAL, 50, 1, null,
                        List.of()));
        Rotation rotation = build(List.of(brk("B1", "2026-11-20T20:12:00Z", 120_000), brk("B2", "2026-11-20T20:50:00Z", 120_000)),
                candidates, 3);

        assertThat(rotation.placements()).extracting(Rotation.Placement::spotId, Rotation.Placement::breakId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CAR1", "B1"), org.assertj.core.groups.Tuple.tuple("CAR2", "B2"));
    }

    @Test
    void sameSeedSameRotation() {
        List<BuildRequest.CandidateInput> pool = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            pool.add(candidate("C" + i, 30_000, "ADV" + (i % 3), 50));
        }
        List<RotationRequest.BreakInput> breaks = List.of(brk("B1", "2026-11-20T20:12:00Z", 120_000),
                brk("B2", "2026-11-20T20:42:00Z", 120_000));

        assertThat(build(breaks, pool, 42)).isEqualTo(build(breaks, pool, 42));
    }
}
