package com.trafficrules.reconciliation.store;

import com.trafficrules.engine.RulesetFiles;
import com.trafficrules.kernel.ActiveRuleset;
import com.trafficrules.policy.ChannelPolicies;
import com.trafficrules.policy.ChannelSlug;
import com.trafficrules.reconciliation.run.RunDocument;
import com.trafficrules.reconciliation.run.RunRequests;
import com.trafficrules.web.FieldProblem;
import com.trafficrules.web.InvalidRequestException;
import com.trafficrules.web.NotFoundException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reconciliation runs: planned and as-run rows sent as JSON, read back by id, listed by channel and date. The body
 * is taken as bytes, since "the same body again" means the same bytes, and read as a tree: a row that does not
 * read is that row's quarantine, never a 400 for the run.
 */
@RestController
class ReconciliationController {

    private static final int LIST_LIMIT = 500;

    private final ReconciliationService service;
    private final RunStore runs;
    private final ActiveRuleset active;
    private final JsonMapper json;

    ReconciliationController(ReconciliationService service, RunStore runs, ActiveRuleset active, JsonMapper json) {
        this.service = service;
        this.runs = runs;
        this.active = active;
        this.json = json;
    }

    record RunList(List<JsonNode> runs) {
    }

    @PostMapping("/api/v1/reconciliations")
    JsonNode reconcile(@RequestBody byte[] body) {
        JsonNode run;
        try {
            run = json.readTree(body);
        } catch (JacksonException e) {
            throw problem("", "the body is not JSON: " + e.getOriginalMessage());
        }
        RunDocument document = RunRequests.read(run, this::zone);
        return service.reconcile(document, RulesetFiles.sha256(body));
    }

    @GetMapping("/api/v1/reconciliations/{runId}")
    JsonNode run(@PathVariable UUID runId) {
        return runs.byId(runId).orElseThrow(() -> new NotFoundException("No reconciliation run " + runId));
    }

    @GetMapping("/api/v1/reconciliations")
    RunList list(@RequestParam(required = false) ChannelSlug channel, @RequestParam(required = false) String from,
                 @RequestParam(required = false) String to) {
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate first = from == null ? LocalDate.of(1970, 1, 1) : RunRequests.date(from, "from", problems);
        LocalDate last = to == null ? LocalDate.of(9999, 12, 31) : RunRequests.date(to, "to", problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new RunList(runs.list(channel == null ? null : channel.value(), first, last, LIST_LIMIT));
    }

    ZoneId zone(String channel) {
        return ZoneId.of(ChannelPolicies.of(active.current()).forChannel(channel).timezone());
    }

    private static InvalidRequestException problem(String field, String message) {
        return new InvalidRequestException(List.of(new FieldProblem(field, message)));
    }
}
