package dev.bazaar.contracts.messaging;

import java.util.List;
import java.util.UUID;

/**
 * {@code catalog.shop-events}: a shop's status and return policy changes, keyed by shop id; {@code aggregateVersion} is
 * the shop's version. Carries the owner's subject (Keycloak {@code sub}, not personal data) so consumers can scope by
 * tenant.
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
            implements ShopEvent {}

    record ShopRejected(UUID shopId, String ownerSubject, String reason) implements ShopEvent {}

    /** The shop may no longer sell: its products leave search; payment holds its transfers. */
    record ShopSuspended(UUID shopId, String ownerSubject, String reason) implements ShopEvent {}

    /**
     * The seller set the shop's return policy: {@code returnWindowDays} (the catalog allows 0–90; 0 = no returns) is
     * how long after delivery a buyer may ask to return items of an order placed from now on (orders keep the window
     * they were placed under). Sent in any status; it changes nothing of the status. A shop that never sent one has
     * the default, 30 days.
     *
     * <p>{@code staffSubjects} (added in #27, ADR 0027) is the shop's whole staff list as of this version: the subjects
     * of the users the owner invited to fulfil the shop's orders (never the owner). A staff change is sent as this
     * event with the unchanged return window, because a new event type would be dead-lettered by consumers that do not
     * know it, while an added field is ignored by them. Null means the event does not say (a producer older than the
     * field): the consumer keeps the staff it has.
     */
    record ShopPolicyChanged(UUID shopId, String ownerSubject, int returnWindowDays, List<String> staffSubjects)
            implements ShopEvent {
        public ShopPolicyChanged {
            if (returnWindowDays < 0) {
                throw new IllegalArgumentException("returnWindowDays is not negative, got " + returnWindowDays);
            }
            staffSubjects = staffSubjects == null ? null : List.copyOf(staffSubjects);
        }

        /** A policy change that says nothing of the staff (as sent before the staff list existed). */
        public ShopPolicyChanged(UUID shopId, String ownerSubject, int returnWindowDays) {
            this(shopId, ownerSubject, returnWindowDays, null);
        }
    }
}
