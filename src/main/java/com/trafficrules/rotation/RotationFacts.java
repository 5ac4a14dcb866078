package com.trafficrules.rotation;

import com.trafficrules.policy.ChannelPolicy;
import com.trafficrules.rotation.facts.CapWindow;
import com.trafficrules.rotation.facts.CreativeCap;
import com.trafficrules.rotation.facts.CreativePlay;
import com.trafficrules.rotation.facts.Daypart;
import com.trafficrules.rotation.facts.RotationPolicy;
import com.trafficrules.rotation.facts.Severity;
import com.trafficrules.rotation.facts.Spot;
import com.trafficrules.rotation.facts.SpotHour;
import com.trafficrules.rotation.facts.SpotProduct;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/** The facts the rotation rules reason over: the channel's policy, and each spot with its join keys. */
final class RotationFacts {

    private static final long MINUTE_MS = 60_000L;

    private RotationFacts() {
    }

    static List<Object> policy(ChannelPolicy channel) {
        ChannelPolicy.Rotation rotation = channel.rotation();
        List<Object> facts = new ArrayList<>();
        facts.add(new RotationPolicy(rotation.advertiserSeparationMinutes() * MINUTE_MS,
                Severity.valueOf(rotation.advertiserSeparationSeverity()),
                rotation.productSeparationMinutes() * MINUTE_MS, channel.traffic().allowedTypes()));
        facts.add(new CreativeCap(CapWindow.HOUR, rotation.maxCreativePlaysPerHour()));
        facts.add(new CreativeCap(CapWindow.DAY, rotation.maxCreativePlaysPerDay()));
        rotation.dayparts().forEach((name, bounds) -> facts.add(new Daypart(name,
                msOfDay(bounds.get(0)), msOfDay(bounds.get(1)))));
        return facts;
    }

    private static long msOfDay(String clockTime) {
        return LocalTime.parse(clockTime).toSecondOfDay() * 1000L;
    }

    /** The spot, the hours it is on air, its product codes and its creative's plays per cap window. */
    static void addSpot(Spot spot, List<Object> facts) {
        facts.add(spot);
        long lastHour = SpotHour.hourOf(Math.max(spot.startMs(), spot.endMs() - 1));
        for (long hour = SpotHour.hourOf(spot.startMs()); hour <= lastHour; hour++) {
            facts.add(new SpotHour(spot.id(), hour));
        }
        spot.productCodes().stream().distinct().forEach(code -> facts.add(new SpotProduct(spot.id(), code)));
        if (spot.creativeId() != null) {
            facts.add(new CreativePlay(CapWindow.HOUR, spot.localHour(), spot.creativeId(), spot));
            facts.add(new CreativePlay(CapWindow.DAY, spot.localDay(), spot.creativeId(), spot));
        }
    }

    static List<Object> of(Spot spot) {
        List<Object> facts = new ArrayList<>();
        addSpot(spot, facts);
        return facts;
    }
}
