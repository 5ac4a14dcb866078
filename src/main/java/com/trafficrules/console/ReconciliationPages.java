package com.trafficrules.console;

import com.trafficrules.reconciliation.store.RunStore;
import com.trafficrules.web.NotFoundException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Avails reconciliation: the runs, newest broadcast date first, and one run with its items, classes as a bar chart. */
@Controller
@RequestMapping("/console/reconciliations")
class ReconciliationPages {

    private static final int PAGE_SIZE = 25;
    private static final int LISTED = 500;
    private static final LocalDate FIRST = LocalDate.of(1970, 1, 1);
    private static final LocalDate LAST = LocalDate.of(9999, 12, 31);

    private final RunStore runs;
    private final JsonMapper json;

    ReconciliationPages(RunStore runs, JsonMapper json) {
        this.runs = runs;
        this.json = json;
    }

    /** A run's class and how many of its items have it, the bar's length relative to the run's largest class. */
    record ClassCount(String name, int count, double percent) {
    }

    /** A run as the list shows it: its summary, and its counts as bars. */
    record RunRow(JsonNode run, List<ClassCount> counts) {
    }

    @GetMapping
    String list(@RequestParam(required = false) String channel, @RequestParam(defaultValue = "0") int page, Model model) {
        List<JsonNode> found = runs.list(FormValues.given(channel), FIRST, LAST, LISTED);
        Paging paging = Paging.of(page, PAGE_SIZE, found.size());
        model.addAttribute("runs", paging.slice(found).stream()
                .map(run -> new RunRow(run, counts(run))).toList());
        model.addAttribute("paging", paging);
        return "console/reconciliations";
    }

    @GetMapping("/{runId}")
    String run(@PathVariable UUID runId, Model model) {
        JsonNode run = runs.byId(runId).orElseThrow(() -> new NotFoundException("No reconciliation run " + runId));
        model.addAttribute("run", run);
        model.addAttribute("counts", counts(run));
        model.addAttribute("readable", ReadableJson.of(run));
        model.addAttribute("raw", json.writerWithDefaultPrettyPrinter().writeValueAsString(run));
        return "console/reconciliation";
    }

    static List<ClassCount> counts(JsonNode run) {
        JsonNode counts = run.path("counts");
        int largest = 1;
        for (Map.Entry<String, JsonNode> entry : counts.properties()) {
            largest = Math.max(largest, entry.getValue().asInt());
        }
        List<ClassCount> bars = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : counts.properties()) {
            int count = entry.getValue().asInt();
            bars.add(new ClassCount(entry.getKey(), count, Math.round(1000.0 * count / largest) / 10.0));
        }
        return bars;
    }
}
