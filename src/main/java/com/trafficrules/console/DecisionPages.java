package com.trafficrules.console;

import com.trafficrules.audit.Decisions;
import com.trafficrules.kernel.ActiveRuleset;
import com.trafficrules.kernel.JobCatalog;
import com.trafficrules.policy.ChannelPolicies;
import com.trafficrules.ruleset.Rulesets;
import com.trafficrules.web.FieldProblem;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The audit trail: decisions searched by kind, channel, version and time, and one decision read in full. */
@Controller
@RequestMapping("/console/decisions")
class DecisionPages {

    private static final int PAGE_SIZE = 50;

    private final Decisions decisions;
    private final Rulesets rulesets;
    private final ActiveRuleset active;
    private final ConsoleTimes times;
    private final JsonMapper json;
    private final SortedSet<String> kinds;

    DecisionPages(Decisions decisions, Rulesets rulesets, ActiveRuleset active, ConsoleTimes times, JsonMapper json,
                  JobCatalog jobs) {
        this.decisions = decisions;
        this.rulesets = rulesets;
        this.active = active;
        this.times = times;
        this.json = json;
        this.kinds = jobs.replayKinds(json);
    }

    /**
     * {@code from} and {@code to} are read as the browser's date-time fields send them, without an offset, on the
     * channel's clock when a channel is chosen (UTC otherwise); {@code to} is exclusive. A time that cannot be read is
     * a 400: the form again, the field named.
     */
    @GetMapping
    String search(@RequestParam(required = false) String kind, @RequestParam(required = false) String channel,
                  @RequestParam(required = false) Long ruleset, @RequestParam(required = false) String from,
                  @RequestParam(required = false) String to, @RequestParam(defaultValue = "0") int page, Model model,
                  HttpServletResponse response) {
        String channelName = FormValues.given(channel);
        ZoneId zone = times.zoneOf(channelName);
        List<FieldProblem> problems = new ArrayList<>();
        Instant fromInstant = localTime("From", from, zone, problems);
        Instant toInstant = localTime("Until", to, zone, problems);
        model.addAttribute("kinds", kinds);
        model.addAttribute("channels", ChannelPolicies.of(active.current()).configuredChannels());
        model.addAttribute("versions", rulesets.list());
        model.addAttribute("zone", zone.getId());
        model.addAttribute("problems", problems);
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("decisions", List.of());
            model.addAttribute("paging", Paging.of(0, PAGE_SIZE, 0));
            return "console/decisions";
        }
        int pageNumber = Math.max(0, page);
        Decisions.DecisionPage found = decisions.search(new Decisions.Filter(FormValues.given(kind), channelName, ruleset,
                fromInstant, toInstant), pageNumber, PAGE_SIZE);
        model.addAttribute("decisions", found.decisions());
        model.addAttribute("paging", Paging.of(pageNumber, PAGE_SIZE, found.total()));
        return "console/decisions";
    }

    @GetMapping("/{id}")
    String decision(@PathVariable UUID id, Model model) {
        Decisions.DecisionView decision = decisions.get(id);
        JsonNode request = json.readTree(decision.request());
        JsonNode outcome = json.readTree(decision.outcome());
        model.addAttribute("decision", decision);
        model.addAttribute("request", ReadableJson.of(request));
        model.addAttribute("outcome", ReadableJson.of(outcome));
        model.addAttribute("segments", FilledBlock.timeline(outcome, instant -> times.clock(instant, decision.channel())));
        model.addAttribute("rawRequest", json.writerWithDefaultPrettyPrinter().writeValueAsString(request));
        model.addAttribute("rawOutcome", json.writerWithDefaultPrettyPrinter().writeValueAsString(outcome));
        model.addAttribute("previousVersion", decision.ruleset() == null ? null : rulesets.predecessor(decision.ruleset().id()));
        return "console/decision";
    }

    private static Instant localTime(String field, String value, ZoneId zone, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "must be a date and time such as 2026-11-20T20:00, not " + value));
            return null;
        }
    }
}
