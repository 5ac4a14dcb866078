package com.trafficrules.reconciliation.asrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** As-run lengths: whole milliseconds, or HH:MM:SS[.mmm]. */
class DurationsTest {

    @Test
    void wholeMillisecondsAreRead() throws UnreadableValue {
        assertThat(Durations.ms("30000")).isEqualTo(30_000);
    }

    @Test
    void aClockWithMillisecondsIsRead() throws UnreadableValue {
        assertThat(Durations.ms("00:00:30.250")).isEqualTo(30_250);
    }

    @Test
    void aClockWithoutMillisecondsIsRead() throws UnreadableValue {
        assertThat(Durations.ms("01:02:03")).isEqualTo(3_723_000);
    }

    @Test
    void aShortFractionIsTenthsOfASecond() throws UnreadableValue {
        assertThat(Durations.ms("00:00:29.5")).isEqualTo(29_500);
    }

    @ParameterizedTest
    @ValueSource(strings = {"30s", "00:00:30:12", "0:60:00", "30000.0", ""})
    void anythingElseIsUnparseable(String text) {
        assertThatThrownBy(() -> Durations.ms(text)).isInstanceOfSatisfying(UnreadableValue.class,
                refused -> assertThat(refused.code()).isEqualTo(Quarantined.Code.UNPARSEABLE_TIME));
    }
}
