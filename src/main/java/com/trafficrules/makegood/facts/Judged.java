package com.trafficrules.makegood.facts;

/** A payload's status as the rules decided it, with the ratio that decided (null when there was none). */
public record Judged(int index, String status, Double ratio) {
}
