package com.trafficrules.rotation.facts;

/** A commercial break: the half-open interval [startMs, endMs) its spots must fit inside. */
public record Break(String id, long startMs, long endMs) {

    public long durationMs() {
        return endMs - startMs;
    }
}
