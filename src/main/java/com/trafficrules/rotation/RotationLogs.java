package com.trafficrules.rotation;

import com.trafficrules.policy.ChannelPolicies;
import com.trafficrules.policy.ChannelPolicy;
import com.trafficrules.rotation.facts.Break;
import com.trafficrules.rotation.facts.Spot;
import com.trafficrules.web.RequestChecks;
import com.trafficrules.web.Times;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns requests into facts, or a 400 naming every field that makes them impossible to judge: what the request
 * records declare, and what only the whole request or the channel can tell (ids, references, dayparts).
 */
public final class RotationLogs {

    private RotationLogs() {
    }

    public static RotationLog parse(RotationRequest request, ChannelPolicies policies) {
        RequestChecks checks = RequestChecks.of(request);
        ChannelPolicy policy = checks.ok("channel") ? policies.forChannel(request.channel()) : null;
        Set<String> breakIds = breakIds(request.breaks(), checks);
        Set<String> spotIds = new HashSet<>();
        checks.each("spots", request.spots(), (field, input) -> {
            if (checks.ok(field + ".breakId") && !breakIds.contains(input.breakId())) {
                checks.reject(field + ".breakId", "names no break in this request: " + input.breakId());
            }
            checkSpot(field, input, spotIds, policy, checks);
        });
        checks.throwIfAny();
        LocalClock clock = new LocalClock(policy.zone());
        List<Spot> spots = request.spots().stream().map(input -> attributes(input)
                .airingAt(input.breakId(), Times.parseWithOffset(input.start()).toEpochMilli(), clock)).toList();
        return new RotationLog(policy, breaks(request.breaks()), spots);
    }

    static BuildPlan parse(BuildRequest request, ChannelPolicies policies) {
        RequestChecks checks = RequestChecks.of(request);
        ChannelPolicy policy = checks.ok("channel") ? policies.forChannel(request.channel()) : null;
        breakIds(request.breaks(), checks);
        Set<String> ids = new HashSet<>();
        checks.each("candidates", request.candidates(), (field, input) -> checkSpot(field, input, ids, policy, checks));
        checks.throwIfAny();
        List<BuildPlan.Candidate> candidates = request.candidates().stream()
                .map(input -> new BuildPlan.Candidate(attributes(input), input.weight() == null ? 0 : input.weight())).toList();
        return new BuildPlan(policy, breaks(request.breaks()), candidates, request.seed() == null ? 0L : request.seed());
    }

    /** The ids of the breaks, each break's id checked to be its own. */
    private static Set<String> breakIds(List<RotationRequest.BreakInput> inputs, RequestChecks checks) {
        Set<String> ids = new HashSet<>();
        checks.each("breaks", inputs, (field, input) -> {
            if (checks.ok(field + ".id") && !ids.add(input.id())) {
                checks.reject(field + ".id", "duplicates break id " + input.id());
            }
        });
        return ids;
    }

    /** What a spot is checked for beyond its own fields: an id of its own, and dayparts the channel has. */
    private static void checkSpot(String field, SpotFields input, Set<String> seenIds, ChannelPolicy policy,
                                  RequestChecks checks) {
        if (checks.ok(field + ".id") && !seenIds.add(input.id())) {
            checks.reject(field + ".id", "duplicates spot id " + input.id());
        }
        if (policy != null) {
            checks.each(field + ".dayparts", input.dayparts(), (at, daypart) -> {
                if (!policy.rotation().dayparts().containsKey(daypart)) {
                    checks.reject(at, "is not a daypart of channel " + policy.channel()
                            + " (dayparts: " + String.join(", ", policy.rotation().dayparts().keySet()) + ")");
                }
            });
        }
    }

    private static List<Break> breaks(List<RotationRequest.BreakInput> inputs) {
        return inputs.stream().map(input -> {
            Instant start = Times.parseWithOffset(input.start());
            return new Break(input.id(), start.toEpochMilli(), start.toEpochMilli() + input.durationMs());
        }).toList();
    }

    /** A checked spot's attributes, the optional ones defaulted. */
    private static SpotAttributes attributes(SpotFields input) {
        return new SpotAttributes(input.id(), input.lengthMs(), input.advertiser(),
                input.productCodes() == null ? List.of() : input.productCodes(), input.creativeId(), input.type(),
                input.priority() == null ? 0 : input.priority(), input.position(),
                input.dayparts() == null ? List.of() : input.dayparts());
    }
}
