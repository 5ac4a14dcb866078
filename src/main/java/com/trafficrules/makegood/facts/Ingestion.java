package com.trafficrules.makegood.facts;

/** When the batch is ingested: what stale telemetry, cure windows and escalation are measured from. */
public record Ingestion(long atMs) {
}
