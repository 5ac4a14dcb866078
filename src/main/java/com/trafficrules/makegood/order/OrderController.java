package com.trafficrules.makegood.order;

import com.trafficrules.web.Callers;
import com.trafficrules.web.FieldProblem;
import com.trafficrules.web.InvalidRequestException;
import com.trafficrules.web.NotFoundException;
import com.trafficrules.web.RequestChecks;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Make-good orders: listed, read with their trail, and cancelled by a person. */
@RestController
@RequestMapping("/api/v1/makegoods")
class OrderController {

    static final Set<String> STATUSES = Set.of("ISSUED", "DELIVERED", "CANCELLED");
    private static final int LIST_LIMIT = 500;

    private final OrderStore orders;
    private final Cancellations cancellations;
    private final JsonMapper json;

    OrderController(OrderStore orders, Cancellations cancellations, JsonMapper json) {
        this.orders = orders;
        this.cancellations = cancellations;
        this.json = json;
    }

    record OrderList(List<ObjectNode> orders) {
    }

    record CancelRequest(@NotBlank String reason) {
    }

    @GetMapping
    OrderList list(@RequestParam(required = false) String status, @RequestParam(required = false) String market) {
        if (status != null && !status.isBlank() && !STATUSES.contains(status)) {
            throw new InvalidRequestException(List.of(new FieldProblem("status", "must be one of " + new TreeSet<>(STATUSES))));
        }
        return new OrderList(orders.list(blankToNull(status), blankToNull(market), LIST_LIMIT));
    }

    @GetMapping("/{orderId}")
    ObjectNode get(@PathVariable String orderId) {
        return orders.find(orderId).orElseThrow(() -> new NotFoundException("No make-good order " + orderId)).view(json);
    }

    @PostMapping("/{orderId}/cancel")
    ObjectNode cancel(@PathVariable String orderId, @RequestBody CancelRequest request) {
        RequestChecks.of(request).throwIfAny();
        return cancellations.cancel(orderId, Callers.current(), request.reason().trim()).view(json);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
