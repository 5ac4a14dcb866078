package com.trafficrules.reconciliation.store;

import com.trafficrules.engine.RulesetFiles;
import com.trafficrules.kernel.ActiveRuleset;
import com.trafficrules.policy.ChannelPolicies;
import com.trafficrules.policy.ChannelSlug;
import com.trafficrules.reconciliation.run.RunDocument;
import com.trafficrules.reconciliation.asrun.AsRunCsvReader;
import com.trafficrules.reconciliation.asrun.RetroVueAsRunReader;
import com.trafficrules.reconciliation.run.RunRequests;
import com.trafficrules.reconciliation.run.RunRows;
import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import com.trafficrules.web.FieldProblem;
import com.trafficrules.web.InvalidRequestException;
import com.trafficrules.web.NotFoundException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
    private static final String CSV = "csv";
    private static final Set<String> FORMATS = Set.of(CSV, "retrovue-jsonl");

    private final ReconciliationService service;
    private final RunStore runs;
    private final FilledPlan plan;
    private final ActiveRuleset active;
    private final JsonMapper json;

    ReconciliationController(ReconciliationService service, RunStore runs, FilledPlan plan, ActiveRuleset active, JsonMapper json) {
        this.service = service;
        this.runs = runs;
        this.plan = plan;
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

    /**
     * An as-run file exactly as the playout system wrote it, against the channel's own transmission log for the
     * broadcast date (the channel's local date). The file is read as it arrives, its hash taken on the way.
     */
    @PostMapping("/api/v1/channels/{slug}/reconciliations")
    JsonNode reconcileFile(@PathVariable ChannelSlug slug, @RequestParam(required = false) String broadcastDate,
                           @RequestParam(required = false) String format, HttpServletRequest request) throws IOException {
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate date = RunRequests.date(broadcastDate, "broadcastDate", problems);
        if (format == null || !FORMATS.contains(format)) {
            problems.add(new FieldProblem("format", "is one of " + new TreeSet<>(FORMATS)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        String channel = slug.value();
        ZoneId zone = zone(channel);
        RunRows rows = new RunRows(zone);
        plan.of(channel, date.atStartOfDay(zone).toInstant(), date.plusDays(1).atStartOfDay(zone).toInstant()).forEach(rows::addPlanned);
        MessageDigest digest = sha256();
        try (Reader file = new BufferedReader(new InputStreamReader(new DigestInputStream(request.getInputStream(), digest),
                StandardCharsets.UTF_8))) {
            if (format.equals(CSV)) {
                new AsRunCsvReader(zone).read(file, rows::addAsRun, rows::quarantine);
            } else {
                new RetroVueAsRunReader().read(file, rows::addAsRun, rows::quarantine);
            }
        }
        String fileHash = HexFormat.of().formatHex(digest.digest());
        return service.reconcile(new RunDocument(channel, date, format, rows.planned(), rows.asRun(), rows.quarantined()),
                RulesetFiles.sha256(channel + "|" + date + "|" + format + "|" + fileHash));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM ships SHA-256", e);
        }
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
        return ChannelPolicies.of(active.current()).forChannel(channel).zone();
    }

    private static InvalidRequestException problem(String field, String message) {
        return new InvalidRequestException(List.of(new FieldProblem(field, message)));
    }
}
