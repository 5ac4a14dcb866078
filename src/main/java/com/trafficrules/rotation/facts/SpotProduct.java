package com.trafficrules.rotation.facts;

/** A spot advertises this product code: the key competitive separation joins on. */
public record SpotProduct(Spot spot, String code) {

    public String spotId() {
        return spot.id();
    }
}
