package com.trafficrules.rotation;

import com.trafficrules.rotation.facts.Spot;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** A checked spot that is not yet placed in time. */
record SpotAttributes(String id, long lengthMs, String advertiser, List<String> productCodes, String creativeId,
                      String type, int priority, String position, List<String> dayparts) {

    /** The spot on air in {@code breakId} from {@code startMs}, placed on the channel's local clock. */
    Spot airingAt(String breakId, long startMs, ZoneId zone) {
        ZonedDateTime local = Instant.ofEpochMilli(startMs).atZone(zone);
        return new Spot(id, breakId, startMs, startMs + lengthMs, advertiser, productCodes, creativeId, type, priority,
                position, dayparts, local.toLocalTime().toNanoOfDay() / 1_000_000,
                local.truncatedTo(ChronoUnit.HOURS).toOffsetDateTime().toString(), local.toLocalDate().toString());
    }
}
