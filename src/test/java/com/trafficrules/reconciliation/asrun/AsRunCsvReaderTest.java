package com.trafficrules.reconciliation.asrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** CSV as-run files: the header names the columns; each bad line is quarantined with its line number, the rest read. */
class AsRunCsvReaderTest {

    private static final String HEADER = "eventId,start,durationMs,status";

    private final AsRunCsvReader reader = new AsRunCsvReader(ZoneId.of("America/New_York"));
    private final List<AsRunRow> rows = new ArrayList<>();
    private final List<Quarantined> quarantined = new ArrayList<>();

    private void read(String... lines) throws IOException {
        reader.read(new StringReader(String.join("\n", lines) + "\n"), rows::add, quarantined::add);
    }

    private static String aired(String eventId) {
        return eventId + ",2026-11-20T20:12:00Z,30000,AIRED";
    }

    private List<String> eventIds() {
        return rows.stream().map(AsRunRow::eventId).toList();
    }

    @Test
    void aRowIsReadWithItsLineNumber() throws IOException {
        read(HEADER, aired("E-1"), aired("E-2"));

        assertThat(rows).extracting(AsRunRow::index).containsExactly(2, 3);
        assertThat(rows.get(0)).satisfies(row -> {
            assertThat(row.startMs()).isEqualTo(Instant.parse("2026-11-20T20:12:00Z").toEpochMilli());
            assertThat(row.durationMs()).isEqualTo(30_000);
            assertThat(row.status()).isEqualTo("AIRED");
        });
        assertThat(quarantined).isEmpty();
    }

