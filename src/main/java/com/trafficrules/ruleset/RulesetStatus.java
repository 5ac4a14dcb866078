package com.trafficrules.ruleset;

public enum RulesetStatus {
    PROPOSED, REJECTED, APPROVED, ACTIVE, RETIRED
}
