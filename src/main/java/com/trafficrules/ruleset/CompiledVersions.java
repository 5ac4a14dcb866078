package com.trafficrules.ruleset;

import com.trafficrules.kernel.JobCatalog;
import com.trafficrules.kernel.Ruleset;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Compiled versions by id, so a process builds each version once however often it is activated, rolled
 * back to or previewed. Building takes seconds and a KieBase is large, so only the most recently used few
 * are kept; the serving one is also held by {@link ActiveRuleset}.
 */
@Component
class CompiledVersions {

    private static final int KEPT = 8;
    private static final Set<RulesetStatus> TRUSTED = EnumSet.of(RulesetStatus.APPROVED, RulesetStatus.ACTIVE,
            RulesetStatus.RETIRED);

    private final RulesetVersionRepository versions;
    private final Map<Long, Ruleset> byId = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Ruleset> eldest) {
            return size() > KEPT;
        }
    };

    private final JobCatalog jobs;

    CompiledVersions(RulesetVersionRepository versions, JobCatalog jobs) {
        this.versions = versions;
        this.jobs = jobs;
    }

    /**
     * The version compiled, from the cache or built now from its stored files. Compiling loads a version's code
     * into this process, so only a version that was approved (and so passed its checks in the check worker)
     * is ever compiled here.
     */
    Ruleset of(long id) {
        synchronized (byId) {
            Ruleset cached = byId.get(id);
            if (cached != null) {
                return cached;
            }
        }
        RulesetVersion version = versions.findWithFilesById(id)
                .orElseThrow(() -> new IllegalStateException("No ruleset version " + id));
        if (!TRUSTED.contains(version.getStatus())) {
            throw new IllegalStateException("Ruleset version " + id + " is " + version.getStatus()
                    + ": only an approved version is compiled in the service");
        }
        // Built outside the lock: a build takes seconds and other versions need not wait for it.
        Ruleset built = jobs.compile(version.ref(), version.rulesetFiles());
        remember(built);
        return built;
    }

    void remember(Ruleset ruleset) {
        synchronized (byId) {
            byId.putIfAbsent(ruleset.ref().id(), ruleset);
        }
    }
}
