package com.trafficrules.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.kernel.ActiveRuleset;
import com.trafficrules.kernel.JobCatalog;
import com.trafficrules.kernel.Ruleset;
import com.trafficrules.kernel.RulesetRef;
import com.trafficrules.support.HttpTest;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Compiled versions are kept by id, up to a limit, so a version is built once while it is kept. Each test has a
 * cache of its own with a small limit, over the service's stored versions (the active one is built for real);
 * the other versions it keeps are remembered under ids no stored version has, so a version it forgot and is asked
 * for again is refused rather than built, and one kept is the very object it was given.
 */
@HttpTest
class CompiledVersionsTest {

    @Autowired
    RulesetVersionRepository versions;

    @Autowired
    JobCatalog jobs;

    @Autowired
    ActiveRuleset active;

    private long activeId() {
        return active.current().ref().id();
    }

    /** The compiled active version under an id no stored version has. */
    private static Ruleset notStored(Ruleset compiled, long id) {
        return compiled.withRef(new RulesetRef(id, "not stored", compiled.ref().hash()));
    }

    /** Whether {@code compiled} gives back this very object for its id, rather than building (or refusing) it. */
    private static boolean kept(CompiledVersions compiled, Ruleset ruleset) {
        try {
            return compiled.of(ruleset.ref().id()) == ruleset;
        } catch (IllegalStateException notStored) {
            return false;
        }
    }

    @Test
    void asManyVersionsAsTheLimitAreAllKept() {
        CompiledVersions compiled = new CompiledVersions(versions, jobs, 2);
        Ruleset built = compiled.of(activeId());
        Ruleset other = notStored(built, -1);
        compiled.remember(other);

        assertThat(kept(compiled, other)).isTrue();
        assertThat(kept(compiled, built)).isTrue();
    }

    @Test
    void oneVersionMoreThanTheLimitIsNotKept() {
        CompiledVersions compiled = new CompiledVersions(versions, jobs, 2);
        Ruleset built = compiled.of(activeId());
        Ruleset other = notStored(built, -1);
        Ruleset another = notStored(built, -2);
        compiled.remember(other);
        compiled.remember(another);

        // Caffeine picks which to forget. The ones not stored first: one forgotten is refused and adds nothing,
        // so only the last question may build again, and the count is exact.
        assertThat(Stream.of(other, another, built).filter(ruleset -> kept(compiled, ruleset))).hasSize(2);
    }

    @Test
    void callersAskingForOneVersionAtOnceShareOneBuild() throws Exception {
        CompiledVersions compiled = new CompiledVersions(versions, jobs, 2);
        long id = activeId();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Ruleset>> callers = List.of(threads.submit(() -> askAfter(start, compiled, id)),
                    threads.submit(() -> askAfter(start, compiled, id)));
            start.countDown();

            assertThat(callers.get(0).get()).isSameAs(callers.get(1).get());
        } finally {
            threads.shutdownNow();
        }
    }

    private static Ruleset askAfter(CountDownLatch start, CompiledVersions compiled, long id) throws InterruptedException {
        start.await();
        return compiled.of(id);
    }

    @Test
    void rememberingAVersionKeepsTheOneAlreadyKept() {
        CompiledVersions compiled = new CompiledVersions(versions, jobs, 2);
        Ruleset built = compiled.of(activeId());

        compiled.remember(built.withRef(built.ref()));

        assertThat(compiled.of(activeId())).isSameAs(built);
    }
}
