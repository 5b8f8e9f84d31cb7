package dev.bazaar.cart;

import dev.bazaar.contracts.messaging.CheckoutEvent;
import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Lines.VariantSummary;
import dev.bazaar.contracts.messaging.Message;
import dev.bazaar.contracts.messaging.MessageCodec;
import dev.bazaar.contracts.messaging.ProductEvent;
import dev.bazaar.contracts.messaging.ShopEvent;
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.devstack.testing.KafkaTopics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Test products published the way the catalog publishes them: envelopes on the real Kafka topics. */
public final class Catalog {

    private static KafkaProducer<String, String> producer;

    private Catalog() {}

    /** A product with one variant. */
    public record Product(UUID productId, UUID shopId, UUID variantId, String title, long priceCents) {
        public static Product random(String title, long priceCents) {
            return new Product(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), title, priceCents);
        }
    }

    public static void publish(Product p, int available, long version) {
        send(
                Topic.PRODUCT_EVENTS,
                new ProductEvent.ProductPublished(
                        p.productId(),
                        p.shopId(),
                        "slug-" + p.productId(),
                        p.title(),
                        UUID.randomUUID(),
                        "Brand",
                        List.of(new VariantSummary(
                                p.variantId(), "SKU-1", Map.of(), Money.usd(p.priceCents()), null, available, 500))),
                version);
    }

    /**
     * A ProductUpdated of the product listing {@code onSale} as its variants on sale: the product's own variant is left
     * out unless named (its seller deactivated it).
     */
    public static void updated(Product p, long version, VariantSummary... onSale) {
        send(
                Topic.PRODUCT_EVENTS,
                new ProductEvent.ProductUpdated(
                        p.productId(),
                        p.shopId(),
                        "slug-" + p.productId(),
                        p.title(),
                        UUID.randomUUID(),
                        "Brand",
                        List.of(onSale)),
                version);
    }

    /** The product's own variant as a ProductUpdated lists it. */
    public static VariantSummary variant(Product p, int available) {
        return new VariantSummary(p.variantId(), "SKU-1", Map.of(), Money.usd(p.priceCents()), null, available, 500);
    }

    public static void priceChanged(Product p, long newCents, long version) {
        send(
                Topic.PRODUCT_EVENTS,
                new ProductEvent.PriceChanged(p.productId(), p.variantId(), Money.usd(newCents), null),
                version);
    }

    public static void stockChanged(Product p, int available, long version) {
        send(Topic.PRODUCT_EVENTS, new ProductEvent.StockChanged(p.productId(), p.variantId(), available), version);
    }

    public static void delisted(Product p, long version) {
        send(Topic.PRODUCT_EVENTS, new ProductEvent.ProductDelisted(p.productId(), p.shopId(), "ARCHIVED"), version);
    }

    /** A shop event as the catalog publishes it (its version: the shop's, raised by every status change). */
    public static void shop(ShopEvent event, long version) {
        send(Topic.SHOP_EVENTS, event, version);
    }

    /** The record value the catalog would publish for this event (for handing it to a handler directly). */
    public static String json(Message payload, long version) {
        return MessageCodec.encodeToString(Envelope.of(payload, version, Instant.now(), null, null));
    }

    public static void checkoutCompleted(CheckoutEvent.CheckoutCompleted done) {
        send(Topic.CHECKOUT_EVENTS, done, 1);
    }

    public static void raw(Topic topic, String key, String value) {
        try {
            producer().send(new ProducerRecord<>(topic.topicName(), key, value)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(Topic topic, Message payload, long version) {
        raw(topic, payload.key(), json(payload, version));
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(
                    KafkaTopics.client(Map.of("acks", "all")), new StringSerializer(), new StringSerializer());
        }
        return producer;
    }
}
