package dev.bazaar.checkout.domain;

import java.time.Instant;
import java.util.UUID;

/** A buyer's checkout: quote or saga status, and the order it produced once there is one. */
public record CheckoutSession(UUID id, CheckoutStatus status, UUID orderId, Instant createdAt, Instant updatedAt) {
}
