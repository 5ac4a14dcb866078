package com.trafficrules.rotation;

import com.trafficrules.policy.ChannelPolicy;
import com.trafficrules.rotation.facts.Break;
import com.trafficrules.rotation.facts.Fault;
import com.trafficrules.rotation.facts.Severity;
import com.trafficrules.rotation.facts.Spot;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rotation rules of API.md written as plain, obviously-correct Java: nested loops over every pair,
 * no indexes, no Drools. It is the oracle the DRL is checked against (see
 * {@code DrlMatchesReferenceProperties}) and a baseline a benchmark can call.
 *
 * <p>It deliberately ignores the local fields {@link Spot} already carries ({@code localMsOfDay},
 * {@code localHour}, {@code localDay}) and works them out again from {@code startMs} and the policy's
 * timezone. Messages are informal; compare faults without them.
 */
public final class ReferenceValidator {

    /** Air order: earlier start first; equal starts by id as a string, the larger id being later. */
    public static final Comparator<Spot> AIR_ORDER =
            Comparator.comparingLong(Spot::startMs).thenComparing(Spot::id);

    private ReferenceValidator() {
    }

    /** Every fault the shipped rotation rules should report for {@code log}, in no particular order. */
    public static List<Fault> validate(RotationLog log) {
        ChannelPolicy policy = log.policy();
        ZoneId zone = ZoneId.of(policy.timezone());
        List<Spot> spots = new ArrayList<>(log.spots());
        spots.sort(AIR_ORDER);
        List<Fault> faults = new ArrayList<>();

        pairRules(policy, spots, faults);
        breakRules(log.breaks(), spots, faults);
        frequencyCap(policy, zone, spots, faults);
        for (Spot spot : spots) {
            if (!policy.traffic().allowedTypes().contains(spot.type())) {
                faults.add(single("allowed-type", Severity.CRITICAL, spot, "type " + spot.type() + " is not allowed"));
            }
            if (!spot.dayparts().isEmpty() && !inSomeDaypart(policy, zone, spot)) {
                faults.add(single("daypart", Severity.CRITICAL, spot, "starts outside " + spot.dayparts()));
            }
        }
        return faults;
    }

    /** A fault with its message blanked and its conflicting ids sorted: what two validators must agree on. */
    public static Fault comparable(Fault fault) {
        return new Fault(fault.rule(), fault.severity(), fault.spotId(), fault.breakId(),
                fault.conflictingIds().stream().sorted().toList(), "");
    }

    // ---- pair rules: temporal-overlap, advertiser-separation, product-separation ----------------

    private static void pairRules(ChannelPolicy policy, List<Spot> spots, List<Fault> faults) {
        long advertiserSeparationMs = policy.rotation().advertiserSeparationMinutes() * 60_000L;
        Severity advertiserSeverity = Severity.valueOf(policy.rotation().advertiserSeparationSeverity());
        long productSeparationMs = policy.rotation().productSeparationMinutes() * 60_000L;
        for (int i = 0; i < spots.size(); i++) {
            Spot earlier = spots.get(i);
            for (int j = i + 1; j < spots.size(); j++) {
                Spot later = spots.get(j);
                // gap = later.start - earlier.end; negative when they overlap
                long gap = later.startMs() - earlier.endMs();
                boolean intersect = later.startMs() < earlier.endMs() && earlier.startMs() < later.endMs();
                if (intersect) {
                    faults.add(pair("temporal-overlap", Severity.CRITICAL, later, earlier, "overlaps"));
                }
                // "same advertiser": a spot without an advertiser has none to separate from anyone.
                if (later.advertiser() != null && later.advertiser().equals(earlier.advertiser())
                        && gap < advertiserSeparationMs) {
                    faults.add(pair("advertiser-separation", advertiserSeverity, later, earlier, "gap " + gap));
                }
                if (!Objects.equals(later.advertiser(), earlier.advertiser()) && shareACode(later, earlier)
                        && gap < productSeparationMs) {
                    faults.add(pair("product-separation", Severity.CRITICAL, later, earlier, "gap " + gap));
                }
            }
        }
    }

    private static boolean shareACode(Spot a, Spot b) {
        for (String code : a.productCodes()) {
            if (b.productCodes().contains(code)) {
                return true;
            }
        }
        return false;
    }

    // ---- break rules: outside-break, break-overfill, break-position ------------------------------

