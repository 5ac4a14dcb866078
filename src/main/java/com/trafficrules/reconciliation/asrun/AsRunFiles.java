package com.trafficrules.reconciliation.asrun;

import com.trafficrules.reconciliation.run.RowTimes;
import com.trafficrules.reconciliation.run.RunRows;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * As-run files as playout systems write them, read as a stream into a run's as-run rows: one row (or line) at a time,
 * nothing of the file kept but, for RetroVue, what each segment's start record said. A row that does not read is
 * quarantined with its line number; the rest go on. Rows are matched by {@code blockId:segmentIndex} (their
 * {@code availId}), else by asset uri (their match key).
 */
public final class AsRunFiles {

    public static final String CSV = "csv";
    public static final String RETROVUE = "retrovue-jsonl";
    public static final Set<String> FORMATS = Set.of(CSV, RETROVUE);

    /** RetroVue's segment types that are not sold inventory, and so not reconciled. */
    private static final Set<String> NOT_RECONCILED = Set.of("content", "pad");
    private static final Set<String> TERMINAL = Set.of("AIRED", "TRUNCATED", "SHORT", "SKIPPED", "SUBSTITUTED", "ERROR");
    private static final CsvMapper CSV_MAPPER = new CsvMapper();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AsRunFiles() {
    }

    /** Reads the file in {@code format} into {@code rows}; times without an offset are local to {@code zone}. */
    public static void read(String format, Reader file, ZoneId zone, RunRows rows) {
        switch (format) {
            case CSV -> csv(file, zone, rows);
            case RETROVUE -> retroVue(file, rows);
            default -> throw new IllegalArgumentException("format is one of " + FORMATS);
        }
    }

    /**
     * A CSV file whose header names its columns, in any order: eventId, spotId, start, durationMs, status, billingCode,
     * blockId, segmentIndex, assetUri. Quoting per RFC 4180 is Jackson's; a row Jackson cannot read is MALFORMED_LINE.
     */
    static void csv(Reader file, ZoneId zone, RunRows rows) {
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> lines = CSV_MAPPER.readerForMapOf(String.class).with(schema).readValues(file)) {
            while (true) {
                int line = (int) lines.currentLocation().getLineNr();
                Map<String, String> row;
                try {
                    if (!lines.hasNextValue()) {
                        return;
                    }
                    row = lines.nextValue();
                } catch (JacksonException e) {
                    rows.quarantine("asRun", Math.max(line, 2), "MALFORMED_LINE", "the line is no CSV row: " + e.getOriginalMessage());
                    continue;
                }
                line = Math.max(line, 2);
                csvRow(line, row, zone, rows);
            }
        }
    }

    private static void csvRow(int line, Map<String, String> row, ZoneId zone, RunRows rows) {
        for (String field : new String[] {"eventId", "start", "durationMs", "status"}) {
            if (blank(row.get(field))) {
                rows.quarantine("asRun", line, "MISSING_FIELD", field + " is required");
                return;
            }
        }
        RowTimes.Read start = RowTimes.offsetOrLocal(row.get("start").trim(), zone);
        if (start.code() != null) {
            rows.quarantine("asRun", line, start.code(), "start is not an RFC 3339 instant or a local date-time the channel has");
            return;
        }
        Long duration = duration(row.get("durationMs").trim());
        if (duration == null) {
            rows.quarantine("asRun", line, "NON_POSITIVE_LENGTH", "durationMs is whole milliseconds or HH:MM:SS[.mmm]");
            return;
        }
        String blockId = trimmed(row.get("blockId"));
        String segment = trimmed(row.get("segmentIndex"));
        rows.addAsRun(line, row.get("eventId").trim(), trimmed(row.get("spotId")),
                blockId != null && segment != null ? blockId + ":" + segment : null, start.epochMs(), duration,
                row.get("status").trim(), trimmed(row.get("billingCode")), trimmed(row.get("assetUri")), trimmed(row.get("assetUri")));
    }

    /** Whole milliseconds, or HH:MM:SS[.mmm]; null for anything else. */
    static Long duration(String text) {
        if (text.matches("\\d+")) {
            return Long.parseLong(text);
        }
        try {
            return LocalTime.parse(text).toNanoOfDay() / 1_000_000;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * RetroVue's {@code .asrun.jsonl}: START and FENCE are block markers, SEG_START describes a segment, and each
     * terminal record (AIRED, TRUNCATED, SHORT, SKIPPED, SUBSTITUTED, ERROR) is one as-run row, joined to its SEG_START
     * by segment_uuid, else to its block's latest one before it. A line that is not JSON is MALFORMED_LINE.
     */
    static void retroVue(Reader file, RunRows rows) {
        Map<String, JsonNode> segmentsByUuid = new HashMap<>();
        Map<String, JsonNode> latestByBlock = new HashMap<>();
        BufferedReader lines = file instanceof BufferedReader buffered ? buffered : new BufferedReader(file);
        try {
            int number = 0;
            for (String text = lines.readLine(); text != null; text = lines.readLine()) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode record;
                try {
                    record = JSON.readTree(text);
                } catch (JacksonException e) {
                    rows.quarantine("asRun", number, "MALFORMED_LINE", "the line is not JSON");
                    continue;
                }
                if (!record.isObject()) {
                    rows.quarantine("asRun", number, "MALFORMED_LINE", "the line is not a JSON object");
                    continue;
                }
                String status = record.path("status").asString("");
                if (status.equals("SEG_START")) {
                    segmentsByUuid.put(record.path("segment_uuid").asString(""), record);
                    latestByBlock.put(record.path("block_id").asString(""), record);
                } else if (TERMINAL.contains(status)) {
                    JsonNode segment = segmentsByUuid.get(record.path("segment_uuid").asString(""));
                    if (segment == null) {
                        segment = latestByBlock.get(record.path("block_id").asString(""));
                    }
                    retroVueRow(number, record, segment, status, rows);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void retroVueRow(int line, JsonNode record, JsonNode segment, String status, RunRows rows) {
        if (segment != null && NOT_RECONCILED.contains(segment.path("segment_type").asString("").toLowerCase(Locale.ROOT))) {
            return;
        }
        for (String field : new String[] {"event_id", "actual_start_utc_ms", "actual_duration_ms"}) {
            if (!record.hasNonNull(field)) {
                rows.quarantine("asRun", line, "MISSING_FIELD", field + " is required");
                return;
            }
        }
        if (!record.get("actual_start_utc_ms").isIntegralNumber() || !record.get("actual_duration_ms").isIntegralNumber()) {
            rows.quarantine("asRun", line, "UNPARSEABLE_TIME", "actual_start_utc_ms and actual_duration_ms are whole milliseconds");
            return;
        }
        String blockId = record.hasNonNull("block_id") ? record.get("block_id").asString()
                : segment == null ? null : segment.path("block_id").asString(null);
        String availId = segment != null && segment.hasNonNull("segment_index") && blockId != null
                ? blockId + ":" + segment.get("segment_index").asInt() : null;
        String uri = segment == null ? null : segment.path("asset_uri").asString(null);
        rows.addAsRun(line, record.get("event_id").asString(), null, availId, record.get("actual_start_utc_ms").asLong(),
                record.get("actual_duration_ms").asLong(), status, null, uri, uri);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String trimmed(String value) {
        return blank(value) ? null : value.trim();
    }
}
