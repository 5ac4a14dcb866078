package com.trafficrules.bench;

import com.trafficrules.policy.ChannelPolicy;
import com.trafficrules.rotation.ReferenceValidator;
import com.trafficrules.rotation.RotationLog;
import com.trafficrules.rotation.RotationValidator;
import com.trafficrules.rotation.facts.Break;
import com.trafficrules.rotation.facts.Daypart;
import com.trafficrules.rotation.facts.Fault;
import com.trafficrules.rotation.facts.Severity;
import com.trafficrules.rotation.facts.Spot;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The rotation benchmark's "limit": the shipped rotation rules as one hand-tuned pass over a log in air
 * order, with a hash map per join key and a sweep for overlaps; what the engine would cost if it cost
 * nothing beyond the work itself. It reports the same faults as the DRL, messages included (the
 * benchmark checks this for every channel), sorted as the validator sorts them.
 */
public final class SinglePassValidator {

    private SinglePassValidator() {
    }

    public static List<Fault> validate(RotationLog log) {
        ChannelPolicy.Rotation rotation = log.policy().rotation();
        long advertiserGap = rotation.advertiserSeparationMinutes() * 60_000L;
        Severity advertiserSeverity = Severity.valueOf(rotation.advertiserSeparationSeverity());
        long productGap = rotation.productSeparationMinutes() * 60_000L;
        int perHour = rotation.maxCreativePlaysPerHour();
        int perDay = rotation.maxCreativePlaysPerDay();
        Set<String> allowed = new HashSet<>(log.policy().traffic().allowedTypes());
        Map<String, Daypart> dayparts = new HashMap<>();
        rotation.dayparts().forEach((name, bounds) -> dayparts.put(name,
                new Daypart(name, msOfDay(bounds.get(0)), msOfDay(bounds.get(1)))));

        Spot[] spots = log.spots().toArray(Spot[]::new);
        Arrays.sort(spots, ReferenceValidator.AIR_ORDER);
        Map<String, Break> breaks = new HashMap<>();
        log.breaks().forEach(brk -> breaks.put(brk.id(), brk));
        Map<String, BreakSpots> byBreak = new HashMap<>();
        for (Spot spot : spots) {
            byBreak.computeIfAbsent(spot.breakId(), id -> new BreakSpots()).add(spot);
        }

        List<Fault> faults = new ArrayList<>();
        Map<String, List<Spot>> byAdvertiser = new HashMap<>();
        Map<String, List<Spot>> byCode = new HashMap<>();
        Map<String, List<Spot>> byCreativeHour = new HashMap<>();
        Map<String, List<Spot>> byCreativeDay = new HashMap<>();
        List<Spot> onAir = new ArrayList<>();
        for (Spot spot : spots) {
            if (!allowed.contains(spot.type())) {
                faults.add(Fault.ofSpot("allowed-type", Severity.CRITICAL, spot,
                        spot.id() + " is a " + spot.type() + "; the channel allows " + log.policy().traffic().allowedTypes()));
            }
            Break own = breaks.get(spot.breakId());
            if (own != null && (own.startMs() > spot.startMs() || own.endMs() < spot.endMs())) {
                faults.add(Fault.ofSpot("outside-break", Severity.CRITICAL, spot, spot.id() + " airs outside break " + own.id()));
            }
            BreakSpots mates = byBreak.get(spot.breakId());
            if ("FIRST".equals(spot.position()) && mates.earliestStart < spot.startMs()) {
                faults.add(Fault.ofSpot("break-position", Severity.WARNING, spot,
                        spot.id() + " is sold FIRST but does not air first in break " + spot.breakId()));
            }
            if ("LAST".equals(spot.position()) && mates.latestStart > spot.startMs()) {
                faults.add(Fault.ofSpot("break-position", Severity.WARNING, spot,
                        spot.id() + " is sold LAST but does not air last in break " + spot.breakId()));
            }
            if (!spot.dayparts().isEmpty() && !inADaypart(spot, dayparts)) {
                faults.add(Fault.ofSpot("daypart", Severity.CRITICAL, spot, spot.id() + " starts outside its dayparts " + spot.dayparts()));
            }
            onAir.removeIf(earlier -> earlier.endMs() <= spot.startMs());
            for (Spot earlier : onAir) {
                faults.add(Fault.pair("temporal-overlap", Severity.CRITICAL, spot, earlier,
                        spot.id() + " starts " + (earlier.endMs() - spot.startMs()) + " ms before " + earlier.id() + " ends"));
            }
            onAir.add(spot);
            if (spot.advertiser() != null) {
                List<Spot> sameAdvertiser = byAdvertiser.computeIfAbsent(spot.advertiser(), key -> new ArrayList<>());
                for (Spot earlier : sameAdvertiser) {
                    if (spot.gapAfter(earlier) < advertiserGap) {
                        faults.add(Fault.pair("advertiser-separation", advertiserSeverity, spot, earlier,
                                spot.id() + " airs " + spot.gapAfter(earlier) + " ms after " + earlier.id()
                                        + " of the same advertiser " + spot.advertiser() + "; " + advertiserGap + " ms required"));
                    }
                }
                sameAdvertiser.add(spot);
            }
            for (String code : spot.productCodes().stream().distinct().toList()) {
                List<Spot> sameCode = byCode.computeIfAbsent(code, key -> new ArrayList<>());
                for (Spot earlier : sameCode) {
                    if (!Objects.equals(earlier.advertiser(), spot.advertiser()) && spot.gapAfter(earlier) < productGap
                            && code.equals(spot.firstCodeSharedWith(earlier))) {
                        faults.add(Fault.pair("product-separation", Severity.CRITICAL, spot, earlier,
                                spot.id() + " airs " + spot.gapAfter(earlier) + " ms after " + earlier.id()
                                        + " of a competitor for " + code + "; " + productGap + " ms required"));
                    }
                }
                sameCode.add(spot);
            }
            if (spot.creativeId() != null) {
                cap(spot, "hour", spot.localHour(), perHour, byCreativeHour, faults);
                cap(spot, "day", spot.localDay(), perDay, byCreativeDay, faults);
            }
        }
        for (Break brk : log.breaks()) {
            BreakSpots booked = byBreak.get(brk.id());
            if (booked != null && booked.lengthMs > brk.durationMs()) {
                faults.add(Fault.ofBreak("break-overfill", Severity.CRITICAL, brk,
                        "break " + brk.id() + " holds " + booked.lengthMs + " ms of spots in " + brk.durationMs() + " ms"));
            }
        }
        faults.sort(RotationValidator.inAirOrder(log));
        return faults;
    }

