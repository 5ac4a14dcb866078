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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;

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
 * <p>Memory: one line and the fields it uses at a time, plus the SEG_STARTs a later terminal may still join: one per segment
 * whose terminal has not come, and the latest per block, both dropped at the block's FENCE. RetroVue writes a block's
 * FENCE after its segments' records, so that is the blocks on air at once (one or two), whatever the file's length; a
 * file whose blocks never FENCE keeps one SEG_START per block (a few hundred bytes each).
 */
public final class RetroVueAsRunReader {

    private static final Set<String> TERMINAL_STATUSES = Set.of("AIRED", "TRUNCATED", "SHORT", "SKIPPED", "SUBSTITUTED", "ERROR");
    private static final Set<String> NOT_RECONCILED_TYPES = Set.of("content", "pad");

    private static final JsonFactory JSON = new JsonFactory();

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
            Record record;
            try {
                record = Record.read(line);
            } catch (JacksonException e) {
                quarantined.accept(Quarantined.asRun(lineNumber, MALFORMED_LINE, "not JSON: " + e.getOriginalMessage()));
                continue;
            } catch (NotAnObject e) {
                quarantined.accept(Quarantined.asRun(lineNumber, MALFORMED_LINE, e.getMessage()));
                continue;
            }
            String status = record.text("status");
            if ("SEG_START".equals(status)) {
                segments.started(segmentStart(record));
            } else if ("FENCE".equals(status)) {
                segments.fenced(record.text("block_id"));
            } else if (TERMINAL_STATUSES.contains(status)) {
                terminal(lineNumber, record, status, segments, rows, quarantined);
            }
        }
    }

    private static void terminal(int lineNumber, Record record, String status, OpenSegments segments,
                                 Consumer<AsRunRow> rows, Consumer<Quarantined> quarantined) {
        String recordBlockId = record.text("block_id");
        SegmentStart segment = segments.ended(record.text("segment_uuid"), recordBlockId);
        // The terminal echoes its segment's type as segment_type_name; the SEG_START's is the one a join vouches for.
        String type = segment != null ? segment.type() : record.text("segment_type_name");
        if (type != null && NOT_RECONCILED_TYPES.contains(type.toLowerCase(Locale.ROOT))) {
            return;
        }
        try {
            rows.accept(toRow(lineNumber, record, status, recordBlockId, segment));
        } catch (UnreadableValue e) {
            quarantined.accept(Quarantined.asRun(lineNumber, e.code(), e.getMessage()));
        }
    }

    private static AsRunRow toRow(int lineNumber, Record record, String status, String recordBlockId,
                                  SegmentStart segment) throws UnreadableValue {
        String eventId = record.text("event_id");
        if (eventId == null) {
            throw new UnreadableValue(MISSING_FIELD, "event_id");
        }
        long startMs = record.wholeNumber("actual_start_utc_ms");
        long durationMs = record.wholeNumber("actual_duration_ms");
        if (durationMs <= 0 && AsRunStatus.valueOf(status).aired()) {
            throw new UnreadableValue(NON_POSITIVE_LENGTH, "actual_duration_ms: " + durationMs + " for a segment that " + status);
        }
        String blockId = recordBlockId != null ? recordBlockId : segment == null ? null : segment.blockId();
        Integer segmentIndex = segment == null ? null : segment.index();
        return new AsRunRow(lineNumber, eventId, null, AsRunRow.availIdOf(blockId, segmentIndex), blockId, segmentIndex,
                startMs, durationMs, status, null, segment == null ? null : segment.assetUri());
    }

    private static SegmentStart segmentStart(Record record) {
        return new SegmentStart(record.text("segment_uuid"), record.text("block_id"), record.index("segment_index"),
                record.text("segment_type"), record.text("asset_uri"));
    }

    /** A line that is JSON but not an object. */
    private static final class NotAnObject extends Exception {

        NotAnObject() {
            super("not a JSON object", null, false, false);
        }
    }

    /**
     * The fields of a line the reader uses, each as the token it was written as and its text; the rest, nested values
     * included, are skipped. Read token by token rather than as a tree: a tree is a map a line and a node a field,
     * which a 50,000-line file allocates by the hundred megabytes.
     */
    private static final class Record {

        private static final List<String> FIELDS = List.of("status", "block_id", "segment_uuid", "segment_index", "segment_type",
                "asset_uri", "event_id", "actual_start_utc_ms", "actual_duration_ms", "segment_type_name");
        private static final Map<String, Integer> SLOTS = new HashMap<>();

        static {
            FIELDS.forEach(field -> SLOTS.put(field, SLOTS.size()));
        }

        private final JsonToken[] tokens = new JsonToken[FIELDS.size()];
        private final String[] texts = new String[FIELDS.size()];

        /**
         * The line's one JSON object. Anything after it, a value that is no object, or a field the reader uses given
         * twice (which leaves it unclear what the line says) is malformed; fields it does not use are not looked at,
         * so that each line costs no set of names.
         */
        static Record read(String line) throws NotAnObject {
            Record record = new Record();
            try (JsonParser parser = JSON.createParser(line)) {
                boolean object = parser.nextToken() == JsonToken.START_OBJECT;
                if (object) {
                    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                        Integer slot = SLOTS.get(parser.currentName());
                        JsonToken value = parser.nextToken();
                        if (slot != null) {
                            if (record.tokens[slot] != null) {
                                throw new StreamReadException(parser, "Duplicate field '" + parser.currentName() + "'");
                            }
                            record.tokens[slot] = value;
                            record.texts[slot] = value.isScalarValue() ? parser.getString() : null;
                        }
                        parser.skipChildren();
                    }
                } else {
                    parser.skipChildren();
                }
                JsonToken trailing = parser.nextToken();
                if (trailing != null) {
                    throw new StreamReadException(parser, "Trailing token (of type " + trailing + ") found after the value");
                }
                if (!object) {
                    throw new NotAnObject();
                }
            }
            return record;
        }

        /** A string field, trimmed; absent, null, not a string or empty (RetroVue writes "" for "none") is no value. */
        String text(String field) {
            int slot = SLOTS.get(field);
            if (tokens[slot] != JsonToken.VALUE_STRING) {
                return null;
            }
            String trimmed = texts[slot].strip();
            return trimmed.isEmpty() ? null : trimmed;
        }

        /** A whole number from 0 to Integer.MAX_VALUE, also when written with a zero fraction (3.0); else no value. */
        Integer index(String field) {
            int slot = SLOTS.get(field);
            if (tokens[slot] != JsonToken.VALUE_NUMBER_INT && tokens[slot] != JsonToken.VALUE_NUMBER_FLOAT) {
                return null;
            }
            double number = Double.parseDouble(texts[slot]);
            return number == Math.rint(number) && number >= 0 && number <= Integer.MAX_VALUE ? (int) number : null;
        }

        long wholeNumber(String field) throws UnreadableValue {
            int slot = SLOTS.get(field);
            JsonToken token = tokens[slot];
            if (token == null || token == JsonToken.VALUE_NULL) {
                throw new UnreadableValue(MISSING_FIELD, field);
            }
            if (token == JsonToken.VALUE_NUMBER_INT) {
                try {
                    return Long.parseLong(texts[slot]);
                } catch (NumberFormatException beyondLong) {
                    // refused below, as any other value that is no whole number of milliseconds
                }
            }
            String written = token == JsonToken.VALUE_STRING ? '"' + texts[slot] + '"'
                    : token.isScalarValue() ? texts[slot] : token == JsonToken.START_OBJECT ? "an object" : "a list";
            throw new UnreadableValue(UNPARSEABLE_TIME, field + ": " + written + " is not a whole number of milliseconds");
        }
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
