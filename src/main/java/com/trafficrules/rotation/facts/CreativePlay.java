package com.trafficrules.rotation.facts;

/**
 * A spot plays a creative inside a cap window: {@code windowKey} is the local clock hour (with its
 * offset, so the two 01:00 hours of a fall-back day differ) or the local date. The frequency caps of
 * rulesets before the caps joined spots directly read it; it is
 * built only for rules that read it.
 */
public record CreativePlay(CapWindow window, String windowKey, String creativeId, Spot spot) {

    public String spotId() {
        return spot.id();
    }

    public boolean playsBefore(CreativePlay other) {
        return spot.airsBefore(other.spot);
    }
}
