package dev.bazaar.order.domain;

/** An order's rolled-up status (API.md). Groups have their own {@link GroupStatus}. */
public enum OrderStatus {
    PLACED,
    PAID,
    PARTIALLY_SHIPPED,
    SHIPPED,
    DELIVERED,
    COMPLETED,
    CANCELLED,
    RETURN_REQUESTED,
    REFUNDED,
    PARTIALLY_REFUNDED
}
