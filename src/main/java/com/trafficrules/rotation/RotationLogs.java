package com.trafficrules.rotation;

import com.trafficrules.policy.ChannelPolicies;
import com.trafficrules.policy.ChannelPolicy;
import com.trafficrules.policy.InterstitialTypes;
import com.trafficrules.rotation.facts.Break;
import com.trafficrules.rotation.facts.Spot;
import com.trafficrules.web.RequestChecks;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Turns a request into facts, or a 400 naming every field that makes it impossible to judge. */
public final class RotationLogs {

    private static final Set<String> POSITIONS = Set.of("FIRST", "LAST");

    private RotationLogs() {
    }

    public static RotationLog parse(RotationRequest request, ChannelPolicies policies) {
        RequestChecks checks = new RequestChecks();
        ChannelPolicy policy = null;
        if (checks.required("channel", request.channel())) {
            if (ChannelPolicies.isValidSlug(request.channel())) {
                policy = policies.forChannel(request.channel());
            } else {
                checks.reject("channel", "must be a channel slug: lower-case letters, digits and '-'");
            }
        }
        Map<String, Break> breaks = new HashMap<>();
        List<Break> breakList = new ArrayList<>();
        for (int i = 0; i < request.breaks().size(); i++) {
            Break parsed = parseBreak("breaks[" + i + "]", request.breaks().get(i), checks);
            if (parsed != null && breaks.putIfAbsent(parsed.id(), parsed) != null) {
                checks.reject("breaks[" + i + "].id", "duplicates break id " + parsed.id());
            } else if (parsed != null) {
                breakList.add(parsed);
            }
        }
        Set<String> spotIds = new HashSet<>();
        List<Spot> spots = new ArrayList<>();
        for (int i = 0; i < request.spots().size(); i++) {
            String field = "spots[" + i + "]";
            RotationRequest.SpotInput input = request.spots().get(i);
            if (input == null) {
                checks.reject(field, "is required");
                continue;
            }
            if (input.id() != null && !spotIds.add(input.id())) {
                checks.reject(field + ".id", "duplicates spot id " + input.id());
            }
            if (input.breakId() != null && !breaks.containsKey(input.breakId())) {
                checks.reject(field + ".breakId", "names no break in this request: " + input.breakId());
            }
            Spot spot = parseSpot(field, input, policy, checks);
            if (spot != null) {
                spots.add(spot);
            }
        }
        checks.throwIfAny();
        return new RotationLog(policy, List.copyOf(breakList), List.copyOf(spots));
    }

    private static Break parseBreak(String field, RotationRequest.BreakInput input, RequestChecks checks) {
        if (input == null) {
            checks.reject(field, "is required");
            return null;
        }
        boolean hasId = checks.required(field + ".id", input.id());
        Instant start = checks.instant(field + ".start", input.start());
        boolean hasDuration = checks.positive(field + ".durationMs", input.durationMs());
        if (!hasId || start == null || !hasDuration) {
            return null;
        }
        return new Break(input.id(), start.toEpochMilli(), start.toEpochMilli() + input.durationMs());
    }

    private static Spot parseSpot(String field, RotationRequest.SpotInput input, ChannelPolicy policy, RequestChecks checks) {
        boolean hasId = checks.required(field + ".id", input.id());
        boolean hasBreak = checks.required(field + ".breakId", input.breakId());
        Instant start = checks.instant(field + ".start", input.start());
        boolean hasLength = checks.positive(field + ".lengthMs", input.lengthMs());
        boolean knownType = checks.required(field + ".type", input.type());
        if (knownType && !InterstitialTypes.isKnown(input.type())) {
            checks.reject(field + ".type", "is not a type (types: " + String.join(", ", InterstitialTypes.ALL) + ")");
            knownType = false;
        }
        if (input.position() != null && !POSITIONS.contains(input.position())) {
            checks.reject(field + ".position", "must be FIRST or LAST");
        }
        List<String> dayparts = input.dayparts() == null ? List.of() : input.dayparts();
        if (policy != null) {
            for (int d = 0; d < dayparts.size(); d++) {
                if (!policy.rotation().dayparts().containsKey(dayparts.get(d))) {
                    checks.reject(field + ".dayparts[" + d + "]", "is not a daypart of channel " + policy.channel()
                            + " (dayparts: " + String.join(", ", policy.rotation().dayparts().keySet()) + ")");
                }
            }
        }
        List<String> productCodes = input.productCodes() == null ? List.of() : input.productCodes();
        if (productCodes.stream().anyMatch(Objects::isNull)) {
            checks.reject(field + ".productCodes", "must not contain null");
        }
        if (!hasId || !hasBreak || start == null || !hasLength || !knownType || policy == null) {
            return null;
        }
        ZonedDateTime local = start.atZone(ZoneId.of(policy.timezone()));
        return new Spot(input.id(), input.breakId(), start.toEpochMilli(), start.toEpochMilli() + input.lengthMs(),
                input.advertiser(), productCodes.stream().filter(Objects::nonNull).toList(), input.creativeId(),
                input.type(), input.priority(), input.position(), dayparts.stream().filter(Objects::nonNull).toList(),
                local.toLocalTime().toNanoOfDay() / 1_000_000, local.truncatedTo(ChronoUnit.HOURS).toOffsetDateTime().toString(),
                local.toLocalDate().toString());
    }
}
