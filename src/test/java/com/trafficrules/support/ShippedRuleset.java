package com.trafficrules.support;

import com.trafficrules.Composition;
import com.trafficrules.engine.RulesetFiles;
import com.trafficrules.kernel.Ruleset;
import com.trafficrules.kernel.RulesetRef;
import java.nio.file.Path;

/** The ruleset in rules/ and config/ as tests see it, compiled once per test JVM. */
public final class ShippedRuleset {

    private static Ruleset compiled;

    private ShippedRuleset() {
    }

    public static synchronized Ruleset compiled() {
        if (compiled == null) {
            RulesetFiles files = RulesetFiles.fromDirectory(Path.of("."));
            compiled = Composition.jobs().compile(new RulesetRef(0, "disk", files.hash()), files);
        }
        return compiled;
    }
}
