package com.trafficrules.bench;

import com.trafficrules.policy.InterstitialType;
import com.trafficrules.rotation.BuildRequest;
import com.trafficrules.rotation.RotationRequest;
import com.trafficrules.rotation.SoldPosition;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A synthetic, seeded broadcast day: four breaks an hour of six spots, from a realistic mix of
 * advertisers (each with one or two product categories and a few creatives), 15/30/60 s lengths.
 */
final class NetworkDay {

    static final ZoneId ZONE = ZoneId.of("America/New_York");
    static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    private static final int[] BREAK_MINUTES = {12, 27, 42, 57};
    private static final InterstitialType[] TYPES = {InterstitialType.COMMERCIAL, InterstitialType.COMMERCIAL,
            InterstitialType.COMMERCIAL, InterstitialType.COMMERCIAL, InterstitialType.PROMO, InterstitialType.PSA};

    private final Random random;
    private final List<Advertiser> advertisers = new ArrayList<>();

    private record Advertiser(String name, List<String> products, int creatives) {
    }

    NetworkDay(long seed) {
        random = new Random(seed);
        // A national sales book: 400 advertisers in 150 product categories, a few creatives each. Traffic
        // systems already space most of a log, so only a minority of spots breaks a rule.
        for (int a = 0; a < 400; a++) {
            List<String> products = new ArrayList<>(List.of("CAT" + random.nextInt(150)));
            if (random.nextInt(10) == 0) {
                products.add("CAT" + random.nextInt(150));
            }
            advertisers.add(new Advertiser("ADV" + a, products, 2 + random.nextInt(3)));
        }
    }

    RotationRequest channelDay(String channel, int index) {
        List<RotationRequest.BreakInput> breaks = new ArrayList<>();
        List<RotationRequest.SpotInput> spots = new ArrayList<>();
        for (int hour = 0; hour < 24; hour++) {
            for (int minute : BREAK_MINUTES) {
                String breakId = "C" + index + "-H" + hour + "-M" + minute;
                ZonedDateTime start = DAY.atTime(hour, minute).atZone(ZONE);
                long offset = 0;
                for (int s = 0; s < 6; s++) {
                    long length = lengthMs();
                    Advertiser advertiser = advertisers.get(random.nextInt(advertisers.size()));
                    InterstitialType type = TYPES[random.nextInt(TYPES.length)];
                    spots.add(new RotationRequest.SpotInput(breakId + "-S" + s, breakId,
                            start.plusNanos(offset * 1_000_000).toOffsetDateTime().toString(), length, advertiser.name(),
                            advertiser.products(), advertiser.name() + "-CR" + random.nextInt(advertiser.creatives()), type,
                            50, null, List.of()));
                    offset += length;
                }
                breaks.add(new RotationRequest.BreakInput(breakId, start.toOffsetDateTime().toString(), offset + 30_000L * random.nextInt(2)));
            }
        }
        return new RotationRequest(channel, breaks, spots);
    }

    BuildRequest buildPool(String channel, int candidates) {
        RotationRequest day = channelDay(channel, 0);
        List<BuildRequest.CandidateInput> pool = new ArrayList<>();
        for (int c = 0; c < candidates; c++) {
            Advertiser advertiser = advertisers.get(random.nextInt(advertisers.size()));
            pool.add(new BuildRequest.CandidateInput("K" + c, lengthMs(), advertiser.name(), advertiser.products(),
                    advertiser.name() + "-CR" + random.nextInt(advertiser.creatives()), InterstitialType.COMMERCIAL,
                    10 * (1 + random.nextInt(9)), random.nextInt(5), random.nextInt(20) == 0 ? SoldPosition.FIRST : null, List.of()));
        }
        return new BuildRequest(channel, day.breaks(), pool, 42L);
    }

    private long lengthMs() {
        int roll = random.nextInt(100);
        return roll < 20 ? 15_000 : roll < 85 ? 30_000 : 60_000;
    }
}
