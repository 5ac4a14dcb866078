package com.trafficrules.reconciliation.asrun;

import static com.trafficrules.reconciliation.asrun.Quarantined.Code.MALFORMED_LINE;
import static com.trafficrules.reconciliation.asrun.Quarantined.Code.MISSING_FIELD;
import static com.trafficrules.reconciliation.asrun.Quarantined.Code.NON_POSITIVE_LENGTH;
import static com.trafficrules.reconciliation.asrun.Quarantined.Code.UNPARSEABLE_TIME;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads RetroVue's {@code .asrun.jsonl}: one JSON object a line, as RetroVue Core's as-run writer appends them
 * ({@code AsRunWriter.write_and_flush} in {@code pkg/core/src/retrovue/runtime/evidence_server.py}).
 *
 * <ul>
 *   <li>{@code START} and {@code FENCE} records mark a block's start and end.</li>
 *   <li>A {@code SEG_START} record describes a segment: {@code block_id}, {@code segment_index}, {@code segment_uuid},
 *       {@code segment_type}, {@code asset_uri}.</li>
 *   <li>Each terminal record (AIRED, TRUNCATED, SHORT, SKIPPED, SUBSTITUTED, ERROR) is one as-run row:
 *       {@code event_id}, {@code block_id}, {@code actual_start_utc_ms}, {@code actual_duration_ms}, its status. It
 *       carries no index and no uri, so it is joined to its SEG_START (earlier in the file) by {@code segment_uuid},
 *       else to its block's latest SEG_START; the uri, also a substitute's, is the SEG_START's.</li>
 *   <li>Records of any other status ({@code TERMINATED}, …) are no row.</li>
 * </ul>
 * Content and pad segments are not reconciled: their rows are dropped, unquarantined. RetroVue spells segment types
 * in lower case in Core ({@code content}, {@code pad}) and in upper case in AIR ({@code CONTENT}, {@code PAD}); both
 * count. A line that is not a JSON object is quarantined ({@code MALFORMED_LINE}, its 1-based line number); blank lines
 * are skipped.
 *
 * <p>Memory: one line and its tree at a time, plus the SEG_STARTs a later terminal may still join: one per segment
 * whose terminal has not come, and the latest per block, both dropped at the block's FENCE. RetroVue writes a block's
 * FENCE after its segments' records, so that is the blocks on air at once (one or two), whatever the file's length; a
 * file whose blocks never FENCE keeps one SEG_START per block (a few hundred bytes each).
 */
public final class RetroVueAsRunReader {

    private static final Set<String> TERMINAL_STATUSES = Set.of("AIRED", "TRUNCATED", "SHORT", "SKIPPED", "SUBSTITUTED", "ERROR");
    private static final Set<String> NOT_RECONCILED_TYPES = Set.of("content", "pad");

