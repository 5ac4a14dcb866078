package com.trafficrules.fill.playlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** A channel's plays per asset per UTC day are read once per day and kept for four days. */
class DailyPlaysTest {

    private static final UUID ASSET = UUID.randomUUID();
    private static final long DAY = DailyPlays.DAY_MS;

    private final DailyPlays daily = new DailyPlays();
    /** The day starts read from the play log, in order. */
    private final List<Long> read = new ArrayList<>();

    private long playsOn(long dayIndex) {
        return daily.on(ASSET, dayIndex * DAY + 3_600_000, dayStart -> {
            read.add(dayStart);
            return Map.of(ASSET, 2L);
        });
    }

    @Test
    void aDayIsReadOnceAndThePlaysLoggedSinceAreCounted() {
        playsOn(0);
        daily.played(ASSET, 600_000);

        assertThat(playsOn(0)).isEqualTo(3);
        assertThat(read).containsExactly(0L);
    }

    @Test
    void fourDaysAreAllKept() {
        LongStream.range(0, 4).forEach(this::playsOn);

        LongStream.range(0, 4).forEach(this::playsOn);

        assertThat(read).hasSize(4);
    }

    @Test
    void oneDayMoreThanFourIsReadAgain() {
        LongStream.range(0, 5).forEach(this::playsOn);

        LongStream.range(0, 5).forEach(this::playsOn);

        assertThat(read).hasSizeGreaterThan(5);
    }
}
