package com.trafficrules.console;

import com.trafficrules.audit.Decisions;
import com.trafficrules.ruleset.RulesetStatus;
import com.trafficrules.ruleset.Rulesets;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/** The morning page (what serves, what waits for a decision, what was decided last), the login and the refusal. */
@Controller
class HomePages {

    private static final int LATEST = 10;

    private final Rulesets rulesets;
    private final Decisions decisions;

    HomePages(Rulesets rulesets, Decisions decisions) {
        this.rulesets = rulesets;
        this.decisions = decisions;
    }

    @GetMapping("/console")
    String home(Model model) {
        List<Rulesets.VersionView> versions = rulesets.list();
        model.addAttribute("active", versions.stream().filter(v -> v.status() == RulesetStatus.ACTIVE).findFirst().orElse(null));
        model.addAttribute("waiting", versions.stream()
                .filter(v -> v.status() == RulesetStatus.PROPOSED || v.status() == RulesetStatus.APPROVED).toList());
        model.addAttribute("decisions", decisions.search(new Decisions.Filter(null, null, null, null, null), 0, LATEST).decisions());
        return "console/home";
    }

    @GetMapping("/console/login")
    String login() {
        return "console/login";
    }

    /** Where the security chain forwards a refused request (wrong role, missing or forged CSRF token). */
    @RequestMapping("/console/denied")
    ModelAndView denied(HttpServletRequest request) {
        return ConsoleErrors.page(ConsoleErrors.Refusal.of(HttpStatus.FORBIDDEN,
                "You may not do this: your role does not allow it, or the form was not one this console gave you.",
                "Ask someone whose role allows it, or open the page again and use its own form."), request);
    }
}
