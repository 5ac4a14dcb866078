package com.trafficrules.makegood.facts;

import java.util.List;

/** A spot looking for make-good inventory: its market, its cure window and what it needs of an avail. */
public record MakegoodNeed(int index, String market, long windowStartMs, long cureDeadlineMs, long spotLengthMs,
                           List<String> productCodes) {

    public MakegoodNeed {
        productCodes = List.copyOf(productCodes);
    }
}
