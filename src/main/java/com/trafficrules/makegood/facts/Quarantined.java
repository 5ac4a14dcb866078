package com.trafficrules.makegood.facts;

/** A payload the rules refuse to judge, with the code that says why. */
public record Quarantined(int index, String code) {
}