    /** A key given twice, or anything after the object, leaves it unclear what the line says: both are malformed. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public void read(InputStream jsonl, Consumer<AsRunRow> rows, Consumer<Quarantined> quarantined) throws IOException {
        read(new InputStreamReader(jsonl, StandardCharsets.UTF_8), rows, quarantined);
    }

    /** Reads to the end of {@code jsonl}; the caller closes it. */
    public void read(Reader jsonl, Consumer<AsRunRow> rows, Consumer<Quarantined> quarantined) throws IOException {
        BufferedReader lines = jsonl instanceof BufferedReader buffered ? buffered : new BufferedReader(jsonl);
        OpenSegments segments = new OpenSegments();
        int lineNumber = 0;
        String line;
        while ((line = lines.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode record;
            try {
                record = JSON.readTree(line);
            } catch (JacksonException e) {
                quarantined.accept(Quarantined.asRun(lineNumber, MALFORMED_LINE, "not JSON: " + e.getOriginalMessage()));
                continue;
            }
            if (!record.isObject()) {
                quarantined.accept(Quarantined.asRun(lineNumber, MALFORMED_LINE, "not a JSON object"));
                continue;
            }
            String status = text(record, "status");
            if ("SEG_START".equals(status)) {
                segments.started(segmentStart(record));
            } else if ("FENCE".equals(status)) {
                segments.fenced(text(record, "block_id"));
            } else if (TERMINAL_STATUSES.contains(status)) {
                terminal(lineNumber, record, status, segments, rows, quarantined);
            }
        }
    }

    private static void terminal(int lineNumber, JsonNode record, String status, OpenSegments segments,
                                 Consumer<AsRunRow> rows, Consumer<Quarantined> quarantined) {
        String recordBlockId = text(record, "block_id");
        SegmentStart segment = segments.ended(text(record, "segment_uuid"), recordBlockId);
        // The terminal echoes its segment's type as segment_type_name; the SEG_START's is the one a join vouches for.
        String type = segment != null ? segment.type() : text(record, "segment_type_name");
        if (type != null && NOT_RECONCILED_TYPES.contains(type.toLowerCase(Locale.ROOT))) {
            return;
        }
        try {
            rows.accept(toRow(lineNumber, record, status, recordBlockId, segment));
        } catch (UnreadableValue e) {
            quarantined.accept(Quarantined.asRun(lineNumber, e.code(), e.getMessage()));
        }
    }

    private static AsRunRow toRow(int lineNumber, JsonNode record, String status, String recordBlockId,
                                  SegmentStart segment) throws UnreadableValue {
        String eventId = text(record, "event_id");
        if (eventId == null) {
            throw new UnreadableValue(MISSING_FIELD, "event_id");
        }
        long startMs = wholeNumber(record, "actual_start_utc_ms");
        long durationMs = wholeNumber(record, "actual_duration_ms");
        if (durationMs <= 0 && AsRunStatus.valueOf(status).aired()) {
            throw new UnreadableValue(NON_POSITIVE_LENGTH, "actual_duration_ms: " + durationMs + " for a segment that " + status);
        }
        String blockId = recordBlockId != null ? recordBlockId : segment == null ? null : segment.blockId();
        Integer segmentIndex = segment == null ? null : segment.index();
        return new AsRunRow(lineNumber, eventId, null, AsRunRow.availIdOf(blockId, segmentIndex), blockId, segmentIndex,
                startMs, durationMs, status, null, segment == null ? null : segment.assetUri());
    }

    private static SegmentStart segmentStart(JsonNode record) {
        JsonNode index = record.path("segment_index");
        return new SegmentStart(text(record, "segment_uuid"), text(record, "block_id"),
                index.canConvertToExactIntegral() && index.canConvertToInt() && index.intValue() >= 0 ? index.intValue() : null,
                text(record, "segment_type"), text(record, "asset_uri"));
    }

    /** A string field, trimmed; absent, null, not a string or empty (RetroVue writes "" for "none") is no value. */
    private static String text(JsonNode record, String field) {
        String value = record.path(field).stringValue(null);
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static long wholeNumber(JsonNode record, String field) throws UnreadableValue {
        JsonNode value = record.path(field);
        if (value.isMissingNode() || value.isNull()) {
            throw new UnreadableValue(MISSING_FIELD, field);
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new UnreadableValue(UNPARSEABLE_TIME, field + ": " + value + " is not a whole number of milliseconds");
        }
        return value.longValue();
    }

    /** What a SEG_START says about its segment. */
    private record SegmentStart(String uuid, String blockId, Integer index, String type, String assetUri) {
    }

    /** The SEG_STARTs a terminal record may still be joined to (see the class comment for the memory this takes). */
    private static final class OpenSegments {

        private final Map<String, SegmentStart> awaitingTerminalByUuid = new HashMap<>();
        private final Map<String, SegmentStart> latestByBlock = new HashMap<>();

        void started(SegmentStart segment) {
            if (segment.uuid() != null) {
                awaitingTerminalByUuid.put(segment.uuid(), segment);
            }
            if (segment.blockId() != null) {
                latestByBlock.put(segment.blockId(), segment);
            }
        }

        /** The SEG_START a terminal record belongs to, if any; by uuid it is joined once (one terminal a segment). */
        SegmentStart ended(String uuid, String blockId) {
            SegmentStart byUuid = uuid == null ? null : awaitingTerminalByUuid.remove(uuid);
            if (byUuid != null) {
                return byUuid;
            }
            return blockId == null ? null : latestByBlock.get(blockId);
        }

        void fenced(String blockId) {
            if (blockId != null) {
                latestByBlock.remove(blockId);
                awaitingTerminalByUuid.values().removeIf(segment -> blockId.equals(segment.blockId()));
            }
        }
    }
}
