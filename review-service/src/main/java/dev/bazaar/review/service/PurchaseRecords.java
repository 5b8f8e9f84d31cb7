package dev.bazaar.review.service;

import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.messaging.ShopEvent;
import dev.bazaar.review.persistence.Eligibilities;
import dev.bazaar.review.persistence.ShopOwners;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * What review-service keeps of other services' events: the verified purchases (who bought which lines from whom, and
 * when each group arrived) from {@code order.events}, and shop owners from {@code catalog.shop-events}. Each write is
 * idempotent by itself (it sets what the event says), so a repeated event changes nothing.
 */
@ApplicationScoped
public class PurchaseRecords {

    private final Eligibilities eligibilities;
    private final ShopOwners shops;

    public PurchaseRecords(Eligibilities eligibilities, ShopOwners shops) {
        this.eligibilities = eligibilities;
        this.shops = shops;
    }

    /** Records what an order event means for reviews; the other order events mean nothing here. */
    public Uni<Void> order(OrderEvent event, Instant occurredAt) {
        return switch (event) {
            case OrderEvent.OrderPlaced p ->
                eligibilities.placed(p.orderId(), p.buyerSubject(), p.groups(), p.placedAt());
            case OrderEvent.GroupDelivered d -> eligibilities.delivered(d.orderId(), d.shopId(), d.deliveredAt());
            case OrderEvent.GroupCancelled c -> eligibilities.cancelled(c.orderId(), c.shopId(), occurredAt);
            case OrderEvent.OrderCancelled c -> eligibilities.cancelled(c.orderId(), null, occurredAt);
            default -> Uni.createFrom().voidItem();
        };
    }

    /** Records the shop's owner as of catalog's event {@code version}. */
    public Uni<Void> shop(ShopEvent event, long version) {
        String owner = switch (event) {
            case ShopEvent.ShopApproved a -> a.ownerSubject();
            case ShopEvent.ShopRejected r -> r.ownerSubject();
            case ShopEvent.ShopSuspended s -> s.ownerSubject();
            case ShopEvent.ShopPolicyChanged p -> p.ownerSubject();
        };
        return owner == null ? Uni.createFrom().voidItem() : shops.record(event.shopId(), owner, version);
    }
}
