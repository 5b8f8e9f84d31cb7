package dev.bazaar.order.domain;

import java.time.Instant;
import java.util.UUID;

/** A line of a buyer's order list, as the buyer read model holds it. */
public record OrderSummary(UUID orderId, String status, Instant placedAt, MoneyView total, int itemCount) {

    /** Money as every API shows it: minor units and an ISO 4217 code. */
    public record MoneyView(long amount, String currency) {}
}
