package dev.bazaar.contracts.messaging;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every topic of ARCHITECTURE.md with the closed set of message types it carries (the permitted subclasses of its
 * payload interface). A type that is not in its topic's set is dead-lettered by {@link MessageCodec}, never guessed.
 */
public enum Topic {
    SHOP_EVENTS("catalog.shop-events", ShopEvent.class, KeyRule.AGGREGATE),
    PRODUCT_EVENTS("catalog.product-events", ProductEvent.class, KeyRule.AGGREGATE),
    INVENTORY_COMMANDS("inventory.commands", InventoryCommand.class, KeyRule.SAGA),
    INVENTORY_REPLIES("inventory.replies", InventoryReply.class, KeyRule.SAGA),
    PAYMENT_COMMANDS("payment.commands", PaymentCommand.class, KeyRule.SAGA),
    PAYMENT_REPLIES("payment.replies", PaymentReply.class, KeyRule.SAGA),
    ORDER_COMMANDS("order.commands", OrderCommand.class, KeyRule.SAGA),
    ORDER_REPLIES("order.replies", OrderReply.class, KeyRule.SAGA),
    ORDER_EVENTS("order.events", OrderEvent.class, KeyRule.AGGREGATE),
    PAYMENT_EVENTS("payment.events", PaymentEvent.class, KeyRule.AGGREGATE),
    CHECKOUT_EVENTS("checkout.events", CheckoutEvent.class, KeyRule.AGGREGATE);

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
    private final Map<String, Class<? extends Message>> types;

    Topic(String topicName, Class<? extends Message> payloadType, KeyRule keyRule) {
        this.topicName = topicName;
        this.payloadType = payloadType;
        this.keyRule = keyRule;
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

    /** Type name → payload class: the closed set of this topic. */
    public Map<String, Class<? extends Message>> types() {
        return types;
    }

    public Optional<Class<? extends Message>> type(String name) {
        return Optional.ofNullable(types.get(name));
    }

    public static Optional<Topic> byName(String topicName) {
        return Arrays.stream(values()).filter(t -> t.topicName.equals(topicName)).findFirst();
    }

    /** The topic a payload belongs on. */
    public static Topic of(Message payload) {
        return Arrays.stream(values()).filter(t -> t.payloadType.isInstance(payload)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(payload.getClass() + " belongs to no topic"));
    }

    /** Every topic name including the dead-letter ones: what the devstack and Helm create. */
    public static List<String> allTopicNames() {
        return Arrays.stream(values()).flatMap(t -> java.util.stream.Stream.of(t.topicName, t.dlq())).toList();
    }
}
