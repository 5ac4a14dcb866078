package com.trafficrules.makegood.order;

import com.trafficrules.makegood.avail.AvailStore;
import com.trafficrules.web.ConflictException;
import com.trafficrules.web.NotFoundException;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The compensating step of a make-good: the order is CANCELLED, what it reserved goes back into inventory, and an
 * event says who and why; whether a person asked for it or the traffic system rejected the order.
 */
@Service
public class Cancellations {

    private final OrderStore orders;
    private final AvailStore avails;
    private final Clock clock;

    Cancellations(OrderStore orders, AvailStore avails, Clock clock) {
        this.orders = orders;
        this.avails = avails;
        this.clock = clock;
    }

    /** Cancels the order; a 404 for an unknown one, a 409 for one already cancelled. */
    @Transactional
    public OrderStore.StoredOrder cancel(String orderId, String by, String reason) {
        String status = orders.lockStatus(orderId).orElseThrow(() -> new NotFoundException("No make-good order " + orderId));
        if (status.equals("CANCELLED")) {
            throw new ConflictException("Make-good order " + orderId + " is already cancelled");
        }
        orders.setStatus(orderId, "CANCELLED");
        avails.release(orderId);
        orders.addEvent(orderId, clock.instant(), by, "CANCELLED", reason);
        return orders.find(orderId).orElseThrow();
    }
}
