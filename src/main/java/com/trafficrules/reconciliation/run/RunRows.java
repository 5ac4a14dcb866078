package com.trafficrules.reconciliation.run;

import static com.trafficrules.reconciliation.asrun.Quarantined.AS_RUN;
import static com.trafficrules.reconciliation.asrun.Quarantined.Code.AMBIGUOUS_LOCAL_TIME;
import static com.trafficrules.reconciliation.asrun.Quarantined.Code.DUPLICATE_ID;
import static com.trafficrules.reconciliation.asrun.Quarantined.Code.INVALID_TIME_RANGE;
import static com.trafficrules.reconciliation.asrun.Quarantined.Code.MISSING_FIELD;
import static com.trafficrules.reconciliation.asrun.Quarantined.Code.NON_POSITIVE_LENGTH;
import static com.trafficrules.reconciliation.asrun.Quarantined.Code.UNKNOWN_STATUS;
import static com.trafficrules.reconciliation.asrun.Quarantined.Code.UNPARSEABLE_TIME;
import static com.trafficrules.reconciliation.asrun.Quarantined.PLANNED;

import com.trafficrules.reconciliation.asrun.AsRunRow;
import com.trafficrules.reconciliation.asrun.Quarantined;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Reads the rows of a run at the edge, each on its own: a row that does not read is quarantined with its code and
 * the field, the rest go on. Ids must be unique per side: a later row with an id already seen is a DUPLICATE_ID.
 */
public final class RunRows {

    public static final Set<String> PLANNED_STATUSES = Set.of("SCHEDULED", "PREEMPTED");
    public static final Set<String> AIRED_STATUSES = Set.of("AIRED", "TRUNCATED", "SHORT", "SUBSTITUTED");
    public static final Set<String> AS_RUN_STATUSES = Set.of("AIRED", "PREEMPTED", "TRUNCATED", "SHORT", "SKIPPED",
            "SUBSTITUTED", "ERROR");

    private final ZoneId zone;
    private final List<PlannedRow> planned = new ArrayList<>();
    private final List<AsRunEntry> asRun = new ArrayList<>();
    private final List<Quarantined> quarantined = new ArrayList<>();
    private final Set<String> availIds = new HashSet<>();
    private final Set<String> eventIds = new HashSet<>();

    /** Rows of a channel whose as-run times without an offset are local to {@code zone}. */
    public RunRows(ZoneId zone) {
        this.zone = zone;
    }

    public List<PlannedRow> planned() {
        return planned;
    }

    public List<AsRunEntry> asRun() {
        return asRun;
    }

    public List<Quarantined> quarantined() {
        return quarantined;
    }

    /** A planned row of a JSON run. */
    public void addPlanned(int index, JsonNode row) {
        String missing = missing(row, "availId", "start", "end", "lengthMs", "status");
        if (missing != null) {
            quarantine(PLANNED, index, MISSING_FIELD, missing + " is required");
            return;
        }
        RowTimes.Read start = RowTimes.withOffset(text(row, "start"));
        RowTimes.Read end = RowTimes.withOffset(text(row, "end"));
        if (start.code() != null || end.code() != null) {
            quarantine(PLANNED, index, UNPARSEABLE_TIME, (start.code() != null ? "start" : "end")
                    + " is not an RFC 3339 instant with an offset");
            return;
        }
        addPlanned(new PlannedRow(index, text(row, "availId"), text(row, "spotId"), start.epochMs(), end.epochMs(),
                whole(row, "lengthMs"), text(row, "status"), text(row, "billingCode"), text(row, "assetUri"), null));
    }

    /** A planned row read elsewhere (a transmission log), checked like one sent in JSON. */
    public void addPlanned(PlannedRow row) {
        if (row.endMs() <= row.startMs()) {
            quarantine(PLANNED, row.position(), INVALID_TIME_RANGE, "end is not after start");
        } else if (row.lengthMs() <= 0) {
            quarantine(PLANNED, row.position(), NON_POSITIVE_LENGTH, "lengthMs is a whole number of milliseconds above 0");
        } else if (!PLANNED_STATUSES.contains(row.status())) {
            quarantine(PLANNED, row.position(), UNKNOWN_STATUS, "status is one of " + PLANNED_STATUSES);
        } else if (!availIds.add(row.availId())) {
            quarantine(PLANNED, row.position(), DUPLICATE_ID, "availId " + row.availId() + " appears earlier");
        } else {
            planned.add(row);
        }
    }

