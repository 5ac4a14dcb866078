package com.trafficrules.kernel;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The version serving requests, swapped atomically. A request reads it once and uses that one object
 * to the end, so it never mixes two versions.
 */
@Component
public class ActiveRuleset {

    private final AtomicReference<Ruleset> serving = new AtomicReference<>();

    public Ruleset current() {
        Ruleset ruleset = serving.get();
        if (ruleset == null) {
            throw new IllegalStateException("No ruleset version is active yet");
        }
        return ruleset;
    }

    public Optional<Ruleset> peek() {
        return Optional.ofNullable(serving.get());
    }

    /** Swaps the serving version; only governance calls it (the architecture test holds it so). */
    public void serve(Ruleset ruleset) {
        serving.set(ruleset);
    }
}
