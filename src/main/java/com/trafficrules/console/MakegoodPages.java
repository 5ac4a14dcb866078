package com.trafficrules.console;

import com.trafficrules.makegood.order.OrderStore;
import com.trafficrules.makegood.ratings.RatingStore;
import com.trafficrules.web.NotFoundException;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Make-goods: the orders routed into inventory, one order with its events, and what waits for a person (escalations). */
@Controller
@RequestMapping("/console/makegoods")
class MakegoodPages {

    private static final int PAGE_SIZE = 50;
    /** As many of each list as the API lists at once; the page shows them {@link #PAGE_SIZE} at a time. */
    private static final int LISTED = 500;
    private static final Set<String> STATUSES = Set.of("ISSUED", "DELIVERED", "CANCELLED");

    private final OrderStore orders;
    private final RatingStore ratings;
    private final JsonMapper json;

    MakegoodPages(OrderStore orders, RatingStore ratings, JsonMapper json) {
        this.orders = orders;
        this.ratings = ratings;
        this.json = json;
    }

    /** Two lists, each paged on its own: the orders ({@code page}) and the escalations ({@code escalationPage}). */
    @GetMapping
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) String market,
                @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "0") int escalationPage,
                Model model) {
        String shownStatus = status != null && STATUSES.contains(status) ? status : null;
        List<? extends JsonNode> found = orders.list(shownStatus, FormValues.given(market), LISTED);
        Paging paging = Paging.of(page, PAGE_SIZE, found.size());
        model.addAttribute("orders", paging.slice(found));
        model.addAttribute("paging", paging);
        model.addAttribute("statuses", STATUSES.stream().sorted().toList());
        List<JsonNode> escalations = ratings.escalations(LISTED);
        Paging escalationPaging = Paging.of("escalationPage", escalationPage, PAGE_SIZE, escalations.size());
        model.addAttribute("escalations", ReadableJson.of(json.createObjectNode()
                .set("escalations", json.valueToTree(escalationPaging.slice(escalations)))));
        model.addAttribute("escalationPaging", escalationPaging);
        return "console/makegoods";
    }

    @GetMapping("/{orderId}")
    String order(@PathVariable String orderId, Model model) {
        OrderStore.StoredOrder order = orders.find(orderId).orElseThrow(() -> new NotFoundException("No make-good order " + orderId));
        model.addAttribute("orderId", orderId);
        model.addAttribute("status", order.status());
        model.addAttribute("order", ReadableJson.of(order.body()));
        model.addAttribute("events", order.events());
        model.addAttribute("deliveries", order.deliveries());
        model.addAttribute("raw", json.writerWithDefaultPrettyPrinter().writeValueAsString(order.view(json)));
        return "console/makegood";
    }
}
