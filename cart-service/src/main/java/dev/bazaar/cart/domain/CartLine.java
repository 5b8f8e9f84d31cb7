package dev.bazaar.cart.domain;

import java.time.Instant;
import java.util.UUID;

/** One line of a cart: a variant and how many. */
public record CartLine(UUID variantId, int quantity, Instant addedAt) {
}
