package dev.bazaar.contracts.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bazaar.contracts.messaging.MessageCodec.Decoded;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class MessageCodecTest {

    static final Map<Class<? extends Message>, Message> SAMPLES = Samples.all();

    @Test
    void everyMessageTypeOfEveryTopicHasASample() {
        for (Topic topic : Topic.values()) {
            assertThat(SAMPLES.keySet()).as("samples of %s", topic.topicName())
                    .containsAll(topic.types().values());
        }
    }

    @Test
    void everyMessageRoundTripsThroughJsonOnItsTopic() {
        for (Message sample : SAMPLES.values()) {
            Topic topic = Topic.of(sample);
            Envelope<Message> sent = Envelope.of(sample, 7, Samples.AT, UUID.randomUUID(), UUID.randomUUID());

            Decoded decoded = MessageCodec.decode(topic, MessageCodec.encode(sent));

            assertThat(decoded).as(sample.type()).isInstanceOf(Decoded.Ok.class);
            assertThat(((Decoded.Ok) decoded).envelope()).as(sample.type()).isEqualTo(sent);
        }
    }

    @Test
    void theEnvelopeHasItsFieldsAndSchemaVersionIsNotTheAggregateVersion() throws Exception {
        Message sample = SAMPLES.get(OrderEvent.OrderPaid.class);
        Envelope<Message> e = Envelope.of(sample, 42, Samples.AT, Samples.SAGA, null);
        JsonNode json = MessageCodec.json().readTree(MessageCodec.encode(e));

        List<String> fields = iterable(json.fieldNames());
        assertThat(fields).containsExactlyInAnyOrder("id", "type", "schemaVersion", "aggregateId",
                "aggregateVersion", "occurredAt", "correlationId", "causationId", "payload");
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("aggregateVersion").asLong()).isEqualTo(42);
        assertThat(json.get("occurredAt").asText()).isEqualTo("2026-11-23T10:15:30Z");
        assertThat(json.get("aggregateId").asText()).isEqualTo(Samples.ORDER.toString());
        assertThat(json.at("/payload/amount/amount").asLong()).isEqualTo(4857);
    }

    @Test
    void commandsAndRepliesAreKeyedBySagaAndEventsByAggregate() {
        for (Message sample : SAMPLES.values()) {
            Topic topic = Topic.of(sample);
            if (topic.keyRule() == Topic.KeyRule.SAGA) {
                assertThat(sample.key()).as(sample.type()).isEqualTo(Samples.SAGA.toString());
            } else {
                assertThat(sample.key()).as(sample.type())
                        .isIn(Samples.SHOP.toString(), Samples.PRODUCT.toString(), Samples.ORDER.toString(),
                                Samples.SAGA.toString());
            }
        }
    }

    @Test
    void everyTopicsMessageSetIsClosed() {
        Message orderPlacedEvent = SAMPLES.get(OrderEvent.OrderPlaced.class);
        byte[] json = MessageCodec.encode(Envelope.of(orderPlacedEvent, 1, Samples.AT, null, null));
        for (Topic topic : Topic.values()) {
            Decoded d = MessageCodec.decode(topic, json);
            if (topic == Topic.ORDER_EVENTS) {
                assertThat(d).isInstanceOf(Decoded.Ok.class);
            } else if (topic == Topic.ORDER_REPLIES) {
                // same type name on the replies topic: decodes as the reply type, whose fields it lacks
                assertThat(d).isInstanceOf(Decoded.class);
            } else {
                assertThat(d).as(topic.topicName()).isInstanceOf(Decoded.DeadLetter.class);
            }
        }
    }

    @Test
    void badInputIsDeadLetteredNeverThrown() throws Exception {
        byte[] good = MessageCodec.encode(Envelope.of(SAMPLES.get(ShopEvent.ShopApproved.class), 3, Samples.AT,
                null, null));
        assertDeadLetter(MessageCodec.withField(good, "type", "ShopExploded"), "is not carried by");
        assertDeadLetter("not json at all".getBytes(StandardCharsets.UTF_8), "not JSON");
        assertDeadLetter("[1,2]".getBytes(StandardCharsets.UTF_8), "not a JSON object");
        assertDeadLetter("{\"type\":\"ShopApproved\",\"schemaVersion\":1}".getBytes(StandardCharsets.UTF_8),
                "no payload");
        byte[] future = MessageCodec.json().writeValueAsBytes(((com.fasterxml.jackson.databind.node.ObjectNode)
                MessageCodec.json().readTree(good)).put("schemaVersion", 99));
        assertDeadLetter(future, "unsupported schemaVersion");
        byte[] badId = MessageCodec.withField(good, "id", "not-a-uuid");
        assertDeadLetter(badId, "unreadable ShopApproved");
    }

    @Test
    void unknownFieldsAreIgnoredSoAddingAFieldBreaksNoConsumer() throws Exception {
        byte[] good = MessageCodec.encode(Envelope.of(SAMPLES.get(ShopEvent.ShopSuspended.class), 3, Samples.AT,
                null, null));
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) MessageCodec.json().readTree(good);
        ((com.fasterxml.jackson.databind.node.ObjectNode) node.get("payload")).put("severity", "HIGH");
        node.put("tenant", "eu");
        assertThat(MessageCodec.decode(Topic.SHOP_EVENTS, MessageCodec.json().writeValueAsBytes(node)))
                .isInstanceOf(Decoded.Ok.class);
    }

    @Test
    void everyTopicHasItsDeadLetterTopic() {
        assertThat(Topic.allTopicNames()).hasSize(22).contains("order.events", "order.events.dlq",
                "checkout.events.dlq");
        assertThat(Arrays.stream(Topic.values()).map(Topic::topicName)).containsExactlyInAnyOrder(
                "catalog.shop-events", "catalog.product-events", "inventory.commands", "inventory.replies",
                "payment.commands", "payment.replies", "order.commands", "order.replies", "order.events",
                "payment.events", "checkout.events");
    }

    private static void assertDeadLetter(byte[] json, String reason) {
        Decoded d = MessageCodec.decode(Topic.SHOP_EVENTS, json);
        assertThat(d).isInstanceOf(Decoded.DeadLetter.class);
        assertThat(((Decoded.DeadLetter) d).reason()).contains(reason);
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> l = new java.util.ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }
}
