package com.trafficrules.ruleset;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.trafficrules.kernel.JobCatalog;
import com.trafficrules.kernel.Ruleset;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Compiled versions by id, so a process builds each version once however often it is activated, rolled
 * back to or previewed. Building takes seconds and a KieBase is large, so only a few are kept (Caffeine
 * picks which to forget, mostly one seldom used); the serving one is also held by {@link com.trafficrules.kernel.ActiveRuleset}.
 */
@Component
class CompiledVersions {

    private static final int KEPT = 8;
    private static final Set<RulesetStatus> TRUSTED = EnumSet.of(RulesetStatus.APPROVED, RulesetStatus.ACTIVE,
            RulesetStatus.RETIRED);

    private final RulesetVersionRepository versions;
    private final JobCatalog jobs;
    /**
     * A version being built is a future here, so that callers asking for it meanwhile wait for that one build. The
     * build itself runs outside the cache (a loading {@code get} would run it inside the map's lock, where it could
     * hold up another version that shares its bin); evictions run on the caller's thread, so the limit holds when
     * a call returns.
     */
    private final AsyncCache<Long, Ruleset> byId;

    @Autowired
    CompiledVersions(RulesetVersionRepository versions, JobCatalog jobs) {
        this(versions, jobs, KEPT);
    }

    CompiledVersions(RulesetVersionRepository versions, JobCatalog jobs, int kept) {
        this.versions = versions;
        this.jobs = jobs;
        this.byId = Caffeine.newBuilder().maximumSize(kept).executor(Runnable::run).buildAsync();
    }

    /**
     * The version compiled, from the cache or built now from its stored files. Compiling loads a version's code
     * into this process, so only a version that was approved (and so passed its checks in the check worker)
     * is ever compiled here. A build that fails is thrown to its caller as it is, and not kept.
     */
    Ruleset of(long id) {
        CompletableFuture<Ruleset> known = byId.getIfPresent(id);
        if (known != null) {
            return await(known);
        }
        RulesetVersion version = versions.findWithFilesById(id)
                .orElseThrow(() -> new IllegalStateException("No ruleset version " + id));
        if (!TRUSTED.contains(version.getStatus())) {
            throw new IllegalStateException("Ruleset version " + id + " is " + version.getStatus()
                    + ": only an approved version is compiled in the service");
        }
        CompletableFuture<Ruleset> building = new CompletableFuture<>();
        known = byId.asMap().putIfAbsent(id, building);
        if (known != null) {
            return await(known);
        }
        // Built on this thread, outside any lock: a build takes seconds and other versions need not wait for it.
        try {
            Ruleset built = jobs.compile(version.ref(), version.rulesetFiles());
            building.complete(built);
            return built;
        } catch (RuntimeException | Error e) {
            // The cache drops a future that failed, so the next caller builds again.
            building.completeExceptionally(e);
            throw e;
        }
    }

    void remember(Ruleset ruleset) {
        byId.asMap().putIfAbsent(ruleset.ref().id(), CompletableFuture.completedFuture(ruleset));
    }

    /** What another caller's build gave, or what it threw. */
    private static Ruleset await(CompletableFuture<Ruleset> build) {
        try {
            return build.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failed) {
                throw failed;
            }
            if (e.getCause() instanceof Error failed) {
                throw failed;
            }
            throw e;
        }
    }
}
