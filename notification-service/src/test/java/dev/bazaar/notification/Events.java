package dev.bazaar.notification;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.Lines.OrderLine;
import dev.bazaar.contracts.messaging.Message;
import dev.bazaar.contracts.messaging.MessageCodec;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.messaging.ShopEvent;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.devstack.testing.KafkaTopics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Test data: shops and orders as catalog and order-service publish them, sent to the real Kafka. */
final class Events {

    private Events() {}

    static <P extends Message> Envelope<P> envelope(P payload, long version) {
        return Envelope.of(payload, version, Instant.now(), UUID.randomUUID(), null);
    }

    static void send(Envelope<? extends Message> e) {
        KafkaTopics.send(e.topic().topicName(), e.key(), MessageCodec.encodeToString(e));
    }

    /** A shop approved for {@code ownerSubject}. */
    static UUID approvedShop(String ownerSubject, String name) {
        UUID shop = UUID.randomUUID();
        send(envelope(new ShopEvent.ShopApproved(shop, ownerSubject, "shop-" + shop, name, "US"), 1));
        return shop;
    }

    static OrderGroup group(UUID shop, String title, int quantity, long unitCents) {
        return OrderGroup.of(
                shop,
                List.of(OrderLine.of(
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        title,
                        "SKU-" + title.hashCode(),
                        quantity,
                        Money.usd(unitCents),
                        800,
                        Money.usd(unitCents * quantity * 8 / 100))),
                Money.usd(500),
                Money.usd(100));
    }

    static OrderEvent.OrderPlaced placed(UUID order, String buyer, List<OrderGroup> groups) {
        return placed(order, buyer, groups, null);
    }

    /** An order quoted with its total also shown in another currency ({@code estimate}), or not (null). */
    static OrderEvent.OrderPlaced placed(UUID order, String buyer, List<OrderGroup> groups, Money estimate) {
        Money total = Money.sum(groups.stream().map(OrderGroup::total).toList(), Money.USD);
        return new OrderEvent.OrderPlaced(
                order,
                UUID.randomUUID(),
                buyer,
                UUID.randomUUID(),
                UUID.randomUUID(),
                groups,
                total,
                Instant.now(),
                null,
                estimate);
    }
}