    private static void breakRules(List<Break> breaks, List<Spot> spots, List<Fault> faults) {
        Map<String, Break> byId = new HashMap<>();
        breaks.forEach(brk -> byId.put(brk.id(), brk));
        for (Spot spot : spots) {
            Break brk = byId.get(spot.breakId());
            if (brk != null && (spot.startMs() < brk.startMs() || spot.endMs() > brk.endMs())) {
                faults.add(single("outside-break", Severity.CRITICAL, spot, "not inside " + brk.id()));
            }
            for (Spot other : spots) {
                if (other == spot || !Objects.equals(other.breakId(), spot.breakId())) {
                    continue;
                }
                if ("FIRST".equals(spot.position()) && other.startMs() < spot.startMs()) {
                    faults.add(single("break-position", Severity.WARNING, spot, "not first"));
                    break;
                }
            }
            for (Spot other : spots) {
                if (other == spot || !Objects.equals(other.breakId(), spot.breakId())) {
                    continue;
                }
                if ("LAST".equals(spot.position()) && other.startMs() > spot.startMs()) {
                    faults.add(single("break-position", Severity.WARNING, spot, "not last"));
                    break;
                }
            }
        }
        for (Break brk : breaks) {
            long sum = 0;
            for (Spot spot : spots) {
                if (brk.id().equals(spot.breakId())) {
                    sum += spot.endMs() - spot.startMs();
                }
            }
            if (sum > brk.endMs() - brk.startMs()) {
                faults.add(new Fault("break-overfill", Severity.CRITICAL, null, brk.id(), List.of(),
                        sum + " ms in " + (brk.endMs() - brk.startMs())));
            }
        }
    }

    // ---- frequency-cap ---------------------------------------------------------------------------

    /** A real local clock hour: local date, hour of day and the offset in force (two 01:00s on fall-back day). */
    private record LocalClockHour(LocalDate date, int hour, ZoneOffset offset) {
    }

    private static void frequencyCap(ChannelPolicy policy, ZoneId zone, List<Spot> spotsInAirOrder, List<Fault> faults) {
        int perHour = policy.rotation().maxCreativePlaysPerHour();
        int perDay = policy.rotation().maxCreativePlaysPerDay();
        Map<List<Object>, List<Spot>> hours = new LinkedHashMap<>();
        Map<List<Object>, List<Spot>> days = new LinkedHashMap<>();
        for (Spot spot : spotsInAirOrder) {
            if (spot.creativeId() == null) {
                continue;
            }
            ZonedDateTime local = Instant.ofEpochMilli(spot.startMs()).atZone(zone);
            LocalClockHour hour = new LocalClockHour(local.toLocalDate(), local.getHour(), local.getOffset());
            hours.computeIfAbsent(List.of(spot.creativeId(), hour), k -> new ArrayList<>()).add(spot);
            days.computeIfAbsent(List.of(spot.creativeId(), local.toLocalDate()), k -> new ArrayList<>()).add(spot);
        }
        capEach(hours, perHour, "hour", faults);
        capEach(days, perDay, "day", faults);
    }

    private static void capEach(Map<List<Object>, List<Spot>> windows, int cap, String window, List<Fault> faults) {
        if (cap <= 0) {
            return;
        }
        windows.values().forEach(plays -> {
            for (int k = cap; k < plays.size(); k++) {
                List<String> earlier = plays.subList(0, k).stream().map(Spot::id).toList();
                faults.add(new Fault("frequency-cap", Severity.CRITICAL, plays.get(k).id(), null, earlier,
                        "play " + (k + 1) + " of " + plays.get(k).creativeId() + " in one " + window + ", cap " + cap));
            }
        });
    }

    // ---- daypart -----------------------------------------------------------------------------------

    private static boolean inSomeDaypart(ChannelPolicy policy, ZoneId zone, Spot spot) {
        long localMs = Instant.ofEpochMilli(spot.startMs()).atZone(zone).toLocalTime().toNanoOfDay() / 1_000_000L;
        for (String name : spot.dayparts()) {
            List<String> bounds = policy.rotation().dayparts().get(name);
            if (bounds == null) {
                continue;
            }
            long from = LocalTime.parse(bounds.get(0)).toNanoOfDay() / 1_000_000L;
            long to = LocalTime.parse(bounds.get(1)).toNanoOfDay() / 1_000_000L;
            boolean inside = from < to
                    ? from <= localMs && localMs < to
                    : localMs >= from || localMs < to; // wraps midnight; from == to is the whole day
            if (inside) {
                return true;
            }
        }
        return false;
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static Fault pair(String rule, Severity severity, Spot later, Spot earlier, String message) {
        return new Fault(rule, severity, later.id(), null, List.of(earlier.id()), message);
    }

    private static Fault single(String rule, Severity severity, Spot spot, String message) {
        return new Fault(rule, severity, spot.id(), null, List.of(), message);
    }
}
