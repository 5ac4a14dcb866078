package com.trafficrules.reconciliation.asrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * RetroVue's {@code .asrun.jsonl}, its records shaped as RetroVue Core's {@code evidence_server.py} writes them: a
 * terminal record is a row, joined to its SEG_START for the segment's index, type and uri.
 */
class RetroVueAsRunReaderTest {

    private static final long AT = 1_795_723_920_000L;

    private final RetroVueAsRunReader reader = new RetroVueAsRunReader();
    private final List<AsRunRow> rows = new ArrayList<>();
    private final List<Quarantined> quarantined = new ArrayList<>();

    private void read(String... lines) throws IOException {
        reader.read(new StringReader(String.join("\n", lines) + "\n"), rows::add, quarantined::add);
    }

    private static String json(Map<String, Object> record) {
        return JsonMapper.shared().writeValueAsString(record);
    }

    private static String blockStart(String block) {
        return json(Map.of("event_id", block, "block_id", block, "actual_start_utc_ms", AT, "actual_duration_ms", 0,
                "status", "START"));
    }

    private static String fence(String block) {
        return json(Map.of("event_id", block + "-FENCE", "block_id", block, "actual_end_utc_ms", AT, "actual_duration_ms", 0,
                "status", "FENCE"));
    }

    private static String segStart(String block, int index, String uuid, String type, String uri) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("event_id", block + "-S" + index);
        record.put("block_id", block);
        record.put("actual_start_utc_ms", AT + index * 30_000L);
        record.put("actual_duration_ms", 0);
        record.put("status", "SEG_START");
        record.put("segment_index", index);
        record.put("scheduled_duration_ms", 30_000);
        record.put("segment_uuid", uuid);
        record.put("segment_type", type);
        record.put("asset_uri", uri);
        return json(record);
    }

    /** A terminal record as RetroVue writes one: no index, no uri, the segment's uuid echoed ("" when unknown). */
    private static String terminal(String eventId, String block, String uuid, String status) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("event_id", eventId);
        record.put("block_id", block);
        record.put("actual_start_utc_ms", AT + 350);
        record.put("actual_end_utc_ms", AT + 30_350);
        record.put("actual_duration_ms", 30_000);
        record.put("status", status);
        record.put("reason", null);
        record.put("segment_uuid", uuid);
        record.put("segment_type_name", "");
        return json(record);
    }

    @ParameterizedTest
    @CsvSource({"AIRED,true", "TRUNCATED,true", "SHORT,true", "SUBSTITUTED,true", "SKIPPED,false", "ERROR,false"})
    void eachTerminalStatusIsARow(String status, boolean aired) throws IOException {
        read(blockStart("B1"), segStart("B1", 1, "u-1", "commercial", "/ads/a.ts"), terminal("E-1", "B1", "u-1", status));

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo(status);
            assertThat(row.aired()).isEqualTo(aired);
        });
    }

    @Test
    void aRowTakesItsStartAndLengthFromTheTerminalRecordAndItsLineNumber() throws IOException {
        read(blockStart("B1"), segStart("B1", 1, "u-1", "commercial", "/ads/a.ts"), terminal("E-1", "B1", "u-1", "AIRED"));

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.index()).isEqualTo(3);
            assertThat(row.eventId()).isEqualTo("E-1");
            assertThat(row.startMs()).isEqualTo(AT + 350);
            assertThat(row.durationMs()).isEqualTo(30_000);
            assertThat(row.blockId()).isEqualTo("B1");
        });
    }

    @Test
    void recordsOfOtherStatusesAreNoRows() throws IOException {
        read(blockStart("B1"), segStart("B1", 1, "u-1", "commercial", "/ads/a.ts"), fence("B1"),
                json(Map.of("event_id", "PS-1", "block_id", "", "status", "TERMINATED", "actual_duration_ms", 0)));

        assertThat(rows).isEmpty();
        assertThat(quarantined).isEmpty();
    }

    @Test
    void aSubstitutedRecordTakesItsUriFromItsSegStart() throws IOException {
        read(segStart("B1", 1, "u-1", "commercial", "/ads/substitute.ts"), terminal("E-1", "B1", "u-1", "SUBSTITUTED"));

        assertThat(rows).singleElement().extracting(AsRunRow::assetUri).isEqualTo("/ads/substitute.ts");
    }

    @Test
    void aRecordIsJoinedToItsSegStartBySegmentUuid() throws IOException {
        read(segStart("B1", 1, "u-1", "commercial", "/ads/first.ts"), segStart("B1", 2, "u-2", "promo", "/promos/second.ts"),
                terminal("E-1", "B1", "u-1", "AIRED"));

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.segmentIndex()).isEqualTo(1);
            assertThat(row.availId()).isEqualTo("B1:1");
            assertThat(row.assetUri()).isEqualTo("/ads/first.ts");
        });
    }

    @Test
    void aRecordWithoutSegmentUuidIsJoinedToItsBlocksLatestSegStart() throws IOException {
        read(segStart("B1", 1, "u-1", "commercial", "/ads/first.ts"), segStart("B1", 2, "u-2", "promo", "/promos/second.ts"),
                segStart("B2", 0, "u-3", "commercial", "/ads/other-block.ts"), terminal("E-2", "B1", "", "AIRED"));

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.availId()).isEqualTo("B1:2");
            assertThat(row.assetUri()).isEqualTo("/promos/second.ts");
        });
    }

    @Test
    void aRecordWhoseUuidNoSegStartHasIsJoinedToItsBlocksLatest() throws IOException {
        read(segStart("B1", 1, "u-1", "commercial", "/ads/first.ts"), terminal("E-1", "B1", "u-unknown", "AIRED"));

        assertThat(rows).singleElement().extracting(AsRunRow::availId).isEqualTo("B1:1");
    }

    @Test
    void aRecordWithoutAnySegStartIsARowWithoutSegment() throws IOException {
        read(terminal("E-1", "B1", "u-1", "AIRED"));

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.segmentIndex()).isNull();
            assertThat(row.availId()).isNull();
            assertThat(row.assetUri()).isNull();
        });
    }

    /** RetroVue Core writes segment types in lower case, its playout engine (AIR) in upper case. */
    @ParameterizedTest
    @ValueSource(strings = {"content", "pad", "CONTENT", "PAD"})
    void contentAndPadSegmentsAreNotReconciled(String type) throws IOException {
        read(segStart("B1", 0, "u-0", type, ""), terminal("E-0", "B1", "u-0", "AIRED"));

        assertThat(rows).isEmpty();
        assertThat(quarantined).isEmpty();
    }

    @Test
    void anUnjoinedRecordIsSkippedByTheTypeItEchoes() throws IOException {
        String pad = terminal("E-0", "B1", "", "AIRED").replace("\"segment_type_name\":\"\"", "\"segment_type_name\":\"PAD\"");

        read(pad);

        assertThat(rows).isEmpty();
    }

    @Test
    void aNonJsonLineIsQuarantinedWithItsLineNumberAndTheRestIsRead() throws IOException {
        read(segStart("B1", 1, "u-1", "commercial", "/ads/a.ts"), "{\"event_id\":\"E-0\",\"sta", terminal("E-1", "B1", "u-1", "AIRED"));

        assertThat(rows).extracting(AsRunRow::eventId).containsExactly("E-1");
        assertThat(quarantined).singleElement().extracting(Quarantined::index, Quarantined::code)
                .containsExactly(2, Quarantined.Code.MALFORMED_LINE);
    }

    @Test
    void aJsonValueThatIsNotAnObjectIsMalformed() throws IOException {
        read("[\"AIRED\"]");

        assertThat(quarantined).singleElement().extracting(Quarantined::code).isEqualTo(Quarantined.Code.MALFORMED_LINE);
    }

    @Test
    void aLineThatGivesAFieldTheReaderUsesTwiceIsMalformed() throws IOException {
        read(terminal("E-1", "B1", "u-1", "AIRED").replace("\"status\":\"AIRED\"", "\"status\":\"AIRED\",\"status\":\"SKIPPED\""));

        assertThat(rows).isEmpty();
        assertThat(quarantined).singleElement().extracting(Quarantined::code).isEqualTo(Quarantined.Code.MALFORMED_LINE);
    }

    @Test
    void aLineWithAnythingAfterItsObjectIsMalformed() throws IOException {
        read(terminal("E-1", "B1", "u-1", "AIRED") + " {}");

        assertThat(rows).isEmpty();
        assertThat(quarantined).singleElement().extracting(Quarantined::code).isEqualTo(Quarantined.Code.MALFORMED_LINE);
    }

    @Test
    void nestedValuesOfFieldsTheReaderDoesNotUseAreSkipped() throws IOException {
        read(segStart("B1", 1, "u-1", "commercial", "/ads/a.ts"),
                terminal("E-1", "B1", "u-1", "AIRED").replace("\"reason\":null", "\"reason\":{\"status\":\"SKIPPED\",\"codes\":[1,[2]]}"));

        assertThat(rows).singleElement().extracting(AsRunRow::status, AsRunRow::availId).containsExactly("AIRED", "B1:1");
    }

    @Test
    void aSegmentIndexWrittenWithAZeroFractionIsThatIndex() throws IOException {
        read(segStart("B1", 1, "u-1", "commercial", "/ads/a.ts").replace("\"segment_index\":1", "\"segment_index\":1.0"),
                terminal("E-1", "B1", "u-1", "AIRED"));

        assertThat(rows).singleElement().extracting(AsRunRow::availId).isEqualTo("B1:1");
    }

    @Test
    void blankLinesAreSkippedButCounted() throws IOException {
        read("", segStart("B1", 1, "u-1", "commercial", "/ads/a.ts"), "  ", terminal("E-1", "B1", "u-1", "AIRED"));

        assertThat(rows).singleElement().extracting(AsRunRow::index).isEqualTo(4);
        assertThat(quarantined).isEmpty();
    }

    @Test
    void aTerminalRecordWithoutEventIdIsQuarantinedNamingTheField() throws IOException {
        read(segStart("B1", 1, "u-1", "commercial", "/ads/a.ts"), terminal("", "B1", "u-1", "AIRED"));

        assertThat(quarantined).singleElement().extracting(Quarantined::index, Quarantined::code, Quarantined::detail)
                .containsExactly(2, Quarantined.Code.MISSING_FIELD, "event_id");
    }

    @Test
    void aStartThatIsNoWholeNumberIsUnparseable() throws IOException {
        read(terminal("E-1", "B1", "u-1", "AIRED").replace("\"actual_start_utc_ms\":" + (AT + 350),
                "\"actual_start_utc_ms\":\"2026-11-20T20:12:00Z\""));

        assertThat(quarantined).singleElement().satisfies(bad -> {
            assertThat(bad.code()).isEqualTo(Quarantined.Code.UNPARSEABLE_TIME);
            assertThat(bad.detail()).startsWith("actual_start_utc_ms");
        });
    }

    @Test
    void anAiredRecordOfNoLengthIsQuarantined() throws IOException {
        read(terminal("E-1", "B1", "u-1", "SHORT").replace("\"actual_duration_ms\":30000", "\"actual_duration_ms\":0"));

        assertThat(quarantined).singleElement().extracting(Quarantined::code).isEqualTo(Quarantined.Code.NON_POSITIVE_LENGTH);
    }

    /** The price of a bounded memory: RetroVue writes a block's FENCE after its segments, so this does not happen. */
    @Test
    void aTerminalRecordAfterItsBlocksFenceIsNotJoined() throws IOException {
        read(segStart("B1", 1, "u-1", "commercial", "/ads/a.ts"), fence("B1"), terminal("E-1", "B1", "u-1", "AIRED"));

        assertThat(rows).singleElement().extracting(AsRunRow::availId).isNull();
    }

    @Test
    void fiftyThousandLinesAreReadAsTheyArrive() throws IOException {
        GeneratedAsRun file = new GeneratedAsRun(5_000);
        long[] counted = new long[1];

        reader.read(file, row -> counted[0]++, quarantined::add);

        assertThat(file.linesServed()).isEqualTo(50_000);
        assertThat(counted[0]).isEqualTo(10_000);
        assertThat(quarantined).isEmpty();
    }

    /**
     * An as-run file made while it is read, never held whole: each block is START, a content segment, two commercials,
     * a pad (a SEG_START and a terminal record each), FENCE: ten lines, two of them rows.
     */
    private static final class GeneratedAsRun extends Reader {

        private final int blocks;
        private int block;
        private int lineInBlock;
        private int linesServed;
        private String pending = "";
        private int position;

        GeneratedAsRun(int blocks) {
            this.blocks = blocks;
        }

        int linesServed() {
            return linesServed;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (position == pending.length()) {
                if (block == blocks) {
                    return -1;
                }
                pending = nextLine() + "\n";
                position = 0;
                linesServed++;
            }
            int count = Math.min(length, pending.length() - position);
            pending.getChars(position, position + count, buffer, offset);
            position += count;
            return count;
        }

        private String nextLine() {
            String id = "B" + block;
            int line = lineInBlock++;
            if (line == 9) {
                block++;
                lineInBlock = 0;
                return fence(id);
            }
            if (line == 0) {
                return blockStart(id);
            }
            int segment = (line - 1) / 2;
            String uuid = id + "-u" + segment;
            if (line % 2 == 1) {
                String type = segment == 0 ? "content" : segment == 3 ? "pad" : "commercial";
                return segStart(id, segment, uuid, type, "/media/" + id + "-" + segment + ".ts");
            }
            return terminal(id + "-E" + segment, id, uuid, "AIRED");
        }

        @Override
        public void close() {
        }
    }
}
