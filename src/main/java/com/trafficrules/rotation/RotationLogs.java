package com.trafficrules.rotation;

import com.trafficrules.policy.ChannelPolicies;
import com.trafficrules.policy.ChannelPolicy;
import com.trafficrules.policy.ChannelSlug;
import com.trafficrules.policy.InterstitialTypes;
import com.trafficrules.rotation.facts.Break;
import com.trafficrules.rotation.facts.Spot;
import com.trafficrules.web.RequestChecks;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Turns requests into facts, or a 400 naming every field that makes them impossible to judge. */
public final class RotationLogs {

    private static final Set<String> POSITIONS = Set.of("FIRST", "LAST");

    private RotationLogs() {
    }

    public static RotationLog parse(RotationRequest request, ChannelPolicies policies) {
        RequestChecks checks = new RequestChecks();
        ChannelPolicy policy = channel(request.channel(), policies, checks);
        Map<String, Break> breaks = breaks(request.breaks(), checks);
        Set<String> spotIds = new HashSet<>();
        List<Spot> spots = new ArrayList<>();
        LocalClock clock = policy == null ? null : new LocalClock(ZoneId.of(policy.timezone()));
        for (int i = 0; i < request.spots().size(); i++) {
            String field = "spots[" + i + "]";
            RotationRequest.SpotInput input = request.spots().get(i);
            if (input == null) {
                checks.reject(field, "is required");
                continue;
            }
            if (checks.required(field + ".breakId", input.breakId()) && !breaks.containsKey(input.breakId())) {
                checks.reject(field + ".breakId", "names no break in this request: " + input.breakId());
            }
            Instant start = checks.instant(field + ".start", input.start());
            SpotAttributes attributes = attributes(field, input, spotIds, policy, checks);
            if (attributes != null && start != null && input.breakId() != null) {
                spots.add(attributes.airingAt(input.breakId(), start.toEpochMilli(), clock));
            }
        }
        checks.throwIfAny();
        return new RotationLog(policy, List.copyOf(breaks.values()), List.copyOf(spots));
    }

    static BuildPlan parse(BuildRequest request, ChannelPolicies policies) {
        RequestChecks checks = new RequestChecks();
        ChannelPolicy policy = channel(request.channel(), policies, checks);
        Map<String, Break> breaks = breaks(request.breaks(), checks);
        Set<String> ids = new HashSet<>();
        List<BuildPlan.Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < request.candidates().size(); i++) {
            String field = "candidates[" + i + "]";
            BuildRequest.CandidateInput input = request.candidates().get(i);
            if (input == null) {
                checks.reject(field, "is required");
                continue;
            }
            if (input.weight() != null && input.weight() < 0) {
                checks.reject(field + ".weight", "must be 0 or more");
            }
            SpotAttributes attributes = attributes(field, input, ids, policy, checks);
            if (attributes != null) {
                candidates.add(new BuildPlan.Candidate(attributes, input.weight() == null ? 0 : input.weight()));
            }
        }
        checks.throwIfAny();
        return new BuildPlan(policy, List.copyOf(breaks.values()), List.copyOf(candidates),
                request.seed() == null ? 0L : request.seed());
    }

    private static ChannelPolicy channel(String channel, ChannelPolicies policies, RequestChecks checks) {
        if (!checks.required("channel", channel)) {
            return null;
        }
        if (!ChannelSlug.isValid(channel)) {
            checks.reject("channel", "must be a channel slug: lower-case letters, digits and '-'");
            return null;
        }
        return policies.forChannel(channel);
    }

    private static Map<String, Break> breaks(List<RotationRequest.BreakInput> inputs, RequestChecks checks) {
        Map<String, Break> breaks = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            String field = "breaks[" + i + "]";
            RotationRequest.BreakInput input = inputs.get(i);
            if (input == null) {
                checks.reject(field, "is required");
                continue;
            }
            boolean hasId = checks.required(field + ".id", input.id());
            Instant start = checks.instant(field + ".start", input.start());
            boolean hasDuration = checks.duration(field + ".durationMs", input.durationMs());
            if (hasId && breaks.containsKey(input.id())) {
                checks.reject(field + ".id", "duplicates break id " + input.id());
            } else if (hasId && start != null && hasDuration) {
                breaks.put(input.id(), new Break(input.id(), start.toEpochMilli(), start.toEpochMilli() + input.durationMs()));
            }
        }
        return breaks;
    }

    /** The spot's own fields checked against the channel; null (with problems recorded) when unusable. */
    private static SpotAttributes attributes(String field, SpotFields input, Set<String> seenIds, ChannelPolicy policy,
                                             RequestChecks checks) {
        boolean hasId = checks.required(field + ".id", input.id());
        if (hasId && !seenIds.add(input.id())) {
            checks.reject(field + ".id", "duplicates spot id " + input.id());
            hasId = false;
        }
        boolean hasLength = checks.duration(field + ".lengthMs", input.lengthMs());
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
        if (!hasId || !hasLength || !knownType || policy == null) {
            return null;
        }
        return new SpotAttributes(input.id(), input.lengthMs(), input.advertiser(),
                productCodes.stream().filter(Objects::nonNull).toList(), input.creativeId(), input.type(),
                input.priority() == null ? 0 : input.priority(), input.position(),
                dayparts.stream().filter(Objects::nonNull).toList());
    }
}
