package com.trafficrules.rotation;

import com.trafficrules.rotation.facts.Fault;
import java.util.List;

/** The judgement of one traffic log: valid unless some fault is CRITICAL. */
public record RotationVerdict(boolean valid, List<Fault> faults, List<String> firedRules) {
}
