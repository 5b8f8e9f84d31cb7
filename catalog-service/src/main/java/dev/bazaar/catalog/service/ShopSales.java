package dev.bazaar.catalog.service;

import dev.bazaar.catalog.persistence.ShopSaleStore;
import dev.bazaar.catalog.persistence.ShopSaleStore.Part;
import dev.bazaar.contracts.messaging.OrderEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The sales that make up a shop's trailing GMV (the volume-tier commission, ADR 0025), kept from {@code order.events}:
 * a shop's goods when an order is placed, counted once it is paid, no longer once its part or the whole order is
 * cancelled. Each event is applied once; the others on that topic change nothing here.
 */
@ApplicationScoped
public class ShopSales {

    static final String CONSUMER = "catalog.shop-sales";

    private final ShopSaleStore store;

    public ShopSales(ShopSaleStore store) {
        this.store = store;
    }

    public Uni<Void> apply(UUID messageId, OrderEvent event) {
        return switch (event) {
            case OrderEvent.OrderPlaced p ->
                store.placed(
                        CONSUMER,
                        messageId,
                        p.orderId(),
                        p.placedAt(),
                        p.groups().stream()
                                .map(g -> new Part(g.shopId(), g.subtotal().amount()))
                                .toList());
            case OrderEvent.OrderPaid p -> store.paid(CONSUMER, messageId, p.orderId());
            case OrderEvent.GroupCancelled g -> store.cancelled(CONSUMER, messageId, g.orderId(), g.shopId());
            case OrderEvent.OrderCancelled c -> store.cancelled(CONSUMER, messageId, c.orderId(), null);
            default -> Uni.createFrom().voidItem();
        };
    }

    /** Whether {@link #apply} does anything with this event (the others are not worth a transaction). */
    public static boolean concerns(OrderEvent event) {
        return event instanceof OrderEvent.OrderPlaced
                || event instanceof OrderEvent.OrderPaid
                || event instanceof OrderEvent.GroupCancelled
                || event instanceof OrderEvent.OrderCancelled;
    }
}
