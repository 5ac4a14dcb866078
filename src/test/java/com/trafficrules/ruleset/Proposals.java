package com.trafficrules.ruleset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Proposal bodies and the DRL they carry, for the governance tests. */
public final class Proposals {

    public static final String MARKER_PATH = "rules/rotation/marked-advertiser.drl";
    static final String MARKER_RULE = "marked-advertiser";
    static final String OVERLAP_PATH = "rules/rotation/temporal-overlap.drl";

    /** A rule no shipped scenario triggers: it faults spots of the advertiser MARKED, so its effect is easy to see. */
    public static final String MARKER_DRL = String.join("\n",
            "package rules.rotation;",
            "",
            "import com.trafficrules.rotation.facts.Fault;",
            "import com.trafficrules.rotation.facts.Severity;",
            "import com.trafficrules.rotation.facts.Spot;",
            "",
            "global com.trafficrules.engine.Outcomes outcomes;",
            "",
            "rule \"marked-advertiser\"",
            "    // Spots of the advertiser MARKED are flagged.",
            "when",
            "    $spot : Spot( advertiser == \"MARKED\" )",
            "then",
            "    outcomes.add(Fault.ofSpot(\"marked-advertiser\", Severity.WARNING, $spot, \"MARKED is flagged\"));",
            "end",
            "");

    private Proposals() {
    }

    /** A DRL whose consequence is {@code consequence}; the consequence is on line 13. */
    static String drlWithConsequence(String consequence) {
        return String.join("\n",
                "package rules.rotation;",
                "",
                "import com.trafficrules.rotation.facts.Spot;",
                "",
                "global com.trafficrules.engine.Outcomes outcomes;",
                "",
                "rule \"proposed\"",
                "    // Whatever the proposal tries.",
                "when",
                "    $spot : Spot( )",
                "then",
                "    // the consequence",
                "    " + consequence,
                "end",
                "");
    }

    public static Map<String, Object> proposal(String label, Map<String, String> files) {
        List<Map<String, Object>> changes = new ArrayList<>();
        files.forEach((path, content) -> {
            Map<String, Object> file = new HashMap<>();
            file.put("path", path);
            file.put("content", content);
            changes.add(file);
        });
        Map<String, Object> body = new HashMap<>();
        body.put("label", label);
        body.put("note", "written by a test");
        body.put("files", changes);
        return body;
    }

    public static Map<String, Object> proposal(String label, String path, String content) {
        Map<String, String> files = new HashMap<>();
        files.put(path, content);
        return proposal(label, files);
    }

    /** One MARKED spot alone in a break: no fault under the shipped rules, one marked-advertiser fault with the marker. */
    static Map<String, Object> aMarkedSpot() {
        return Map.of(
                "channel", "retro-prime",
                "breaks", List.of(Map.of("id", "B1", "start", "2026-11-20T20:12:00Z", "durationMs", 120_000)),
                "spots", List.of(Map.of("id", "S1", "breakId", "B1", "start", "2026-11-20T20:12:00Z", "lengthMs", 30_000,
                        "advertiser", "MARKED", "type", "commercial")));
    }
}
