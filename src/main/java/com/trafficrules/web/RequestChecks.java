package com.trafficrules.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what is wrong with a request so that one 400 names every bad field at once.
 */
public final class RequestChecks {

    public static final long MAX_DURATION_MS = 86_400_000L;

    private final List<FieldProblem> problems = new ArrayList<>();

    public void reject(String field, String message) {
        problems.add(new FieldProblem(field, message));
    }

    public boolean required(String field, Object value) {
        boolean present = value != null && !(value instanceof String text && text.isBlank());
        if (!present) {
            reject(field, "is required");
        }
        return present;
    }

    /** The instant, or null (with a problem recorded) when absent, unparseable or without an offset. */
    public Instant instant(String field, String value) {
        if (!required(field, value)) {
            return null;
        }
        try {
            return Times.parseWithOffset(value);
        } catch (DateTimeParseException e) {
            reject(field, "must be an RFC 3339 date-time with an offset, e.g. 2026-11-20T20:12:00Z");
            return null;
        }
    }

    /** A duration in milliseconds: positive and at most a day (anything longer is a typo, and would overflow). */
    public boolean duration(String field, Long value) {
        if (!required(field, value)) {
            return false;
        }
        if (value <= 0 || value > MAX_DURATION_MS) {
            reject(field, "must be a positive number of milliseconds, at most " + MAX_DURATION_MS + " (24 h)");
            return false;
        }
        return true;
    }

    /** Throws the collected problems, if any. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }
}
