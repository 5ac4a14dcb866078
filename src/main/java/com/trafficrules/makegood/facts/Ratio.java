package com.trafficrules.makegood.facts;

/** The delivery ratio a payload is judged on: its own, or its contract's rolling one. */
public record Ratio(int index, double value, boolean rolling) {
}
