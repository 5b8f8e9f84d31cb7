package dev.bazaar.notification.domain;

import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.Lines.OrderLine;
import dev.bazaar.contracts.money.Money;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What notifications need of an order that only its OrderPlaced says: the buyer's subject, the groups (one per
 * seller, with lines and totals) and the total in the buyer's display currency as the quote showed it (an estimate;
 * null when the buyer asked for none, and for orders placed before #24). Kept from OrderPlaced; later events
 * (OrderPaid, ShipmentDispatched, …) refer to it.
 */
public record OrderFacts(
        UUID orderId, String buyerSubject, List<OrderGroup> groups, Money total, Money displayEstimate) {

    public OrderFacts {
        groups = List.copyOf(groups);
    }

    /** An order quoted in its charge's currency only. */
    public OrderFacts(UUID orderId, String buyerSubject, List<OrderGroup> groups, Money total) {
        this(orderId, buyerSubject, groups, total, null);
    }

    public Optional<OrderGroup> group(UUID shopId) {
        return groups.stream().filter(g -> g.shopId().equals(shopId)).findFirst();
    }

    /** The line of a variant in that shop's group, if the order has one. */
    public Optional<OrderLine> line(UUID shopId, UUID variantId) {
        return group(shopId)
                .flatMap(g -> g.lines().stream()
                        .filter(l -> l.variantId().equals(variantId))
                        .findFirst());
    }
}
