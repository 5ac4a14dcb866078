package com.trafficrules.web;

import java.time.Duration;

/** The service cannot take this request now, through no fault of the request: answered 503 with Retry-After. */
public class BusyException extends RuntimeException {

    private final transient Duration retryAfter;

    public BusyException(String detail, Duration retryAfter) {
        super(detail);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least one. */
    public long retryAfterSeconds() {
        return Math.max(1, retryAfter.toSeconds());
    }
}
