package dev.bazaar.order.domain;

/** One seller's group: placed, paid (awaiting shipment), shipped, delivered, or cancelled. */
public enum GroupStatus {
    PLACED, PAID, SHIPPED, DELIVERED, CANCELLED
}
