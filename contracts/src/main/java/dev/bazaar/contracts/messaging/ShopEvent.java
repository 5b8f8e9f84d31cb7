package dev.bazaar.contracts.messaging;

import java.util.UUID;

/**
 * {@code catalog.shop-events}: a shop's status changes, keyed by shop id; {@code aggregateVersion} is the shop's
 * version. Carries the owner's subject (Keycloak {@code sub}, not personal data) so consumers can scope by tenant.
 */
@KeyField("shopId")
public sealed interface ShopEvent extends Message {

    UUID shopId();

    @Override
    default String key() {
        return shopId().toString();
    }

    /** The shop may sell: its ACTIVE products become visible; payment accepts it as a seller. */
    record ShopApproved(UUID shopId, String ownerSubject, String slug, String name, String country)
            implements ShopEvent {
    }

    record ShopRejected(UUID shopId, String ownerSubject, String reason) implements ShopEvent {
    }

    /** The shop may no longer sell: its products leave search; payment holds its transfers. */
    record ShopSuspended(UUID shopId, String ownerSubject, String reason) implements ShopEvent {
    }
}
