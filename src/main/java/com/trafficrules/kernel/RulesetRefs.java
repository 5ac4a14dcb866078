package com.trafficrules.kernel;

import java.util.Collection;
import java.util.Map;

/** Names stored ruleset versions by id, for whoever shows which version made a decision. */
public interface RulesetRefs {

    /** The versions of these ids that exist. */
    Map<Long, RulesetRef> byIds(Collection<Long> ids);
}
