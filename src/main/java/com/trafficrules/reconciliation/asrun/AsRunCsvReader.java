package com.trafficrules.reconciliation.asrun;

import static com.trafficrules.reconciliation.asrun.Quarantined.Code.MALFORMED_LINE;
import static com.trafficrules.reconciliation.asrun.Quarantined.Code.MISSING_FIELD;
import static com.trafficrules.reconciliation.asrun.Quarantined.Code.NON_POSITIVE_LENGTH;
import static com.trafficrules.reconciliation.asrun.Quarantined.Code.UNKNOWN_STATUS;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.dataformat.csv.CsvFactory;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvParser;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Reads a CSV as-run file row by row: a header row names the columns, in any order and in any case (eventId, spotId,
 * start, durationMs, status, billingCode, blockId, segmentIndex, assetUri; others are ignored); fields are quoted per
 * RFC 4180. Each row goes to a consumer as it is read, or to the quarantine with its 1-based line number (the header is
 * line 1; a quoted field spanning lines counts every line), and the reading goes on after it.
 *
 * <p>A line Jackson's CSV parser cannot read ({@code MALFORMED_LINE}): a character after a closing quote, or a number
 * of fields other than the header's (RFC 4180: every record has as many). The parser skips to the end of that record
 * and goes on; the quarantine's detail says where reading resumed, so that lines lost with it are visible. A quote
 * opened and never closed takes everything after it as one field, as RFC 4180 allows a field to span lines: reading
 * resumes only where that field stops, at its next quote, or once it passes {@link #MAX_FIELD_CHARS} characters
 * (which also bounds what one field can hold in memory), or not at all when the file ends first.
 */
public final class AsRunCsvReader {

    /** Far above any real field (an asset uri is well under 1 KiB), and the most a runaway quote costs. */
    static final int MAX_FIELD_CHARS = 64 * 1024;

    private static final CsvMapper CSV = CsvMapper.builder(CsvFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_FIELD_CHARS).build())
                    // The caller opened the source and closes it.
                    .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                    .build())
            // Too few fields is as malformed as too many (too many fails by default).
            .enable(CsvReadFeature.FAIL_ON_MISSING_COLUMNS)
            // A blank line (often the last) is no row and no error.
            .enable(CsvReadFeature.SKIP_EMPTY_LINES)
            .build();
    private static final CsvSchema HEADER_FIRST = CsvSchema.emptySchema().withHeader();

    private enum Column {
        EVENT_ID("eventId"), SPOT_ID("spotId"), START("start"), DURATION_MS("durationMs"), STATUS("status"),
        BILLING_CODE("billingCode"), BLOCK_ID("blockId"), SEGMENT_INDEX("segmentIndex"), ASSET_URI("assetUri");

        final String header;

        Column(String header) {
            this.header = header;
        }

        static Column named(String headerName) {
            // A byte-order mark the caller's Reader decoded stays in front of the first name.
            String name = headerName.replace("\uFEFF", "").strip();
            return Arrays.stream(values()).filter(column -> column.header.equalsIgnoreCase(name)).findFirst().orElse(null);
        }
    }

    private final ZoneId channelZone;

    /** @param channelZone the zone a start without an offset is local time in */
    public AsRunCsvReader(ZoneId channelZone) {
        this.channelZone = Objects.requireNonNull(channelZone, "channelZone");
    }

    /** Reads bytes as Jackson detects their encoding: UTF-8 unless a byte-order mark says otherwise. */
    public void read(InputStream csv, Consumer<AsRunRow> rows, Consumer<Quarantined> quarantined) throws IOException {
        try (JsonParser parser = CSV.reader().with(HEADER_FIRST).createParser(csv)) {
            read((CsvParser) parser, rows, quarantined);
        } catch (JacksonIOException e) {
            throw e.getCause();
        }
    }

    public void read(Reader csv, Consumer<AsRunRow> rows, Consumer<Quarantined> quarantined) throws IOException {
        try (JsonParser parser = CSV.reader().with(HEADER_FIRST).createParser(csv)) {
            read((CsvParser) parser, rows, quarantined);
        } catch (JacksonIOException e) {
            throw e.getCause();
        }
    }

    /**
     * One pass over the tokens: a row is START_OBJECT, its named values, END_OBJECT. After a parse error the parser
     * either still owes the row's END_OBJECT (it skips the rest of the record first) or has closed the row itself (too
     * few fields); either way the next START_OBJECT begins a clean row.
     */
    private void read(CsvParser parser, Consumer<AsRunRow> rows, Consumer<Quarantined> quarantined) {
        Map<String, Column> columns = null;
        String[] values = null;
        int line = 0;
        Malformed malformed = null;
        while (true) {
            JsonToken token;
            try {
                token = parser.nextToken();
            } catch (JacksonIOException e) {
                throw e;
            } catch (JacksonException e) {
                if (columns == null) {
                    quarantined.accept(Quarantined.asRun(1, MALFORMED_LINE, "header: " + e.getOriginalMessage()
                            + "; without it no column can be told from another, so nothing was read"));
                    return;
                }
                if (values != null) {
                    // The first error in a record tells what was wrong; those while skipping its rest add nothing.
                    malformed = new Malformed(line, e.getOriginalMessage());
                    values = null;
                }
                continue;
            }
            if (token == null) {
                break;
            }
            switch (token) {
                case START_OBJECT -> {
                    line = parser.currentLocation().getLineNr();
                    if (malformed != null) {
                        quarantined.accept(malformed.resumedAt(line));
                        malformed = null;
                    }
                    if (columns == null) {
                        columns = columnsOf(parser.getSchema());
                    }
                    values = new String[Column.values().length];
                }
                case VALUE_STRING -> {
                    Column column = columns.get(parser.currentName());
                    if (values != null && column != null) {
                        values[column.ordinal()] = parser.getString();
                    }
                }
                case END_OBJECT -> {
                    if (values != null) {
                        deliver(line, values, rows, quarantined);
                    }
                    values = null;
                }
                default -> {
                    // PROPERTY_NAME: its value is the next token.
                }
            }
        }
        if (malformed != null) {
            quarantined.accept(malformed.atEnd());
        }
    }

    /** The known columns by their header name as the file spells it. */
    private static Map<String, Column> columnsOf(CsvSchema header) {
        Map<String, Column> columns = new HashMap<>();
        for (String name : header.getColumnNames()) {
            Column column = Column.named(name);
            if (column != null) {
                columns.putIfAbsent(name, column);
            }
        }
        return columns;
    }

    private void deliver(int line, String[] values, Consumer<AsRunRow> rows, Consumer<Quarantined> quarantined) {
        try {
            rows.accept(toRow(line, values));
        } catch (UnreadableValue e) {
            quarantined.accept(Quarantined.asRun(line, e.code(), e.getMessage()));
        }
    }

    /** Required fields first, in the contract's order, then whether each value can be used. */
    private AsRunRow toRow(int line, String[] values) throws UnreadableValue {
        String eventId = required(values, Column.EVENT_ID);
        String start = required(values, Column.START);
        String duration = required(values, Column.DURATION_MS);
        String status = required(values, Column.STATUS);
        if (AsRunStatus.named(status).isEmpty()) {
            throw new UnreadableValue(UNKNOWN_STATUS, Column.STATUS.header + ": '" + status + "' is none of "
                    + Arrays.toString(AsRunStatus.values()));
        }
        long startMs;
        long durationMs;
        try {
            startMs = LocalTimes.epochMs(start, channelZone);
        } catch (UnreadableValue e) {
            throw named(Column.START, e);
        }
        try {
            durationMs = Durations.ms(duration);
        } catch (UnreadableValue e) {
            throw named(Column.DURATION_MS, e);
        }
        if (durationMs <= 0 && AsRunStatus.valueOf(status).aired()) {
            throw new UnreadableValue(NON_POSITIVE_LENGTH, Column.DURATION_MS.header + ": " + durationMs + " for a spot that "
                    + status);
        }
        String blockId = optional(values, Column.BLOCK_ID);
        Integer segmentIndex = segmentIndex(optional(values, Column.SEGMENT_INDEX));
        return new AsRunRow(line, eventId, optional(values, Column.SPOT_ID), AsRunRow.availIdOf(blockId, segmentIndex),
                blockId, segmentIndex, startMs, durationMs, status, optional(values, Column.BILLING_CODE),
                optional(values, Column.ASSET_URI));
    }

    private static String required(String[] values, Column column) throws UnreadableValue {
        String value = optional(values, column);
        if (value == null) {
            throw new UnreadableValue(MISSING_FIELD, column.header);
        }
        return value;
    }

    /** Trimmed; an empty field, or a column the header lacks, is no value. */
    private static String optional(String[] values, Column column) {
        String value = values[column.ordinal()];
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    /**
     * The contract has no code for an optional field that is present but unusable; a segment index that is not one
     * is quarantined as missing, since matching on half a key would pair the row with the wrong avail.
     */
    private static Integer segmentIndex(String text) throws UnreadableValue {
        if (text == null) {
            return null;
        }
        if (!text.matches("\\d{1,9}")) {
            throw new UnreadableValue(MISSING_FIELD, Column.SEGMENT_INDEX.header + ": '" + text
                    + "' is not a segment index (a whole number from 0)");
        }
        return Integer.valueOf(text);
    }

    private static UnreadableValue named(Column column, UnreadableValue problem) {
        return new UnreadableValue(problem.code(), column.header + ": " + problem.getMessage());
    }

    /** A record the parser could not read, held until it is known where reading resumed. */
    private record Malformed(int line, String problem) {

        Quarantined resumedAt(int nextLine) {
            String lost = nextLine > line + 1 ? "; lines " + line + "-" + (nextLine - 1) + " could not be read" : "";
            return Quarantined.asRun(line, MALFORMED_LINE, problem + lost + "; reading resumed at line " + nextLine);
        }

        Quarantined atEnd() {
            return Quarantined.asRun(line, MALFORMED_LINE, problem + "; nothing after it could be read");
        }
    }
}
