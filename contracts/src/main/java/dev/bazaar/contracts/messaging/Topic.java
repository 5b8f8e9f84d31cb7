package dev.bazaar.contracts.messaging;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every topic of ARCHITECTURE.md with the closed set of message types it carries: the permitted subclasses of its
 * sealed payload interface, named by their simple class name (unique within a topic). A type that is not in its
 * topic's set is dead-lettered by {@link MessageCodec}, never guessed. Each topic has a dead-letter topic
 * {@code <topic>.dlq} ({@link #dlq()}), and a {@link KeyRule}: commands and replies are keyed by saga id, events by
 * aggregate id ({@link Message#key()}).
 */
public enum Topic {
    SHOP_EVENTS(
            "catalog.shop-events",
            ShopEvent.class,
            KeyRule.AGGREGATE,
            "catalog",
            "catalog indexer, cart, order, payment, notification"),
    PRODUCT_EVENTS(
            "catalog.product-events",
            ProductEvent.class,
            KeyRule.AGGREGATE,
            "catalog",
            "catalog indexer, cart, notification"),
    INVENTORY_COMMANDS("inventory.commands", InventoryCommand.class, KeyRule.SAGA, "checkout", "catalog"),
    INVENTORY_REPLIES("inventory.replies", InventoryReply.class, KeyRule.SAGA, "catalog", "checkout"),
    PAYMENT_COMMANDS("payment.commands", PaymentCommand.class, KeyRule.SAGA, "checkout", "payment"),
    PAYMENT_REPLIES("payment.replies", PaymentReply.class, KeyRule.SAGA, "payment", "checkout"),
    ORDER_COMMANDS("order.commands", OrderCommand.class, KeyRule.SAGA, "checkout", "order"),
    ORDER_REPLIES("order.replies", OrderReply.class, KeyRule.SAGA, "order", "checkout"),
    ORDER_EVENTS("order.events", OrderEvent.class, KeyRule.AGGREGATE, "order", "payment, catalog, cart, notification"),
    PAYMENT_EVENTS("payment.events", PaymentEvent.class, KeyRule.AGGREGATE, "payment", "order, notification"),
    CHECKOUT_EVENTS("checkout.events", CheckoutEvent.class, KeyRule.AGGREGATE, "checkout", "cart"),
    REVIEW_EVENTS("review.events", ReviewEvent.class, KeyRule.AGGREGATE, "review", "catalog indexer, notification");

    /** What a topic's messages are keyed by. */
    public enum KeyRule {
        /** commands and replies: the saga id, so one saga's conversation stays in order */
        SAGA,
        /** events: the aggregate id, so one aggregate's events stay in order */
        AGGREGATE
    }

    public static final int PARTITIONS = 6;

    private final String topicName;
    private final Class<? extends Message> payloadType;
    private final KeyRule keyRule;
    private final String producer;
    private final String consumers;
    private final Map<String, Class<? extends Message>> types;

    Topic(String topicName, Class<? extends Message> payloadType, KeyRule keyRule, String producer, String consumers) {
        this.topicName = topicName;
        this.payloadType = payloadType;
        this.keyRule = keyRule;
        this.producer = producer;
        this.consumers = consumers;
        Map<String, Class<? extends Message>> byName = new LinkedHashMap<>();
        for (Class<?> c : payloadType.getPermittedSubclasses()) {
            @SuppressWarnings("unchecked")
            Class<? extends Message> m = (Class<? extends Message>) c;
            if (byName.put(c.getSimpleName(), m) != null) {
                throw new IllegalStateException("two " + c.getSimpleName() + " types on " + topicName);
            }
        }
        this.types = Collections.unmodifiableMap(byName);
    }

    public String topicName() {
        return topicName;
    }

    public String dlq() {
        return topicName + ".dlq";
    }

    public Class<? extends Message> payloadType() {
        return payloadType;
    }

    public KeyRule keyRule() {
        return keyRule;
    }

    /** The service that publishes on this topic (the only one that may). */
    public String producer() {
        return producer;
    }

    /** Who consumes it, as ARCHITECTURE.md lists them. */
    public String consumers() {
        return consumers;
    }

    /** Type name → payload class: the closed set of this topic. */
    public Map<String, Class<? extends Message>> types() {
        return types;
    }

    public Optional<Class<? extends Message>> type(String name) {
        return Optional.ofNullable(types.get(name));
    }

    /** The payload field that is the key of messages of {@code type} ({@link KeyField}). */
    public static String keyField(Class<? extends Message> type) {
        KeyField own = type.getAnnotation(KeyField.class);
        if (own != null) {
            return own.value();
        }
        for (Class<?> i : type.getInterfaces()) {
            KeyField inherited = i.getAnnotation(KeyField.class);
            if (inherited != null) {
                return inherited.value();
            }
        }
        throw new IllegalStateException(type + " names no key field");
    }

    /** Whether this topic carries the message type {@code name}. */
    public boolean carries(String name) {
        return types.containsKey(name);
    }

    /** The topics carrying a message type of that name (a name may recur: OrderPlaced is a reply and an event). */
    public static List<Topic> carrying(String typeName) {
        return Arrays.stream(values()).filter(t -> t.carries(typeName)).toList();
    }

    public static Optional<Topic> byName(String topicName) {
        return Arrays.stream(values())
                .filter(t -> t.topicName.equals(topicName))
                .findFirst();
    }

    /** The topic a payload belongs on. */
    public static Topic of(Message payload) {
        return Arrays.stream(values())
                .filter(t -> t.payloadType.isInstance(payload))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(payload.getClass() + " belongs to no topic"));
    }

    /** Every topic name including the dead-letter ones: what the devstack and Helm create. */
    public static List<String> allTopicNames() {
        return Arrays.stream(values())
                .flatMap(t -> java.util.stream.Stream.of(t.topicName, t.dlq()))
                .toList();
    }
}
