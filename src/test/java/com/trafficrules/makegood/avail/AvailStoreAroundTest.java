package com.trafficrules.makegood.avail;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.makegood.avail.AvailStore.Window;
import com.trafficrules.makegood.facts.AvailOption;
import com.trafficrules.support.HttpTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What routing reads of each make-good's window: the avails of its market starting inside it, by start. Windows of
 * one market that start together are read in one probe, and each still gets only its own.
 */
@HttpTest
class AvailStoreAroundTest {

    private static final long NOW = Instant.parse("2027-03-01T00:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000L;

    @Autowired
    AvailStore avails;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;

    private final String market = "around-" + UUID.randomUUID();
    private final String elsewhere = "around-" + UUID.randomUUID();

    @BeforeEach
    void anAvailEveryHourForFiveHours() {
        avails.upsert(List.of(booked("h3", market, 3), booked("h1", market, 1), booked("h5", market, 5), booked("h2", market, 2),
                booked("h4", market, 4), booked("other", elsewhere, 1)));
    }

    @Test
    void aNarrowWindowGetsOnlyItsOwnAvailsWhenAWiderOneOfItsMarketIsReadWithIt() {
        Map<Integer, List<AvailOption>> read = avails.around(List.of(window(0, market, 0, 10), window(1, market, 0, 3),
                window(2, elsewhere, 0, 10)), 0);

        assertThat(ids(read.get(0))).containsExactly("h1", "h2", "h3", "h4", "h5");
        assertThat(ids(read.get(1))).containsExactly("h1", "h2");
        assertThat(ids(read.get(2))).containsExactly("other");
    }

    @Test
    void theEarliestAreEachWindowsOwnFirstOnes() {
        Map<Integer, List<AvailOption>> read = avails.around(List.of(window(0, market, 0, 10), window(1, market, 0, 2),
                window(2, market, 0, 4)), 3);

        assertThat(ids(read.get(0))).containsExactly("h1", "h2", "h3");
        assertThat(ids(read.get(1))).containsExactly("h1");
        assertThat(ids(read.get(2))).containsExactly("h1", "h2", "h3");
    }

    @Test
    void anAvailStartingAFractionOfAMillisecondBeforeAWindowsEndIsInItAndOneJustAfterIsNot() {
        avails.upsert(List.of(bookedAt("justBefore", HOUR * 2 - 1, 500_000), bookedAt("justAfter", HOUR * 2, 500_000)));

        Map<Integer, List<AvailOption>> read = avails.around(List.of(window(0, market, 0, 10), window(1, market, 0, 2)), 0);

        assertThat(ids(read.get(1))).containsExactly("h1", "justBefore");
        assertThat(ids(read.get(0))).contains("justBefore", "h2", "justAfter");
    }

    @Test
    void windowsAreTheInstantsTheySayWhateverTheConnectionsTimeZone() {
        Map<Integer, List<AvailOption>> read = transactions.execute(status -> {
            jdbc.execute("set local time zone 'America/New_York'");
            return avails.around(List.of(window(0, market, 0, 2)), 0);
        });

        assertThat(ids(read.get(0))).containsExactly("h1");
    }

    @Test
    void aWindowStartingLaterIsReadFromItsOwnStart() {
        Map<Integer, List<AvailOption>> read = avails.around(List.of(window(0, market, 0, 10), window(1, market, 2, 10)), 2);

        assertThat(ids(read.get(0))).containsExactly("h1", "h2");
        assertThat(ids(read.get(1))).containsExactly("h3", "h4");
    }

    @Test
    void aWindowWithNoAvailsGetsNone() {
        Map<Integer, List<AvailOption>> read = avails.around(List.of(window(0, market, 5, 10), window(1, market, 0, 1)), 0);

        assertThat(read.get(0)).isEmpty();
        assertThat(read.get(1)).isEmpty();
    }

    private AvailStore.Booked booked(String name, String itsMarket, int hour) {
        return bookedIn(name, itsMarket, Instant.ofEpochMilli(NOW + hour * HOUR));
    }

    /** An avail of the market starting {@code ms} and {@code nanos} after now. */
    private AvailStore.Booked bookedAt(String name, long ms, int nanos) {
        return bookedIn(name, market, Instant.ofEpochMilli(NOW + ms).plusNanos(nanos));
    }

    private static AvailStore.Booked bookedIn(String name, String itsMarket, Instant start) {
        return new AvailStore.Booked(itsMarket + "-" + name, itsMarket, "program", start, 60_000, 60_000, 1.0, List.of());
    }

    /** The starts after {@code fromHour} and before {@code untilHour}. */
    private static Window window(int index, String itsMarket, int fromHour, int untilHour) {
        return new Window(index, itsMarket, NOW + fromHour * HOUR, NOW + untilHour * HOUR);
    }

    private List<String> ids(List<AvailOption> read) {
        return read.stream().map(avail -> avail.availId().substring(avail.availId().lastIndexOf('-') + 1)).toList();
    }
}
