package dev.bazaar.contracts.messaging;

import java.util.UUID;

/** {@code catalog.shop-events}: a shop's status changes, keyed by shop id. Carries the owner so consumers can scope. */
public sealed interface ShopEvent extends Message {

    UUID shopId();

    @Override
    default String key() {
        return shopId().toString();
    }

    record ShopApproved(UUID shopId, String ownerSubject, String slug, String name, String country)
            implements ShopEvent {
    }

    record ShopRejected(UUID shopId, String ownerSubject, String reason) implements ShopEvent {
    }

    record ShopSuspended(UUID shopId, String ownerSubject, String reason) implements ShopEvent {
    }
}
