package com.trafficrules.rotation;

import com.trafficrules.policy.ChannelPolicy;
import com.trafficrules.rotation.facts.Break;
import com.trafficrules.rotation.facts.Spot;
import java.util.List;

/** A checked traffic log, as facts, with the channel policy it is judged under. */
public record RotationLog(ChannelPolicy policy, List<Break> breaks, List<Spot> spots) {
}
