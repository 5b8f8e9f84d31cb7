package dev.bazaar.contracts.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bazaar.contracts.messaging.MessageCodec.Decoded;
import dev.bazaar.contracts.messaging.MessageCodec.Problem;
import dev.bazaar.contracts.money.Money;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    static final Map<Class<? extends Message>, Message> SAMPLES = Samples.all();

    @Test
    void everyMessageTypeOfEveryTopicHasASample() {
        for (Topic topic : Topic.values()) {
            assertThat(SAMPLES.keySet())
                    .as("samples of %s", topic.topicName())
                    .containsAll(topic.types().values());
        }
        assertThat(SAMPLES)
                .hasSize(Arrays.stream(Topic.values())
                        .mapToInt(t -> t.types().size())
                        .sum());
    }

    @Test
    void everyMessageRoundTripsThroughJsonOnItsTopic() {
        for (Topic topic : Topic.values()) {
            for (var type : topic.types().entrySet()) {
                Message sample = SAMPLES.get(type.getValue());
                assertThat(sample.type()).isEqualTo(type.getKey());
                assertThat(Topic.of(sample)).isEqualTo(topic);
                Envelope<Message> sent = Envelope.of(sample, 7, Samples.AT, UUID.randomUUID(), UUID.randomUUID());

                Decoded decoded = MessageCodec.decode(topic, MessageCodec.encode(sent));

                assertThat(decoded)
                        .as("%s on %s: %s", type.getKey(), topic.topicName(), decoded)
                        .isInstanceOf(Decoded.Ok.class);
                assertThat(((Decoded.Ok) decoded).envelope()).as(sample.type()).isEqualTo(sent);
                assertThat(((Decoded.Ok) decoded).envelope(topic.payloadType()).payload())
                        .isEqualTo(sample);
            }
        }
    }

    @Test
    void theEnvelopeHasItsFieldsAndSchemaVersionIsNotTheAggregateVersion() throws Exception {
        Message sample = SAMPLES.get(OrderEvent.OrderPaid.class);
        Envelope<Message> e = Envelope.of(sample, 42, Samples.AT, Samples.SAGA, null);
        JsonNode json = MessageCodec.json().readTree(MessageCodec.encode(e));

        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .containsExactly(
                        "id",
                        "type",
                        "schemaVersion",
                        "aggregateId",
                        "aggregateVersion",
                        "occurredAt",
                        "correlationId",
                        "causationId",
                        "payload");
        assertThat(json.get("type").asText()).isEqualTo("OrderPaid");
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("aggregateVersion").asLong()).isEqualTo(42);
        assertThat(json.get("occurredAt").asText()).isEqualTo("2026-11-23T10:15:30Z");
        assertThat(json.get("aggregateId").asText()).isEqualTo(Samples.ORDER.toString());
        assertThat(json.get("correlationId").asText()).isEqualTo(Samples.SAGA.toString());
        assertThat(json.get("causationId").isNull()).isTrue();
        assertThat(json.at("/payload/amount"))
                .isEqualTo(MessageCodec.json().readTree("{\"amount\":4857,\"currency\":\"USD\"}"));
        assertThat(json.has("traceparent"))
                .as("traceparent travels in a Kafka header")
                .isFalse();
        assertThat(json.get("payload").has("key")).isFalse();
        assertThat(json.get("payload").has("type")).isFalse();
    }

    @Test
    void aCausedMessageKeepsTheCorrelationAndNamesItsCause() {
        Envelope<Message> command =
                Envelope.of(SAMPLES.get(InventoryCommand.ReserveStock.class), 3, Samples.AT, Samples.SAGA, null);
        var reply = Envelope.causedBy(command, SAMPLES.get(InventoryReply.StockReserved.class), 0, Samples.AT);
        assertThat(reply.correlationId()).isEqualTo(Samples.SAGA);
        assertThat(reply.causationId()).isEqualTo(command.id());
        assertThat(reply.topic()).isEqualTo(Topic.INVENTORY_REPLIES);

        Envelope<Message> uncorrelated =
                Envelope.of(SAMPLES.get(OrderEvent.OrderPaid.class), 1, Samples.AT, null, null);
        assertThat(Envelope.causedBy(uncorrelated, SAMPLES.get(OrderEvent.OrderCompleted.class), 2, Samples.AT)
                        .correlationId())
                .isEqualTo(uncorrelated.id());
    }

    @Test
    void theAggregateIdIsAlwaysThePayloadsKey() {
        Message event = SAMPLES.get(OrderEvent.OrderPaid.class);
        assertThatThrownBy(() -> new Envelope<>(
                        UUID.randomUUID(), "OrderPaid", 1, Samples.SHOP.toString(), 1, Samples.AT, null, null, event))
                .hasMessageContaining("is not the payload's key");
        assertThatThrownBy(() -> new Envelope<>(
                        UUID.randomUUID(),
                        "OrderPlaced",
                        1,
                        Samples.ORDER.toString(),
                        1,
                        Samples.AT,
                        null,
                        null,
                        event))
                .hasMessageContaining("does not match");
    }

    @Test
    void commandsAndRepliesAreKeyedBySagaAndEventsByTheirAggregate() {
        for (Message sample : SAMPLES.values()) {
            Topic topic = Topic.of(sample);
            if (topic.keyRule() == Topic.KeyRule.SAGA) {
                assertThat(topic.topicName()).matches(".*\\.(commands|replies)");
                assertThat(sample.key()).as(sample.type()).isEqualTo(Samples.SAGA.toString());
            } else {
                assertThat(topic.topicName()).endsWith("events");
                assertThat(sample.key())
                        .as(sample.type())
                        .isIn(
                                Samples.SHOP.toString(),
                                Samples.PRODUCT.toString(),
                                Samples.ORDER.toString(),
                                Samples.SAGA.toString() /* the checkout id */);
            }
        }
    }

    @Test
    void theDeclaredKeyFieldIsTheKey() throws Exception {
        for (Message sample : SAMPLES.values()) {
            String field = Topic.keyField(sample.getClass());
            var accessor = sample.getClass().getMethod(field);
            assertThat(accessor.invoke(sample))
                    .as("%s.%s", sample.type(), field)
                    .hasToString(sample.key());
        }
    }

    @Test
    void everyTopicsMessageSetIsClosed() {
        for (Message sample : SAMPLES.values()) {
            Topic home = Topic.of(sample);
            byte[] json = MessageCodec.encode(Envelope.of(sample, 1, Samples.AT, null, null));
            for (Topic topic : Topic.values()) {
                Decoded d = MessageCodec.decode(topic, json);
                if (topic == home) {
                    assertThat(d).isInstanceOf(Decoded.Ok.class);
                    continue;
                }
                assertThat(d).as("%s on %s", sample.type(), topic.topicName()).isInstanceOf(Decoded.DeadLetter.class);
                var dead = (Decoded.DeadLetter) d;
                assertThat(dead.dlq()).isEqualTo(topic.topicName() + ".dlq");
                // a same-named type of another topic (OrderPlaced is a reply and an event) has another key and shape
                assertThat(dead.problem())
                        .as("%s on %s: %s", sample.type(), topic.topicName(), dead.reason())
                        .isEqualTo(topic.carries(sample.type()) ? Problem.INVALID_PAYLOAD : Problem.WRONG_TOPIC);
            }
        }
    }

    @Test
    void badInputIsDeadLetteredNeverThrown() throws Exception {
        byte[] good =
                MessageCodec.encode(Envelope.of(SAMPLES.get(ShopEvent.ShopApproved.class), 3, Samples.AT, null, null));
        assertDeadLetter(
                MessageCodec.withField(good, "type", "ShopExploded"), Problem.UNKNOWN_TYPE, "is not carried by");
        assertDeadLetter(
                MessageCodec.withField(good, "type", "ReserveStock"), Problem.WRONG_TOPIC, "but by inventory.commands");
        assertDeadLetter((byte[]) null, Problem.EMPTY, "empty");
        assertDeadLetter(new byte[0], Problem.EMPTY, "empty");
        assertThat(MessageCodec.decode(Topic.SHOP_EVENTS, (String) null)).isInstanceOf(Decoded.DeadLetter.class);
        assertDeadLetter(bytes("not json at all"), Problem.MALFORMED_JSON, "not JSON");
        assertDeadLetter(bytes("[1,2]"), Problem.MALFORMED_JSON, "not a JSON object");
        assertDeadLetter(bytes("{\"a\":1} {\"b\":2}"), Problem.MALFORMED_JSON, "not JSON");
        assertDeadLetter(bytes("{\"schemaVersion\":1}"), Problem.MALFORMED_ENVELOPE, "no type");
        assertDeadLetter(
                bytes("{\"type\":\"ShopApproved\",\"schemaVersion\":1}"), Problem.MALFORMED_ENVELOPE, "no payload");
        assertDeadLetter(edit(good, n -> n.put("schemaVersion", 99)), Problem.UNSUPPORTED_SCHEMA_VERSION, "99");
        assertDeadLetter(edit(good, n -> n.put("schemaVersion", 0)), Problem.UNSUPPORTED_SCHEMA_VERSION, "0");
        assertDeadLetter(edit(good, n -> n.put("schemaVersion", "1")), Problem.UNSUPPORTED_SCHEMA_VERSION, "");
        assertDeadLetter(edit(good, n -> n.remove("schemaVersion")), Problem.UNSUPPORTED_SCHEMA_VERSION, "");
        assertDeadLetter(
                MessageCodec.withField(good, "id", "not-a-uuid"),
                Problem.MALFORMED_ENVELOPE,
                "unreadable ShopApproved envelope");
        assertDeadLetter(edit(good, n -> n.remove("occurredAt")), Problem.MALFORMED_ENVELOPE, "occurredAt");
        assertDeadLetter(
                edit(good, n -> n.put("aggregateVersion", 1.5)), Problem.MALFORMED_ENVELOPE, "aggregateVersion");
        assertDeadLetter(
                edit(good, n -> n.put("aggregateId", UUID.randomUUID().toString())),
                Problem.INVALID_PAYLOAD,
                "is not the payload's key");
        assertDeadLetter(
                edit(good, n -> ((ObjectNode) n.get("payload")).remove("shopId")),
                Problem.INVALID_PAYLOAD,
                "ShopApproved");
    }

    @Test
    void moneyInMessagesIsExactOrRefused() throws Exception {
        byte[] good =
                MessageCodec.encode(Envelope.of(SAMPLES.get(OrderEvent.OrderPaid.class), 3, Samples.AT, null, null));
        assertThat(MessageCodec.decode(Topic.ORDER_EVENTS, good)).isInstanceOf(Decoded.Ok.class);
        for (String amount : List.of(
                "{\"amount\":48.57,\"currency\":\"USD\"}",
                "{\"amount\":\"4857\",\"currency\":\"USD\"}",
                "{\"currency\":\"USD\"}",
                "{\"amount\":4857}",
                "{\"amount\":4857,\"currency\":\"ZZZ\"}",
                "{\"amount\":99999999999999999999,\"currency\":\"USD\"}")) {
            JsonNode money = MessageCodec.json().readTree(amount);
            Decoded d = MessageCodec.decode(
                    Topic.ORDER_EVENTS, edit(good, n -> ((ObjectNode) n.get("payload")).set("amount", money)));
            assertThat(d).as(amount).isInstanceOf(Decoded.DeadLetter.class);
            assertThat(((Decoded.DeadLetter) d).problem()).as(amount).isEqualTo(Problem.INVALID_PAYLOAD);
        }
    }

    @Test
    void brokenInvariantsAreDeadLettered() throws Exception {
        byte[] good = MessageCodec.encode(
                Envelope.of(SAMPLES.get(PaymentCommand.AuthorizePayment.class), 1, Samples.AT, null, null));
        // the splits no longer sum to the amount
        byte[] bad = edit(good, n -> ((ObjectNode) n.at("/payload/amount")).put("amount", 4858));
        Decoded d = MessageCodec.decode(Topic.PAYMENT_COMMANDS, bad);
        assertThat(d).isInstanceOf(Decoded.DeadLetter.class);
        assertThat(((Decoded.DeadLetter) d).reason()).contains("splits sum to");
    }

    @Test
    void returnWindowsAreOptionalOnOrdersAndRequiredOnAPolicyChange() throws Exception {
        // an OrderPlaced from before shops had their own return windows (#23) still reads, without them
        byte[] placed =
                MessageCodec.encode(Envelope.of(SAMPLES.get(OrderEvent.OrderPlaced.class), 1, Samples.AT, null, null));
        Decoded old = MessageCodec.decode(
                Topic.ORDER_EVENTS, edit(placed, n -> ((ObjectNode) n.get("payload")).remove("returnWindowDays")));
        assertThat(old).isInstanceOf(Decoded.Ok.class);
        assertThat(((OrderEvent.OrderPlaced) ((Decoded.Ok) old).envelope().payload()).returnWindowDays())
                .isNull();
        assertThat(((OrderEvent.OrderPlaced) ((Decoded.Ok) MessageCodec.decode(Topic.ORDER_EVENTS, placed))
                                .envelope()
                                .payload())
                        .returnWindowDays())
                .containsEntry(Samples.SHOP, 14);
        assertThat(MessageCodec.decode(
                        Topic.ORDER_EVENTS,
                        edit(
                                placed,
                                n -> ((ObjectNode) n.at("/payload/returnWindowDays"))
                                        .put(Samples.SHOP.toString(), -1))))
                .isInstanceOf(Decoded.DeadLetter.class);

        // a policy without its window is not read as "no returns"
        byte[] policy = MessageCodec.encode(
                Envelope.of(SAMPLES.get(ShopEvent.ShopPolicyChanged.class), 4, Samples.AT, null, null));
        assertThat(MessageCodec.decode(Topic.SHOP_EVENTS, policy)).isInstanceOf(Decoded.Ok.class);
        assertDeadLetter(
                edit(policy, n -> ((ObjectNode) n.get("payload")).remove("returnWindowDays")),
                Problem.INVALID_PAYLOAD,
                "ShopPolicyChanged");
        assertDeadLetter(
                edit(policy, n -> ((ObjectNode) n.get("payload")).put("returnWindowDays", -1)),
                Problem.INVALID_PAYLOAD,
                "ShopPolicyChanged");
    }

    @Test
    void displayEstimatesAreOptionalSoOrdersFromBeforeThemStillRead() throws Exception {
        // PlaceOrder and OrderPlaced from before the display estimate (#24) read with none
        byte[] command =
                MessageCodec.encode(Envelope.of(SAMPLES.get(OrderCommand.PlaceOrder.class), 1, Samples.AT, null, null));
        Decoded oldCommand = MessageCodec.decode(
                Topic.ORDER_COMMANDS, edit(command, n -> ((ObjectNode) n.get("payload")).remove("displayEstimate")));
        assertThat(((OrderCommand.PlaceOrder)
                                ((Decoded.Ok) oldCommand).envelope().payload())
                        .displayEstimate())
                .isNull();
        byte[] placed =
                MessageCodec.encode(Envelope.of(SAMPLES.get(OrderEvent.OrderPlaced.class), 1, Samples.AT, null, null));
        Decoded oldPlaced = MessageCodec.decode(
                Topic.ORDER_EVENTS, edit(placed, n -> ((ObjectNode) n.get("payload")).remove("displayEstimate")));
        assertThat(((OrderEvent.OrderPlaced) ((Decoded.Ok) oldPlaced).envelope().payload()).displayEstimate())
                .isNull();
        assertThat(((OrderEvent.OrderPlaced) ((Decoded.Ok) MessageCodec.decode(Topic.ORDER_EVENTS, placed))
                                .envelope()
                                .payload())
                        .displayEstimate())
                .isEqualTo(Money.of(4470, "EUR"));
    }

    @Test
    void orderLinesFromBeforeCategoriesStillReadWithNone() throws Exception {
        // an OrderPlaced from before lines carried their category (#27) reads with none ("uncategorised")
        byte[] placed =
                MessageCodec.encode(Envelope.of(SAMPLES.get(OrderEvent.OrderPlaced.class), 1, Samples.AT, null, null));
        Decoded old = MessageCodec.decode(
                Topic.ORDER_EVENTS,
                edit(
                        placed,
                        n -> ((ObjectNode) n.get("payload")
                                        .get("groups")
                                        .get(0)
                                        .get("lines")
                                        .get(0))
                                .remove("categoryId")));
        assertThat(((OrderEvent.OrderPlaced) ((Decoded.Ok) old).envelope().payload())
                        .groups()
                        .getFirst()
                        .lines()
                        .getFirst()
                        .categoryId())
                .isNull();
        assertThat(((OrderEvent.OrderPlaced) ((Decoded.Ok) MessageCodec.decode(Topic.ORDER_EVENTS, placed))
                                .envelope()
                                .payload())
                        .groups()
                        .getFirst()
                        .lines()
                        .getFirst()
                        .categoryId())
                .isEqualTo(Samples.CATEGORY);
    }

    @Test
    void orderLinesKeepTheirOptionsInOrderAndLinesFromBeforeOptionsReadWithNone() throws Exception {
        byte[] placed =
                MessageCodec.encode(Envelope.of(SAMPLES.get(OrderEvent.OrderPlaced.class), 1, Samples.AT, null, null));
        // on the wire: a list of {name, value}, in the catalog's order (a JSON object's keys have no order to keep)
        JsonNode options = MessageCodec.json().readTree(placed).at("/payload/groups/0/lines/0/options");
        assertThat(options.isArray()).isTrue();
        assertThat(options.toString())
                .isEqualTo("[{\"name\":\"size\",\"value\":\"M\"}," + "{\"name\":\"colour\",\"value\":\"blue\"}]");
        assertThat(((OrderEvent.OrderPlaced) ((Decoded.Ok) MessageCodec.decode(Topic.ORDER_EVENTS, placed))
                                .envelope()
                                .payload())
                        .groups()
                        .getFirst()
                        .lines()
                        .getFirst()
                        .options())
                .containsExactly(new Lines.OptionValue("size", "M"), new Lines.OptionValue("colour", "blue"));

        // an OrderPlaced (and a PlaceOrder) from before lines carried their options (#23) reads with none, not null
        Decoded old = MessageCodec.decode(
                Topic.ORDER_EVENTS,
                edit(
                        placed,
                        n -> ((ObjectNode) n.get("payload")
                                        .get("groups")
                                        .get(0)
                                        .get("lines")
                                        .get(0))
                                .remove("options")));
        assertThat(old).isInstanceOf(Decoded.Ok.class);
        Lines.OrderLine oldLine = ((OrderEvent.OrderPlaced)
                        ((Decoded.Ok) old).envelope().payload())
                .groups()
                .getFirst()
                .lines()
                .getFirst();
        assertThat(oldLine.options()).isNotNull().isEmpty();
        assertThat(oldLine.sku()).isEqualTo("TSHIRT-M-BLUE");
        assertThat(((OrderEvent.OrderPlaced) ((Decoded.Ok) MessageCodec.decode(
                                        Topic.ORDER_EVENTS,
                                        edit(
                                                placed,
                                                n -> ((ObjectNode) n.at("/payload/groups/0/lines/0"))
                                                        .putNull("options"))))
                                .envelope()
                                .payload())
                        .groups()
                        .getFirst()
                        .lines()
                        .getFirst()
                        .options())
                .isEmpty();
        byte[] command =
                MessageCodec.encode(Envelope.of(SAMPLES.get(OrderCommand.PlaceOrder.class), 1, Samples.AT, null, null));
        Decoded oldCommand = MessageCodec.decode(
                Topic.ORDER_COMMANDS,
                edit(command, n -> ((ObjectNode) n.at("/payload/groups/0/lines/0")).remove("options")));
        assertThat(((OrderCommand.PlaceOrder)
                                ((Decoded.Ok) oldCommand).envelope().payload())
                        .groups()
                        .getFirst()
                        .lines()
                        .getFirst()
                        .options())
                .isEmpty();

        // an option without its value is not a line anyone can pack
        Decoded valueless = MessageCodec.decode(
                Topic.ORDER_EVENTS,
                edit(placed, n -> ((ObjectNode) n.at("/payload/groups/0/lines/0/options/0")).remove("value")));
        assertThat(valueless).isInstanceOf(Decoded.DeadLetter.class);
        assertThat(((Decoded.DeadLetter) valueless).problem()).isEqualTo(Problem.INVALID_PAYLOAD);
    }

    @Test
    void optionsFromACatalogMapKeepItsOrder() {
        var catalog = new java.util.LinkedHashMap<String, Object>();
        catalog.put("size", "M");
        catalog.put("colour", "blue");
        catalog.put("length", 32);
        assertThat(Lines.OptionValue.of(catalog))
                .containsExactly(
                        new Lines.OptionValue("size", "M"),
                        new Lines.OptionValue("colour", "blue"),
                        new Lines.OptionValue("length", "32"));
        assertThat(Lines.OptionValue.of(null)).isEmpty();
        Lines.OrderLine line = Lines.OrderLine.of(
                Samples.VARIANT, Samples.PRODUCT, "Tee", "TEE-M", 1, Money.usd(100), 0, Money.usd(0));
        assertThat(line.options()).isEmpty();
        assertThat(line.withOptions(Samples.OPTIONS).options()).isEqualTo(Samples.OPTIONS);
        assertThat(line.withOptions(null)).isEqualTo(line);
    }

    @Test
    void anAdminsDecisionOnAProductIsOneOfTheKnownDecisions() throws Exception {
        byte[] moderated = MessageCodec.encode(
                Envelope.of(SAMPLES.get(ProductEvent.ProductModerated.class), 2, Samples.AT, null, null));
        assertThat(MessageCodec.decode(Topic.PRODUCT_EVENTS, moderated)).isInstanceOf(Decoded.Ok.class);
        Decoded maybe = MessageCodec.decode(
                Topic.PRODUCT_EVENTS, edit(moderated, n -> ((ObjectNode) n.get("payload")).put("decision", "MAYBE")));
        assertThat(maybe).isInstanceOf(Decoded.DeadLetter.class);
        assertThat(((Decoded.DeadLetter) maybe).problem()).isEqualTo(Problem.INVALID_PAYLOAD);
        assertThat(((Decoded.DeadLetter) maybe).reason()).contains("TAKEN_DOWN", "REVISION_REJECTED", "MAYBE");
        for (String decision : ProductEvent.ProductModerated.DECISIONS) {
            assertThat(MessageCodec.decode(
                            Topic.PRODUCT_EVENTS,
                            edit(moderated, n -> ((ObjectNode) n.get("payload")).put("decision", decision))))
                    .isInstanceOf(Decoded.Ok.class);
        }
    }

    @Test
    void unknownFieldsAndEnumValuesAreToleratedSoAddingOneBreaksNoConsumer() throws Exception {
        byte[] good =
                MessageCodec.encode(Envelope.of(SAMPLES.get(ShopEvent.ShopSuspended.class), 3, Samples.AT, null, null));
        byte[] extended = edit(good, n -> {
            ((ObjectNode) n.get("payload")).put("severity", "HIGH");
            n.put("tenant", "eu");
        });
        assertThat(MessageCodec.decode(Topic.SHOP_EVENTS, extended)).isInstanceOf(Decoded.Ok.class);

        byte[] declined = MessageCodec.encode(
                Envelope.of(SAMPLES.get(PaymentReply.PaymentDeclined.class), 1, Samples.AT, null, null));
        Decoded d = MessageCodec.decode(
                Topic.PAYMENT_REPLIES,
                edit(declined, n -> ((ObjectNode) n.get("payload")).put("reason", "VELOCITY_LIMIT")));
        assertThat(((PaymentReply.PaymentDeclined) ((Decoded.Ok) d).payload()).reason())
                .isEqualTo(PaymentReply.DeclineReason.OTHER);
    }

    @Test
    void everyTopicHasItsDeadLetterTopic() {
        assertThat(Topic.allTopicNames())
                .hasSize(24)
                .contains("order.events", "order.events.dlq", "checkout.events.dlq", "review.events.dlq");
        assertThat(Arrays.stream(Topic.values()).map(Topic::topicName))
                .containsExactlyInAnyOrder(
                        "catalog.shop-events",
                        "catalog.product-events",
                        "inventory.commands",
                        "inventory.replies",
                        "payment.commands",
                        "payment.replies",
                        "order.commands",
                        "order.replies",
                        "order.events",
                        "payment.events",
                        "checkout.events",
                        "review.events");
        for (Topic t : Topic.values()) {
            assertThat(t.dlq()).isEqualTo(t.topicName() + ".dlq");
            assertThat(Topic.byName(t.topicName())).contains(t);
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] edit(byte[] json, Consumer<ObjectNode> change) throws Exception {
        ObjectNode node = (ObjectNode) MessageCodec.json().readTree(json);
        change.accept(node);
        return MessageCodec.json().writeValueAsBytes(node);
    }

    private static void assertDeadLetter(byte[] json, Problem problem, String reason) {
        Decoded d = MessageCodec.decode(Topic.SHOP_EVENTS, json);
        assertThat(d).isInstanceOf(Decoded.DeadLetter.class);
        assertThat(((Decoded.DeadLetter) d).problem())
                .as(((Decoded.DeadLetter) d).reason())
                .isEqualTo(problem);
        assertThat(((Decoded.DeadLetter) d).reason()).contains(reason);
    }
}
