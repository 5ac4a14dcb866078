package com.trafficrules.makegood.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.makegood.evaluation.RollingHistory.Stretch;
import com.trafficrules.makegood.facts.RatingPayload;
import com.trafficrules.support.ShippedRuleset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The stretches a batch's rolling windows cut a contract's air times into: every instant in some window of the
 * contract's payloads lies in exactly one stretch, no other instant lies in any, and the instants of one stretch
 * are in the same windows. Payload air times are drawn on a coarse grid around one another, so that windows share
 * edges and overlap as often as not.
 */
class RollingHistoryProperties {

    private static final MakegoodSettings SETTINGS = MakegoodSettings.of(ShippedRuleset.compiled());
    private static final long WINDOW_MS = SETTINGS.policy().rollingWindowMs();
    private static final long GRID_MS = WINDOW_MS / 4;

    @Property(tries = 500)
    void everyInstantOfAWindowIsInExactlyOneStretchOfTheSameWindows(@ForAll("airedStarts") List<Long> airedStarts) {
        List<Stretch> stretches = RollingHistory.stretches(SETTINGS, inputs(airedStarts));

        for (long t = -2 * WINDOW_MS; t <= 8 * GRID_MS + WINDOW_MS; t += GRID_MS / 2) {
            for (long instant : List.of(t - 1, t, t + 1)) {
                List<Stretch> holding = stretches.stream().filter(s -> s.afterMs() < instant && instant <= s.untilMs()).toList();
                assertThat(holding).as("stretches holding %d", instant).hasSize(windows(airedStarts, instant).isEmpty() ? 0 : 1);
            }
        }
        for (Stretch stretch : stretches) {
            assertThat(windows(airedStarts, stretch.untilMs())).as("the windows at either end of %s", stretch)
                    .isEqualTo(windows(airedStarts, stretch.afterMs() + 1)).isNotEmpty();
        }
    }

    @Property(tries = 100)
    void aTierThatIsNotRollingNeedsNoHistory(@ForAll("airedStarts") List<Long> airedStarts) {
        List<RatingInput> dma = inputs(airedStarts).stream().map(input -> onTier(input, "DMA")).toList();

        assertThat(RollingHistory.stretches(SETTINGS, dma)).isEmpty();
    }

    @Provide
    Arbitrary<List<Long>> airedStarts() {
        return Arbitraries.longs().between(0, 8).map(step -> step * GRID_MS)
                .flatMap(start -> Arbitraries.longs().between(-1, 1).map(nudge -> start + nudge))
                .list().ofMinSize(1).ofMaxSize(5);
    }

    /** The indexes of the payloads whose rolling window holds {@code instant}. */
    private static Set<Integer> windows(List<Long> airedStarts, long instant) {
        Set<Integer> windows = new TreeSet<>();
        for (int i = 0; i < airedStarts.size(); i++) {
            if (airedStarts.get(i) - WINDOW_MS < instant && instant <= airedStarts.get(i)) {
                windows.add(i);
            }
        }
        return windows;
    }

    private static List<RatingInput> inputs(List<Long> airedStarts) {
        List<RatingInput> inputs = new ArrayList<>();
        IntStream.range(0, airedStarts.size()).forEach(i -> inputs.add(input(i, airedStarts.get(i), "NICHE")));
        return inputs;
    }

    private static RatingInput onTier(RatingInput input, String tier) {
        return input(input.index(), input.payload().airedStartMs(), tier);
    }

    private static RatingInput input(int index, long airedStartMs, String tier) {
        RatingPayload payload = new RatingPayload(index, "spot-" + index, "market", tier, "contract", airedStartMs,
                airedStartMs + 30_000, 10.0, 9.0, null, 30_000, List.of(), airedStartMs + WINDOW_MS);
        return new RatingInput(index, payload.spotId(), "key-" + index, payload, null, null, "client", "contract", null, 2);
    }
}
