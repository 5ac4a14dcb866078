package com.trafficrules.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Diffs between two versions' files, in the unified format git prints. */
class RulesetDiffTest {

    @Test
    void anAddedFileIsAllPlusLinesFromNothing() {
        assertThat(RulesetDiff.between(Map.of(), Map.of("config/a.yaml", "one\ntwo\n")))
                .containsExactly(new RulesetDiff.FileDiff("config/a.yaml", RulesetDiff.Change.ADDED,
                        "--- /dev/null\n+++ b/config/a.yaml\n@@ -0,0 +1,2 @@\n+one\n+two\n"));
    }

    @Test
    void aRemovedFileIsAllMinusLinesToNothing() {
        assertThat(RulesetDiff.between(Map.of("config/a.yaml", "one\ntwo\n"), Map.of()))
                .containsExactly(new RulesetDiff.FileDiff("config/a.yaml", RulesetDiff.Change.REMOVED,
                        "--- a/config/a.yaml\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-one\n-two\n"));
    }

    @Test
    void aModifiedFileShowsTheChangedLineWithItsContext() {
        assertThat(RulesetDiff.between(Map.of("config/a.yaml", "one\ntwo\nthree\n"), Map.of("config/a.yaml", "one\n2\nthree\n")))
                .containsExactly(new RulesetDiff.FileDiff("config/a.yaml", RulesetDiff.Change.MODIFIED,
                        "--- a/config/a.yaml\n+++ b/config/a.yaml\n@@ -1,3 +1,3 @@\n one\n-two\n+2\n three\n"));
    }

    @Test
    void unchangedFilesAreLeftOut() {
        assertThat(RulesetDiff.between(Map.of("config/a.yaml", "same\n"), Map.of("config/a.yaml", "same\n"))).isEmpty();
    }
}