    @Test
    void columnsAreReadInAnyOrderAndAnyCase() throws IOException {
        read("Status,billingCode,EVENTID,durationMs,spotId,start", "AIRED,NAT-1001,E-1,30000,S-1,2026-11-20T20:12:00Z");

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.eventId()).isEqualTo("E-1");
            assertThat(row.spotId()).isEqualTo("S-1");
            assertThat(row.billingCode()).isEqualTo("NAT-1001");
            assertThat(row.status()).isEqualTo("AIRED");
        });
    }

    @Test
    void unknownColumnsAreIgnored() throws IOException {
        read("operator," + HEADER, "jd," + aired("E-1"));

        assertThat(eventIds()).containsExactly("E-1");
        assertThat(quarantined).isEmpty();
    }

    @Test
    void aQuotedFieldKeepsItsCommaAndItsDoubledQuote() throws IOException {
        read(HEADER + ",assetUri", aired("E-1") + ",\"file:///ads/Spring, \"\"Final\"\".ts\"");

        assertThat(rows).singleElement().extracting(AsRunRow::assetUri)
                .isEqualTo("file:///ads/Spring, \"Final\".ts");
    }

    @Test
    void aQuotedFieldSpanningLinesCountsEveryLine() throws IOException {
        read(HEADER + ",assetUri", aired("E-1") + ",\"two\nlines\"", aired("E-2") + ",x");

        assertThat(rows).extracting(AsRunRow::index).containsExactly(2, 4);
    }

    @Test
    void aClockDurationWithMillisecondsIsRead() throws IOException {
        read(HEADER, "E-1,2026-11-20T20:12:00Z,00:00:29.750,SHORT");

        assertThat(rows).singleElement().extracting(AsRunRow::durationMs).isEqualTo(29_750L);
    }

    @Test
    void aStartWithoutAnOffsetIsTheChannelsLocalTime() throws IOException {
        read(HEADER, "E-1,2026-11-20T15:12:00.350,30000,AIRED");

        assertThat(rows).singleElement().extracting(AsRunRow::startMs)
                .isEqualTo(Instant.parse("2026-11-20T20:12:00.350Z").toEpochMilli());
    }

    @Test
    void aLocalStartInTheRepeatedHourIsQuarantinedAsAmbiguous() throws IOException {
        read(HEADER, "E-1,2026-11-01T01:30:00,30000,AIRED");

        assertThat(quarantined).singleElement().satisfies(bad -> {
            assertThat(bad.code()).isEqualTo(Quarantined.Code.AMBIGUOUS_LOCAL_TIME);
            assertThat(bad.detail()).startsWith("start: ");
        });
    }

    @Test
    void blockAndSegmentIndexMakeTheAvailId() throws IOException {
        read(HEADER + ",blockId,segmentIndex", aired("E-1") + ",B-7,3", aired("E-2") + ",B-7,");

        assertThat(rows).extracting(AsRunRow::availId).containsExactly("B-7:3", null);
        assertThat(rows).extracting(AsRunRow::segmentIndex).containsExactly(3, null);
    }

    @Test
    void emptyOptionalFieldsAreNoValue() throws IOException {
        read(HEADER + ",spotId,billingCode", aired("E-1") + ",,  ");

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.spotId()).isNull();
            assertThat(row.billingCode()).isNull();
        });
    }

    @Test
    void aBillingCodeIsTrimmedButNotMapped() throws IOException {
        read(HEADER + ",billingCode", aired("E-1") + ", NATL-1001 ");

        assertThat(rows).singleElement().extracting(AsRunRow::billingCode).isEqualTo("NATL-1001");
    }

    @Test
    void aGarbageLineIsQuarantinedWithItsLineNumberAndTheLinesAfterItAreRead() throws IOException {
        read(HEADER, aired("E-1"), "#### transmission interrupted ####", aired("E-3"), aired("E-4"));

        assertThat(eventIds()).containsExactly("E-1", "E-3", "E-4");
        assertThat(quarantined).singleElement().satisfies(bad -> {
            assertThat(bad.index()).isEqualTo(3);
            assertThat(bad.code()).isEqualTo(Quarantined.Code.MALFORMED_LINE);
            assertThat(bad.detail()).contains("resumed at line 4");
        });
    }

    @Test
    void aLineWithMoreFieldsThanTheHeaderIsMalformed() throws IOException {
        read(HEADER, aired("E-1") + ",NAT-1001", aired("E-2"));

        assertThat(eventIds()).containsExactly("E-2");
        assertThat(quarantined).singleElement().extracting(Quarantined::index, Quarantined::code)
                .containsExactly(2, Quarantined.Code.MALFORMED_LINE);
    }

    @Test
    void aCharacterAfterAClosingQuoteLosesOnlyItsLine() throws IOException {
        read(HEADER, "E-1,\"2026-11-20T20:12:00Z\"x,30000,AIRED", aired("E-2"));

        assertThat(eventIds()).containsExactly("E-2");
        assertThat(quarantined).singleElement().extracting(Quarantined::index, Quarantined::code)
                .containsExactly(2, Quarantined.Code.MALFORMED_LINE);
    }

    /** RFC 4180 lets a quoted field span lines, so an unclosed quote reads on until the next quote closes it. */
    @Test
    void anUnclosedQuoteTakesTheLinesUpToTheNextQuoteAndSaysWhichWereLost() throws IOException {
        read(HEADER, "E-1,\"2026-11-20T20:12:00Z,30000,AIRED", aired("E-2"), "E-3,\"2026-11-20T20:13:00Z\",30000,AIRED",
                aired("E-4"));

        assertThat(eventIds()).containsExactly("E-4");
        assertThat(quarantined).singleElement().satisfies(bad -> {
            assertThat(bad.index()).isEqualTo(2);
            assertThat(bad.detail()).contains("lines 2-4 could not be read", "resumed at line 5");
        });
    }

    @Test
    void anUnclosedQuoteWithNoQuoteAfterItLosesTheRestOfTheFile() throws IOException {
        read(HEADER, aired("E-1"), "E-2,\"2026-11-20T20:12:00Z,30000,AIRED", aired("E-3"), aired("E-4"));

        assertThat(eventIds()).containsExactly("E-1");
        assertThat(quarantined).singleElement().satisfies(bad -> {
            assertThat(bad.index()).isEqualTo(3);
            assertThat(bad.detail()).contains("nothing after it could be read");
        });
    }

    @Test
    void anUnclosedQuoteCostsAtMostTheFieldLimitThenReadingResumes() throws IOException {
        List<String> lines = new ArrayList<>(List.of(HEADER, "E-0,\"2026-11-20T20:12:00Z,30000,AIRED"));
        int following = 4 * AsRunCsvReader.MAX_FIELD_CHARS / aired("E-0000").length();
        IntStream.rangeClosed(1, following).forEach(n -> lines.add(aired("E-" + n)));

        read(lines.toArray(String[]::new));

        assertThat(quarantined).singleElement().satisfies(bad -> {
            assertThat(bad.index()).isEqualTo(2);
            assertThat(bad.detail()).contains("resumed at line");
        });
        assertThat(rows).isNotEmpty().last().extracting(AsRunRow::eventId).isEqualTo("E-" + following);
        assertThat(rows.size()).isGreaterThan(following / 2);
    }

    @Test
    void aRowWithoutARequiredFieldIsQuarantinedNamingIt() throws IOException {
        read(HEADER, "E-1,,30000,AIRED", aired("E-2"));

        assertThat(eventIds()).containsExactly("E-2");
        assertThat(quarantined).singleElement().extracting(Quarantined::index, Quarantined::code, Quarantined::detail)
                .containsExactly(2, Quarantined.Code.MISSING_FIELD, "start");
    }

    @Test
    void aHeaderWithoutARequiredColumnQuarantinesEachRow() throws IOException {
        read("eventId,start,status", "E-1,2026-11-20T20:12:00Z,AIRED");

        assertThat(quarantined).singleElement().extracting(Quarantined::code, Quarantined::detail)
                .containsExactly(Quarantined.Code.MISSING_FIELD, "durationMs");
    }

    @Test
    void anUnknownStatusIsQuarantined() throws IOException {
        read(HEADER, "E-1,2026-11-20T20:12:00Z,30000,PLAYED");

        assertThat(quarantined).singleElement().satisfies(bad -> {
            assertThat(bad.code()).isEqualTo(Quarantined.Code.UNKNOWN_STATUS);
            assertThat(bad.detail()).startsWith("status: 'PLAYED'");
        });
    }

    @Test
    void anUnreadableStartIsQuarantinedAsUnparseable() throws IOException {
        read(HEADER, "E-1,yesterday,30000,AIRED");

        assertThat(quarantined).singleElement().extracting(Quarantined::code).isEqualTo(Quarantined.Code.UNPARSEABLE_TIME);
    }

    @Test
    void anAiredRowOfNoLengthIsQuarantined() throws IOException {
        read(HEADER, "E-1,2026-11-20T20:12:00Z,0,AIRED");

        assertThat(quarantined).singleElement().extracting(Quarantined::code).isEqualTo(Quarantined.Code.NON_POSITIVE_LENGTH);
    }

    @Test
    void aSkippedRowOfNoLengthIsKept() throws IOException {
        read(HEADER, "E-1,2026-11-20T20:12:00Z,0,SKIPPED");

        assertThat(rows).singleElement().satisfies(row -> assertThat(row.aired()).isFalse());
    }

    @Test
    void aBrokenHeaderIsQuarantinedAndNothingIsRead() throws IOException {
        read("eventId,\"start\"x,durationMs,status", aired("E-1"));

        assertThat(rows).isEmpty();
        assertThat(quarantined).singleElement().extracting(Quarantined::index, Quarantined::code)
                .containsExactly(1, Quarantined.Code.MALFORMED_LINE);
    }

    @Test
    void bytesWithAByteOrderMarkAreReadAsUtf8() throws IOException {
        byte[] csv = ("\uFEFF" + HEADER + ",billingCode\n" + aired("E-1") + ",LOC-Zürich\n").getBytes(StandardCharsets.UTF_8);

        reader.read(new ByteArrayInputStream(csv), rows::add, quarantined::add);

        assertThat(rows).singleElement().extracting(AsRunRow::billingCode).isEqualTo("LOC-Zürich");
    }
}
