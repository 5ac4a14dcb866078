package com.trafficrules.ruleset;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One file of a version, stored verbatim. */
@Embeddable
public record RulesetFileEntry(@Column(name = "path") String path,
                               @Column(name = "sha256") String sha256,
                               @Column(name = "content") String content) {
}
