package dev.bazaar.catalog.service;

import dev.bazaar.catalog.domain.Shop;
import dev.bazaar.catalog.domain.ShopStatus;
import dev.bazaar.catalog.domain.ShopStatus.Review;
import dev.bazaar.catalog.persistence.ShopRepository;
import dev.bazaar.catalog.rest.ShopRequests;
import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.ShopEvent;
import dev.bazaar.kit.outbox.Outbox;
import dev.bazaar.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Sellers open and edit their shop; admins review it. Every status change leaves on catalog.shop-events. */
@ApplicationScoped
public class ShopService {

    private final Pool pool;
    private final ShopRepository shops;

    public ShopService(Pool pool, ShopRepository shops) {
        this.pool = pool;
        this.shops = shops;
    }

    /** One shop per seller; it waits for an admin's approval. */
    public Uni<Shop> open(String owner, ShopRequests.OpenShop request) {
        Shop shop = new Shop(UUID.randomUUID(), request.name().strip(), request.slug(),
                request.description() == null ? "" : request.description().strip(), request.country(), owner,
                ShopStatus.PENDING_APPROVAL, null, null, null, 0);
        return pool.withTransaction(tx -> shops.insert(tx, shop))
                .onFailure(ShopService::isUniqueViolation).transform(ShopService::duplicate);
    }

    public Uni<Shop> own(String owner) {
        return shops.findByOwner(owner).map(found -> found.orElseThrow(ShopService::noShop));
    }

    public Uni<Shop> update(String owner, ShopRequests.UpdateShop patch) {
        return pool.withTransaction(tx -> shops.lockByOwner(tx, owner)
                .map(found -> found.orElseThrow(ShopService::noShop))
                .flatMap(shop -> shops.update(tx, new Shop(shop.id(), orElse(patch.name(), shop.name()), shop.slug(),
                        orElse(patch.description(), shop.description()), orElse(patch.country(), shop.country()),
                        shop.ownerSubject(), shop.status(), shop.statusReason(), shop.createdAt(), shop.updatedAt(),
                        shop.version()))));
    }

    /** An admin's decision; the event is written in the same transaction, after the row lock. */
    public Uni<Shop> review(UUID shopId, Review review, String reason) {
        return pool.withTransaction(tx -> shops.lock(tx, shopId)
                .map(found -> found.orElseThrow(() -> new ProblemException.NotFound("No shop " + shopId + ".")))
                .flatMap(shop -> {
                    ShopStatus next = shop.status().after(review);
                    return shops.update(tx, new Shop(shop.id(), shop.name(), shop.slug(), shop.description(),
                            shop.country(), shop.ownerSubject(), next, reason, shop.createdAt(), shop.updatedAt(),
                            shop.version()));
                })
                .call(updated -> publish(tx, updated)));
    }

    public Uni<Optional<Shop>> publicProfile(String slug) {
        return shops.findApprovedBySlug(slug);
    }

    private static Uni<Void> publish(SqlClient tx, Shop shop) {
        ShopEvent event = switch (shop.status()) {
            case APPROVED -> new ShopEvent.ShopApproved(shop.id(), shop.ownerSubject(), shop.slug(), shop.name(),
                    shop.country());
            case REJECTED -> new ShopEvent.ShopRejected(shop.id(), shop.ownerSubject(), shop.statusReason());
            case SUSPENDED -> new ShopEvent.ShopSuspended(shop.id(), shop.ownerSubject(), shop.statusReason());
            case PENDING_APPROVAL -> throw new IllegalStateException("no review leads back to pending");
        };
        return Outbox.append(tx, Envelope.of(event, shop.version(), Instant.now(), null, null));
    }

    private static ProblemException noShop() {
        return new ProblemException.NotFound("You have no shop yet: open one with POST /api/v1/seller/shop.");
    }

    private static boolean isUniqueViolation(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    private static Throwable duplicate(Throwable e) {
        String detail = String.valueOf(((PgException) e).getDetail()) + " " + e.getMessage();
        return detail.contains("owner_subject")
                ? new ProblemException.Conflict("shop-exists", "You already have a shop: a seller has one shop.")
                : new ProblemException.Conflict("slug-taken", "That shop address (slug) is taken: choose another.");
    }

    private static String orElse(String value, String current) {
        return value == null ? current : value.strip();
    }
}
