package com.trafficrules.rotation;

/** Where in its break a spot was sold: opening it or closing it. Facts keep the name. */
public enum SoldPosition {
    FIRST,
    LAST
}
