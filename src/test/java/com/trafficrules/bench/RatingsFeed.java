package com.trafficrules.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import tools.jackson.databind.json.JsonMapper;

/**
 * A synthetic post-air ratings feed over {@code markets} markets ({@code M00}, {@code M01}, … for the prefix M): new payloads of
 * a chosen kind as the JSON text a ratings provider sends, each with a spotId of its own. Within tolerance and
 * triggered are chosen by the delivery ratio, clear of every tier's band (and of a {@code thresholdPct} of 0.9),
 * so a NICHE contract's rolling ratio falls on the same side: each contract carries payloads of one kind only.
 */
final class RatingsFeed {

    enum Kind { WITHIN, TRIGGERED, QUARANTINED }

    /** The ways a quarantined payload is malformed, in turn, with the reason code the contract gives each. */
    static final List<String> QUARANTINE_CODES = List.of("MISSING_FIELD", "MISSING_FIELD", "UNKNOWN_TIER", "UNPARSEABLE_TIME",
            "UNPARSEABLE_TIME", "INVALID_NUMBER", "NON_POSITIVE_CONTRACTED", "INVALID_TIME_RANGE", "STALE_TELEMETRY",
            "INVALID_NUMBER", "MISSING_FIELD", "INVALID_NUMBER", "INVALID_NUMBER");
    static final List<String> TIERS = List.of("DMA", "DMA", "DMA", "LOCAL", "LOCAL", "NATIONAL", "NATIONAL", "REGIONAL",
            "REGIONAL", "NICHE", "NICHE");
    /** Sorted: the avails' booked codes are drawn from the same list. */
    static final List<String> PRODUCT_CODES = List.of("AUTO", "BANK", "BEER", "CPG", "INSURANCE", "PHARMA", "POLITICAL",
            "QSR", "RETAIL", "STREAMING", "TELCO", "TRAVEL");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String run;
    private final String marketPrefix;
    private final int markets;

    RatingsFeed(String run, String marketPrefix, int markets) {
        this.run = run;
        this.marketPrefix = marketPrefix;
        this.markets = markets;
    }

    private String market(int m) {
        return marketPrefix + "%02d".formatted(m);
    }

    /** New payload {@code number} (unique across the run) of {@code kind}, aired in the 24 h before {@code now}. */
    String payload(Kind kind, long number, Instant now, SplittableRandom random) {
        Map<String, Object> p = valid(kind == Kind.QUARANTINED ? Kind.WITHIN : kind, number, now, random);
        if (kind == Kind.QUARANTINED) {
            Object malformed = malform(p, (int) (number % QUARANTINE_CODES.size()), now);
            return JSON.writeValueAsString(malformed);
        }
        return JSON.writeValueAsString(p);
    }

    private Map<String, Object> valid(Kind kind, long number, Instant now, SplittableRandom random) {
        int m = random.nextInt(markets);
        String tier = TIERS.get(random.nextInt(TIERS.size()));
        int roll = random.nextInt(100);
        long lengthMs = roll < 20 ? 15_000 : roll < 85 ? 30_000 : 60_000;
        Instant airedStart = now.minusSeconds(300 + random.nextInt(23 * 3600)).truncatedTo(ChronoUnit.SECONDS)
                .plusMillis(random.nextInt(1000));
        Instant airedEnd = airedStart.plusMillis(lengthMs);
        double contracted = (20 + random.nextInt(181)) / 10.0;
        double ratio = kind == Kind.WITHIN ? 0.97 + random.nextInt(19) / 100.0 : 0.55 + random.nextInt(26) / 100.0;
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spotId", run + "-" + number);
        p.put("market", market(m));
        p.put("marketTier", tier);
        // One in five providers sends local time with its offset.
        boolean offset = random.nextInt(5) == 0;
        p.put("airedStart", time(airedStart, offset));
        p.put("airedEnd", time(airedEnd, offset));
        p.put("contractedGrps", contracted);
        p.put("actualGrps", Math.round(contracted * ratio * 100) / 100.0);
        if (random.nextInt(10) == 0) {
            p.put("thresholdPct", 0.9);
        }
        if (random.nextInt(5) != 0) {
            p.put("makeGoodPriority", 1 + random.nextInt(3));
        }
        p.put("clientId", "client-" + random.nextInt(200));
        p.put("contractId", "K-" + market(m) + "-" + tier + "-" + (kind == Kind.WITHIN ? "W" : "T") + random.nextInt(4));
        p.put("spotLengthMs", lengthMs);
        int codes = random.nextInt(10);
        p.put("productCodes", codes == 0 ? List.of() : codes < 8 ? List.of(code(random))
                : List.copyOf(new java.util.TreeSet<>(List.of(code(random), code(random)))));
        int cure = random.nextInt(20);
        if (cure < 18) {
            p.put("cureDeadline", time(airedEnd.plus(Duration.ofDays(cure < 17 ? 7 : 10)), false));
        }
        p.put("traceId", "trace-" + number);
        return p;
    }

    /** Breaks payload {@code p} in way {@code way} of {@link #QUARANTINE_CODES}; an array element that is not an object for one. */
    private static Object malform(Map<String, Object> p, int way, Instant now) {
        switch (way) {
            case 0 -> p.remove("spotId");
            case 1 -> p.remove("contractedGrps");
            case 2 -> p.put("marketTier", "METRO");
            case 3 -> p.put("airedStart", ((String) p.get("airedStart")).substring(0, 19));
            case 4 -> p.put("airedEnd", "yesterday evening");
            case 5 -> p.put("contractedGrps", "ten");
            case 6 -> p.put("contractedGrps", 0);
            case 7 -> p.put("airedEnd", p.get("airedStart"));
            case 8 -> {
                Instant aired = now.minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MILLIS);
                p.put("airedStart", time(aired, false));
                p.put("airedEnd", time(aired.plusSeconds(30), false));
            }
            case 9 -> p.put("spotLengthMs", -30_000);
            case 10 -> {
                return "spot " + p.get("spotId") + " has no ratings yet";
            }
            case 11 -> p.put("actualGrps", -1.5);
            case 12 -> p.put("thresholdPct", 1.5);
            default -> throw new IllegalArgumentException("no way " + way);
        }
        return p;
    }

    private static String code(SplittableRandom random) {
        return PRODUCT_CODES.get(random.nextInt(PRODUCT_CODES.size()));
    }

    private static String time(Instant instant, boolean offset) {
        return offset ? instant.atOffset(ZoneOffset.ofHours(-5)).toString() : instant.toString();
    }
}
