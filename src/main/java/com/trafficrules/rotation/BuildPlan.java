package com.trafficrules.rotation;

import com.trafficrules.policy.ChannelPolicy;
import com.trafficrules.rotation.facts.Break;
import java.util.List;

/** A checked build request: the channel's policy, its breaks and the candidate pool. */
record BuildPlan(ChannelPolicy policy, List<Break> breaks, List<Candidate> candidates, long seed) {

    record Candidate(SpotAttributes spot, int weight) {
    }
}
