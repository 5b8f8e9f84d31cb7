package dev.bazaar.catalog.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A seller's shop as the catalog stores it. {@code returnWindowDays}: its return policy ({@link ReturnWindow}: days
 * after delivery buyers may ask to return items, 0 = no returns).
 */
public record Shop(
        UUID id,
        String name,
        String slug,
        String description,
        String country,
        String ownerSubject,
        ShopStatus status,
        String statusReason,
        Instant createdAt,
        Instant updatedAt,
        long version,
        int returnWindowDays) {

    /** The same shop with another return window (checked: 0 to 90 days). */
    public Shop withReturnWindowDays(int days) {
        return new Shop(
                id,
                name,
                slug,
                description,
                country,
                ownerSubject,
                status,
                statusReason,
                createdAt,
                updatedAt,
                version,
                ReturnWindow.check(days));
    }
}
