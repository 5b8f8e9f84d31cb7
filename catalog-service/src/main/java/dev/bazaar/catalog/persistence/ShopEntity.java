package dev.bazaar.catalog.persistence;

import dev.bazaar.catalog.domain.Shop;
import dev.bazaar.catalog.domain.ShopStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * The {@code shop} table (V1__shops.sql) as Hibernate maps it. Persistence only: services see {@link Shop}.
 * {@code version} is Hibernate's version: every update of a loaded shop adds one (and checks it), as the former
 * {@code version = version + 1} did.
 */
@Entity
@Table(name = "shop")
public class ShopEntity {

    @Id
    public UUID id;

    public String name;

    @Column(updatable = false)
    public String slug;

    public String description;
    public String country;

    @Column(name = "owner_subject", updatable = false)
    public String ownerSubject;

    @Enumerated(EnumType.STRING)
    public ShopStatus status;

    @Column(name = "status_reason")
    public String statusReason;

    @Column(name = "created_at", updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;

    @Column(name = "return_window_days")
    public int returnWindowDays;

    Shop toShop() {
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
                returnWindowDays);
    }
}
