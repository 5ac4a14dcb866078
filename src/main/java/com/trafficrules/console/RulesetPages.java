package com.trafficrules.console;

import com.trafficrules.ruleset.ImpactComparison;
import com.trafficrules.ruleset.ImpactPreview;
import com.trafficrules.ruleset.RulesetChecks;
import com.trafficrules.ruleset.RulesetDiff;
import com.trafficrules.ruleset.RulesetGovernance;
import com.trafficrules.ruleset.RulesetStatus;
import com.trafficrules.ruleset.Rulesets;
import com.trafficrules.web.Callers;
import com.trafficrules.web.FieldProblem;
import com.trafficrules.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/** The ruleset versions: the history, a version with its files and checks, diffs, and the workflow's buttons. */
@Controller
@RequestMapping("/console/rulesets")
class RulesetPages {

    private static final int PAGE_SIZE = 25;

    private final Rulesets rulesets;
    private final JsonMapper json;

    RulesetPages(Rulesets rulesets, JsonMapper json) {
        this.rulesets = rulesets;
        this.json = json;
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        List<Rulesets.VersionView> all = rulesets.list();
        Paging paging = Paging.of(page, PAGE_SIZE, all.size());
        model.addAttribute("versions", paging.slice(all));
        model.addAttribute("paging", paging);
        return "console/rulesets";
    }

    @GetMapping("/{id}")
    String version(@PathVariable long id, Model model) {
        Rulesets.VersionWithFiles version = rulesets.version(id);
        RulesetChecks checks = rulesets.checks(version);
        model.addAttribute("version", version);
        model.addAttribute("checks", checks);
        model.addAttribute("events", rulesets.events(id));
        model.addAttribute("previous", rulesets.predecessor(id));
        model.addAttribute("others", others(id));
        model.addAttribute("approvable", version.status() == RulesetStatus.PROPOSED && checks != null && checks.approvable());
        model.addAttribute("activatable", version.status() == RulesetStatus.APPROVED || version.status() == RulesetStatus.RETIRED);
        model.addAttribute("previewable", previewable(version));
        return "console/ruleset";
    }

    /** The change to {@code id} from {@code against}, by default from the version that served before it. */
    @GetMapping("/{id}/diff")
    String diff(@PathVariable long id, @RequestParam(required = false) Long against, Model model) {
        Long from = against != null ? against : rulesets.predecessor(id);
        model.addAttribute("version", rulesets.version(id));
        model.addAttribute("others", others(id));
        if (from == null) {
            model.addAttribute("files", List.of());
            return "console/diff";
        }
        Rulesets.DiffView diff = rulesets.diff(id, from);
        model.addAttribute("against", rulesets.version(from));
        model.addAttribute("files", diff.files().stream().map(FileSides::of).toList());
        return "console/diff";
    }

    /** The versions to compare {@code id} with: every other one. */
    private List<Rulesets.VersionView> others(long id) {
        return rulesets.list().stream().filter(other -> other.id() != id).toList();
    }

    /** One changed file, its unified diff laid out side by side. */
    record FileSides(String path, RulesetDiff.Change change, List<SideBySide.Row> rows) {

        static FileSides of(RulesetDiff.FileDiff diff) {
            return new FileSides(diff.path(), diff.change(), SideBySide.of(diff.diff()));
        }
    }

    @GetMapping("/propose")
    String proposeForm(Model model) {
        return proposeForm(model, List.of());
    }

    private String proposeForm(Model model, List<FieldProblem> problems) {
        List<Rulesets.VersionView> versions = rulesets.list();
        model.addAttribute("versions", versions);
        model.addAttribute("activePaths", versions.stream().filter(v -> v.status() == RulesetStatus.ACTIVE).findFirst()
                .map(active -> rulesets.version(active.id()).files().stream().map(file -> file.path()).toList())
                .orElse(List.of()));
        model.addAttribute("problems", problems);
        return "console/propose";
    }

    /** The form again with what was wrong, answered 400: nothing was stored. */
    private String refused(Model model, List<FieldProblem> problems, HttpServletResponse response) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return proposeForm(model, problems);
    }

    /** A proposal from uploaded files ({@link ProposalUpload} says how each is read). */
    @PostMapping
    String propose(@RequestParam(required = false) String label, @RequestParam(required = false) String note,
                   @RequestParam(required = false) Long base, @RequestParam(name = "path", required = false) List<String> paths,
                   @RequestParam(name = "file", required = false) List<MultipartFile> uploads, Model model,
                   RedirectAttributes redirect, HttpServletResponse response) throws IOException {
        Rulesets.VersionWithFiles baseVersion = rulesets.version(base != null ? base : rulesets.active().id());
        ProposalUpload upload = ProposalUpload.read(baseVersion, paths == null ? List.of() : paths,
                uploads == null ? List.of() : uploads);
        if (!upload.problems().isEmpty()) {
            return refused(model, upload.problems(), response);
        }
        Rulesets.Proposed proposed;
        try {
            proposed = rulesets.propose(new RulesetGovernance.Proposal(FormValues.given(label), FormValues.given(note),
                    baseVersion.id(), upload.files(), upload.scenarios()), Callers.current());
        } catch (InvalidRequestException e) {
            return refused(model, e.problems().stream().map(upload::asTheFormNamesIt).toList(), response);
        }
        redirect.addFlashAttribute("notice", proposed.rejected()
                ? "Stored as REJECTED: its checks failed (below). Fix the files and propose again."
                : "Stored as PROPOSED. Its checks are below; someone else with the APPROVER role approves it.");
        return "redirect:/console/rulesets/" + proposed.version().id();
    }

    @PostMapping("/{id}/approve")
    String approve(@PathVariable long id, RedirectAttributes redirect) {
        rulesets.approve(id, Callers.current());
        redirect.addFlashAttribute("notice", "Approved by " + Callers.current() + ". It can be activated now.");
        return "redirect:/console/rulesets/" + id;
    }

    @PostMapping("/{id}/activate")
    String activate(@PathVariable long id, RedirectAttributes redirect) {
        rulesets.activate(id, Callers.current());
        redirect.addFlashAttribute("notice", "Activated by " + Callers.current() + ": every replica serves it now.");
        return "redirect:/console/rulesets/" + id;
    }

    @GetMapping("/{id}/impact")
    String impactForm(@PathVariable long id, Model model) {
        Rulesets.VersionWithFiles version = rulesets.version(id);
        model.addAttribute("version", version);
        model.addAttribute("previewable", previewable(version));
        return "console/impact";
    }

    /** A version its checks rejected has no rules to run (the service refuses its preview too). */
    private static boolean previewable(Rulesets.VersionWithFiles version) {
        return version.status() != RulesetStatus.REJECTED;
    }

    /** Stored decisions decided again under this version and the active one: what would change. */
    @PostMapping("/{id}/impact")
    String impact(@PathVariable long id, Model model) {
        ImpactPreview.Impact impact = rulesets.impact(id, new ImpactPreview.Request(null, null, null));
        model.addAttribute("impact", impact);
        model.addAttribute("changes", impact.changes().stream().map(this::changeView).toList());
        return impactForm(id, model);
    }

    /** A changed decision with each added or removed item as one line of JSON. */
    record ChangeView(UUID decisionId, String kind, List<String> added, List<String> removed) {
    }

    private ChangeView changeView(ImpactComparison.Change change) {
        return new ChangeView(change.decisionId(), change.kind(),
                change.added().stream().map(json::writeValueAsString).toList(),
                change.removed().stream().map(json::writeValueAsString).toList());
    }
}
