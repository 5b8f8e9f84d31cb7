package dev.bazaar.catalog.domain;

import java.time.Instant;
import java.util.UUID;

/** A seller's shop as the catalog stores it. */
public record Shop(UUID id, String name, String slug, String description, String country, String ownerSubject,
        ShopStatus status, String statusReason, Instant createdAt, Instant updatedAt, long version) {
}
