package com.trafficrules.rotation;

import com.trafficrules.policy.InterstitialType;
import com.trafficrules.rotation.facts.Spot;
import java.util.List;

/** A checked spot that is not yet placed in time. */
record SpotAttributes(String id, long lengthMs, String advertiser, List<String> productCodes, String creativeId,
                      InterstitialType type, int priority, SoldPosition position, List<String> dayparts) {

    /** The spot on air in {@code breakId} from {@code startMs}, placed on the channel's local clock, spelled as facts are. */
    Spot airingAt(String breakId, long startMs, LocalClock clock) {
        LocalClock.Reading local = clock.read(startMs);
        return new Spot(id, breakId, startMs, startMs + lengthMs, advertiser, productCodes, creativeId, type.spelling(), priority,
                position == null ? null : position.name(), dayparts, local.msOfDay(), local.hour(), local.day());
    }
}