    private static void cap(Spot spot, String window, String key, int max, Map<String, List<Spot>> plays, List<Fault> faults) {
        if (max <= 0) {
            return;
        }
        List<Spot> earlier = plays.computeIfAbsent(spot.creativeId() + '|' + key, k -> new ArrayList<>());
        if (earlier.size() >= max) {
            faults.add(Fault.against("frequency-cap", Severity.CRITICAL, spot, earlier, "creative " + spot.creativeId()
                    + " plays " + (earlier.size() + 1) + " times in the " + window + " " + key + "; the cap is " + max));
        }
        earlier.add(spot);
    }

    private static boolean inADaypart(Spot spot, Map<String, Daypart> dayparts) {
        for (String name : spot.dayparts()) {
            Daypart daypart = dayparts.get(name);
            if (daypart != null && daypart.covers(spot.localMsOfDay())) {
                return true;
            }
        }
        return false;
    }

    private static long msOfDay(String clockTime) {
        return LocalTime.parse(clockTime).toSecondOfDay() * 1000L;
    }

    /** What the break rules need of a break's spots. */
    private static final class BreakSpots {
        long earliestStart = Long.MAX_VALUE;
        long latestStart = Long.MIN_VALUE;
        long lengthMs;

        void add(Spot spot) {
            earliestStart = Math.min(earliestStart, spot.startMs());
            latestStart = Math.max(latestStart, spot.startMs());
            lengthMs += spot.lengthMs();
        }
    }
}
