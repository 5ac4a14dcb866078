package com.trafficrules.makegood.facts;

/** An avail a spot's make-good may not use, and the condition it fails. */
public record Exclusion(int index, String availId, String condition) {
}
