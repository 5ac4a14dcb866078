package com.trafficrules.reconciliation.run;

import com.trafficrules.policy.ChannelSlug;
import com.trafficrules.web.FieldProblem;
import com.trafficrules.web.InvalidRequestException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * A JSON run read as the API and the scenarios read it: a body that is no run (no channel or date, lists that are not
 * lists) is a 400; each row is read on its own, and one that does not read is quarantined.
 */
public final class RunRequests {

    private RunRequests() {
    }

    /** The run; {@code zoneOf} gives a channel's timezone, which as-run times without an offset are local to. */
    public static RunDocument read(JsonNode run, Function<String, ZoneId> zoneOf) {
        if (!run.isObject()) {
            throw new InvalidRequestException(List.of(new FieldProblem("",
                    "the body is a run: {\"channel\", \"broadcastDate\", \"planned\": [...], \"asRun\": [...]}")));
        }
        List<FieldProblem> problems = new ArrayList<>();
        String channel = run.path("channel").isString() ? run.get("channel").asString() : null;
        if (channel == null || !ChannelSlug.isValid(channel)) {
            problems.add(new FieldProblem("channel", "is required: a channel slug such as retro-prime"));
        }
        LocalDate broadcastDate = date(run.path("broadcastDate").isString() ? run.get("broadcastDate").asString() : null,
                "broadcastDate", problems);
        for (String list : List.of("planned", "asRun")) {
            if (run.hasNonNull(list) && !run.get(list).isArray()) {
                problems.add(new FieldProblem(list, "must be a list of rows"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        RunRows rows = new RunRows(zoneOf.apply(channel));
        int index = 0;
        for (JsonNode row : run.path("planned")) {
            rows.addPlanned(index++, row);
        }
        index = 0;
        for (JsonNode row : run.path("asRun")) {
            rows.addAsRun(index++, row);
        }
        return new RunDocument(channel, broadcastDate, "json", rows.planned(), rows.asRun(), rows.quarantined());
    }

    /** An ISO date; a problem for {@code field} otherwise. */
    public static LocalDate date(String text, String field, List<FieldProblem> problems) {
        if (text == null) {
            problems.add(new FieldProblem(field, "is required: a date such as 2026-11-20"));
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "must be a date such as 2026-11-20"));
            return null;
        }
    }
}
