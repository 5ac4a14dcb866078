package com.trafficrules.ruleset;

import com.trafficrules.kernel.RulesetRef;
import com.trafficrules.kernel.RulesetRefs;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Ruleset references as governance stores them, for the audit trail. */
@Component
class StoredRulesetRefs implements RulesetRefs {

    private final RulesetVersionRepository versions;

    StoredRulesetRefs(RulesetVersionRepository versions) {
        this.versions = versions;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Long, RulesetRef> byIds(Collection<Long> ids) {
        return versions.findAllById(ids).stream().collect(Collectors.toMap(RulesetVersion::getId, RulesetVersion::ref));
    }
}
