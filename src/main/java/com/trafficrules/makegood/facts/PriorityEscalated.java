package com.trafficrules.makegood.facts;

/** The payload's make-good is urgent whatever priority it asked for. */
public record PriorityEscalated(int index) {
}
