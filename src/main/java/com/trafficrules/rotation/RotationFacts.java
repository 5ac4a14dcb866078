package com.trafficrules.rotation;

import com.trafficrules.engine.CompiledRules;
import com.trafficrules.policy.ChannelPolicy;
import com.trafficrules.rotation.facts.CapWindow;
import com.trafficrules.rotation.facts.CreativeCap;
import com.trafficrules.rotation.facts.CreativePlay;
import com.trafficrules.rotation.facts.Daypart;
import com.trafficrules.rotation.facts.OnAir;
import com.trafficrules.rotation.facts.RotationPolicy;
import com.trafficrules.rotation.facts.Severity;
import com.trafficrules.rotation.facts.Spot;
import com.trafficrules.rotation.facts.SpotHour;
import com.trafficrules.rotation.facts.SpotProduct;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The facts the rotation rules reason over: the channel's policy, and each spot with its join keys. Facts
 * only earlier versions of the rules read (the hours a spot is on air, its creative's plays) are built
 * only for rules that read them, so those versions still run as they did and cost the newer ones nothing.
 */
final class RotationFacts {

    private static final long MINUTE_MS = 60_000L;

    private final boolean minutesOnAir;
    private final boolean hoursOnAir;
    private final boolean productCodes;
    private final boolean creativePlays;

    RotationFacts(CompiledRules rules) {
        minutesOnAir = rules.reads(RotationValidator.JOB, OnAir.class);
        hoursOnAir = rules.reads(RotationValidator.JOB, SpotHour.class);
        productCodes = rules.reads(RotationValidator.JOB, SpotProduct.class);
        creativePlays = rules.reads(RotationValidator.JOB, CreativePlay.class);
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

    /** The spot, the minutes (or hours) it is on air, its product codes and its creative's plays per cap window. */
    void addSpot(Spot spot, List<Object> facts) {
        facts.add(spot);
        long lastMs = Math.max(spot.startMs(), spot.endMs() - 1);
        if (minutesOnAir) {
            for (long minute = spot.startMinute(); minute <= OnAir.minuteOf(lastMs); minute++) {
                facts.add(new OnAir(minute, spot));
            }
        }
        if (hoursOnAir) {
            for (long hour = spot.startHour(); hour <= SpotHour.hourOf(lastMs); hour++) {
                facts.add(new SpotHour(spot.id(), hour));
            }
        }
        if (productCodes) {
            List<String> codes = spot.productCodes();
            for (int i = 0; i < codes.size(); i++) { // a code listed twice is one fact
                if (codes.indexOf(codes.get(i)) == i) {
                    facts.add(new SpotProduct(spot, codes.get(i)));
                }
            }
        }
        if (creativePlays && spot.creativeId() != null) {
            facts.add(new CreativePlay(CapWindow.HOUR, spot.localHour(), spot.creativeId(), spot));
            facts.add(new CreativePlay(CapWindow.DAY, spot.localDay(), spot.creativeId(), spot));
        }
    }

    List<Object> of(Spot spot) {
        List<Object> facts = new ArrayList<>();
        addSpot(spot, facts);
        return facts;
    }
}