    /** An as-run row of a JSON run. */
    public void addAsRun(int index, JsonNode row) {
        String missing = missing(row, "eventId", "start", "durationMs", "status");
        if (missing != null) {
            quarantine(AS_RUN, index, MISSING_FIELD, missing + " is required");
            return;
        }
        RowTimes.Read start = RowTimes.offsetOrLocal(text(row, "start"), zone);
        if (start.code() != null) {
            quarantine(AS_RUN, index, start.code(), "start " + (start.code() == AMBIGUOUS_LOCAL_TIME
                    ? "is a local time the channel's clocks skip or repeat; give its offset" : "is not an RFC 3339 instant or local date-time"));
            return;
        }
        if (!row.get("durationMs").isIntegralNumber()) {
            quarantine(AS_RUN, index, NON_POSITIVE_LENGTH, "durationMs is a whole number of milliseconds");
            return;
        }
        addAsRun(index, text(row, "eventId"), text(row, "spotId"), text(row, "availId"), start.epochMs(),
                row.get("durationMs").asLong(), text(row, "status"), text(row, "billingCode"), text(row, "assetUri"), null);
    }

    /** An as-run row however it was read, checked. */
    public void addAsRun(int position, String eventId, String spotId, String availId, long startMs, long durationMs, String status,
                         String billingCode, String assetUri, String matchKey) {
        if (!AS_RUN_STATUSES.contains(status)) {
            quarantine(AS_RUN, position, UNKNOWN_STATUS, "status is one of " + new TreeSet<>(AS_RUN_STATUSES));
        } else if (AIRED_STATUSES.contains(status) && durationMs <= 0) {
            quarantine(AS_RUN, position, NON_POSITIVE_LENGTH, "durationMs of a row that aired is above 0");
        } else if (!eventIds.add(eventId)) {
            quarantine(AS_RUN, position, DUPLICATE_ID, "eventId " + eventId + " appears earlier");
        } else {
            asRun.add(new AsRunEntry(position, eventId, spotId, availId, startMs, durationMs, status,
                    AIRED_STATUSES.contains(status), billingCode, assetUri, matchKey));
        }
    }

    /** An as-run row a file reader read, checked. */
    public void addAsRun(AsRunRow row) {
        addAsRun(row.index(), row.eventId(), row.spotId(), row.availId(), row.startMs(), row.durationMs(), row.status(),
                row.billingCode(), row.assetUri(), row.assetUri());
    }

    /** A row a file reader could not read. */
    public void quarantine(Quarantined problem) {
        quarantined.add(problem);
    }

    private void quarantine(String source, int index, Quarantined.Code code, String detail) {
        quarantined.add(new Quarantined(source, index, code, detail));
    }

    private static String missing(JsonNode row, String... fields) {
        if (!row.isObject()) {
            return fields[0];
        }
        for (String field : fields) {
            JsonNode value = row.get(field);
            if (value == null || value.isNull() || value.isString() && value.asString().isBlank()) {
                return field;
            }
        }
        return null;
    }

    /** A field's text, trimmed; absent, null or blank is null (required fields were refused as missing before). */
    private static String text(JsonNode row, String field) {
        JsonNode value = row.get(field);
        if (value == null || value.isNull() || !value.isValueNode()) {
            return null;
        }
        String text = value.asString().trim();
        return text.isEmpty() ? null : text;
    }

    /** A whole number, or 0 (refused as not above 0) for anything else. */
    private static long whole(JsonNode row, String field) {
        JsonNode value = row.get(field);
        return value.isIntegralNumber() ? value.asLong() : 0;
    }
}
