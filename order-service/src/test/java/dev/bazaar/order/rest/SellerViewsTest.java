package dev.bazaar.order.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.contracts.messaging.Lines.OptionValue;
import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.Lines.OrderLine;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.order.domain.Order;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The seller's lines say what to pick: title, SKU and the variant's options, in the catalog's order. */
class SellerViewsTest {

    @Test
    void aSellersLineHasItsVariantsOptionsInOrderAndTheSlipSaysThemInWords() {
        UUID shop = UUID.randomUUID();
        List<OptionValue> options = List.of(new OptionValue("size", "M"), new OptionValue("colour", "blue"));
        OrderGroup g = OrderGroup.of(
                shop,
                List.of(
                        OrderLine.of(
                                        UUID.randomUUID(),
                                        UUID.randomUUID(),
                                        "Tee",
                                        "TEE-M-BLUE",
                                        2,
                                        Money.usd(1_000),
                                        1_000,
                                        Money.usd(200))
                                .withOptions(options),
                        OrderLine.of(
                                UUID.randomUUID(),
                                UUID.randomUUID(),
                                "Mug",
                                "MUG-1",
                                1,
                                Money.usd(1_250),
                                1_000,
                                Money.usd(125))),
                Money.usd(500),
                Money.usd(0));
        Order o = Order.replay(List.of(new OrderEvent.OrderPlaced(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "buyer",
                UUID.randomUUID(),
                UUID.randomUUID(),
                List.of(g),
                g.total(),
                Instant.parse("2026-12-01T10:00:00Z"))));

        SellerViews.SellerOrder view = SellerViews.of(o.partOf(shop), new SellerViews.ReturnWindow(30, null));

        SellerViews.LineView tee = view.lines().getFirst();
        assertThat(tee.title()).isEqualTo("Tee");
        assertThat(tee.sku()).isEqualTo("TEE-M-BLUE");
        assertThat(tee.options()).containsExactlyElementsOf(options);
        assertThat(tee.quantity()).isEqualTo(2);
        assertThat(tee.unitPrice()).isEqualTo(Money.usd(1_000));
        assertThat(SellerViews.optionsText(tee)).isEqualTo("Size: M · Colour: blue");
        assertThat(view.lines().get(1).options()).isEmpty();
        assertThat(SellerViews.optionsText(view.lines().get(1))).isEmpty();
    }
}
