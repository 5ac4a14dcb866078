package com.trafficrules.makegood.order;

/**
 * Published when an order and its outbox entry are written, inside the order's transaction; delivery listens for it
 * after that transaction commits, so an order goes out right away instead of at the next poll.
 */
public record OrderQueued(String orderId) {
}
