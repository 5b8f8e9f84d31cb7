package dev.bazaar.review;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.Lines.OrderLine;
import dev.bazaar.contracts.messaging.Message;
import dev.bazaar.contracts.messaging.MessageCodec;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.messaging.ShopEvent;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.devstack.testing.KafkaTopics;
import dev.bazaar.devstack.testing.KeycloakTokens;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Test data: shops and orders as catalog and order-service publish them, sent to the real Kafka. */
final class Purchases {

    private Purchases() {}

    /** An order of one line from one shop, as order.events tells it. */
    record Bought(UUID orderId, UUID shopId, UUID productId, UUID variantId, String buyer) {}

    static String subject(String user) {
        return KeycloakTokens.subject(KeycloakTokens.user(user));
    }

    static <P extends Message> void send(P payload, long version) {
        Envelope<P> e = Envelope.of(payload, version, Instant.now(), UUID.randomUUID(), null);
        KafkaTopics.send(e.topic().topicName(), e.key(), MessageCodec.encodeToString(e));
    }

    /** A shop approved for {@code owner} (a Keycloak user name). */
    static UUID shopOf(String owner) {
        UUID shop = UUID.randomUUID();
        send(new ShopEvent.ShopApproved(shop, subject(owner), "shop-" + shop, "Shop " + shop, "US"), 1);
        return shop;
    }

    /** {@code buyer} ordered one line of a new product from {@code shop}; delivered when {@code delivered}. */
    static Bought order(String buyer, UUID shop, boolean delivered) {
        return order(buyer, shop, UUID.randomUUID(), UUID.randomUUID(), delivered);
    }

    /** {@code buyer} ordered one {@code variant} of {@code product} from {@code shop}. */
    static Bought order(String buyer, UUID shop, UUID product, UUID variant, boolean delivered) {
        UUID order = UUID.randomUUID();
        OrderGroup group = OrderGroup.of(
                shop,
                List.of(OrderLine.of(variant, product, "Tent", "TENT-2P", 1, Money.usd(12_900), 800, Money.usd(1_032))),
                Money.usd(500),
                Money.usd(0));
        send(
                new OrderEvent.OrderPlaced(
                        order,
                        UUID.randomUUID(),
                        subject(buyer),
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        List.of(group),
                        group.total(),
                        Instant.now()),
                1);
        if (delivered) {
            deliver(order, shop);
        }
        return new Bought(order, shop, product, variant, buyer);
    }

    static void deliver(UUID order, UUID shop) {
        send(new OrderEvent.GroupDelivered(order, shop, Instant.now()), 5);
    }
}
