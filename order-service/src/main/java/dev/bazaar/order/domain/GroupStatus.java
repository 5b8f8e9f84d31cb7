package dev.bazaar.order.domain;

/**
 * One seller's group: placed, paid (awaiting shipment), partly shipped (some parcels sent, items left to send),
 * shipped (every item sent), delivered, or cancelled.
 */
public enum GroupStatus {
    PLACED,
    PAID,
    PARTIALLY_SHIPPED,
    SHIPPED,
    DELIVERED,
    CANCELLED
}
