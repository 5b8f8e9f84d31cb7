package dev.bazaar.order.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bazaar.contracts.messaging.Lines.OptionValue;
import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.Lines.OrderLine;
import dev.bazaar.contracts.messaging.MessageCodec;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Order lines in the event store: their options are written as a list, so they read back in the catalog's order
 * whatever the column does to JSON objects, and an OrderPlaced stored before lines had options reads with none.
 */
class StoredOrderLinesTest {

    static final List<OptionValue> OPTIONS = List.of(new OptionValue("colour", "blue"), new OptionValue("size", "M"));

    static OrderEvent.OrderPlaced placed() {
        OrderGroup g = OrderGroup.of(
                UUID.randomUUID(),
                List.of(OrderLine.of(
                                UUID.randomUUID(),
                                UUID.randomUUID(),
                                "Tee",
                                "TEE-M-BLUE",
                                2,
                                Money.usd(1_000),
                                1_000,
                                Money.usd(200))
                        .withOptions(OPTIONS)),
                Money.usd(500),
                Money.usd(0));
        return new OrderEvent.OrderPlaced(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "buyer",
                UUID.randomUUID(),
                UUID.randomUUID(),
                List.of(g),
                g.total(),
                Instant.parse("2026-12-01T10:00:00Z"));
    }

    @Test
    void aStoredLineReadsBackWithItsOptionsInOrder() {
        OrderEvent.OrderPlaced placed = placed();
        String stored = EventStore.write(placed);
        assertThat(stored)
                .contains("\"options\":[{\"name\":\"colour\",\"value\":\"blue\"},"
                        + "{\"name\":\"size\",\"value\":\"M\"}]");
        OrderEvent read = EventStore.read("OrderPlaced", stored);
        assertThat(read).isEqualTo(placed);
        assertThat(((OrderEvent.OrderPlaced) read)
                        .groups()
                        .getFirst()
                        .lines()
                        .getFirst()
                        .options())
                .containsExactlyElementsOf(OPTIONS);
    }

    @Test
    void anOrderPlacedStoredBeforeOptionsReadsWithNone() throws Exception {
        ObjectNode old = (ObjectNode) MessageCodec.json().readTree(EventStore.write(placed()));
        ((ObjectNode) old.at("/groups/0/lines/0")).remove("options");
        OrderEvent.OrderPlaced read = (OrderEvent.OrderPlaced) EventStore.read("OrderPlaced", old.toString());
        OrderLine line = read.groups().getFirst().lines().getFirst();
        assertThat(line.options()).isNotNull().isEmpty();
        assertThat(line.title()).isEqualTo("Tee");
        assertThat(line.sku()).isEqualTo("TEE-M-BLUE");
    }
}
