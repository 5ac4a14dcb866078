package com.trafficrules.reconciliation.facts;

/** A class that applies to an item; of those that apply, the rules report the item's own class first. */
public record Classified(int index, String itemClass, String reason) {
}
