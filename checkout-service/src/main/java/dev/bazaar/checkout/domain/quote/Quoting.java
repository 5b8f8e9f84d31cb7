package dev.bazaar.checkout.domain.quote;

import dev.bazaar.contracts.messaging.Lines.OptionValue;
import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.Lines.OrderLine;
import dev.bazaar.contracts.money.Money;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The quote arithmetic — pure. Lines are priced as the catalog prices them now and grouped by seller (in the order
 * the buyer added them); each group gets its shipping from the rate tables and its tax from the destination's rate
 * (on shipping too where that rule says so); each line's commission is its category rate, HALF_EVEN, frozen into the
 * quote. Totals are USD, the currency of the charge; a display currency adds converted totals marked as estimates.
 * Every total is the sum of its parts by construction (the contracts' OrderGroup re-checks it).
 */
public final class Quoting {

    private static final Currency USD = Currency.getInstance("USD");
    private static final BigInteger MILLION = BigInteger.valueOf(1_000_000);

    /**
     * A priced cart line: what the catalog says now, and how many the buyer wants. {@code categoryId} (null if the
     * catalog named none) travels into the order line, where analytics group by it; so do {@code options} (the
     * variant's option values in the catalog's order, never null), which the seller packs by.
     */
    public record PricedLine(
            UUID variantId,
            UUID productId,
            UUID shopId,
            String title,
            String sku,
            int quantity,
            Money unitPrice,
            int weightGrams,
            int commissionRateBps,
            UUID categoryId,
            List<OptionValue> options) {

        public PricedLine {
            options = options == null ? List.of() : List.copyOf(options);
        }

        /** A line without options. */
        public PricedLine(
                UUID variantId,
                UUID productId,
                UUID shopId,
                String title,
                String sku,
                int quantity,
                Money unitPrice,
                int weightGrams,
                int commissionRateBps,
                UUID categoryId) {
            this(
                    variantId,
                    productId,
                    shopId,
                    title,
                    sku,
                    quantity,
                    unitPrice,
                    weightGrams,
                    commissionRateBps,
                    categoryId,
                    List.of());
        }

        /** A line of no known category, without options. */
        public PricedLine(
                UUID variantId,
                UUID productId,
                UUID shopId,
                String title,
                String sku,
                int quantity,
                Money unitPrice,
                int weightGrams,
                int commissionRateBps) {
            this(variantId, productId, shopId, title, sku, quantity, unitPrice, weightGrams, commissionRateBps, null);
        }
    }

    /** A converted amount for display only; the charge stays USD. */
    public record DisplayAmount(Money amount, BigDecimal rate, LocalDate ratesAsOf, boolean estimate) {}

    public record Quote(
            List<OrderGroup> groups,
            Money subtotal,
            Money shipping,
            Money tax,
            Money total,
            Money commission,
            DisplayAmount displayTotal) {}

    /** The platform does not ship to (or cannot tax for) this destination. */
    public static final class UnservedDestination extends IllegalArgumentException {
        public UnservedDestination(Destination d) {
            super("we do not ship to " + d.country() + (d.region() == null ? "" : "-" + d.region()));
        }
    }

    private final ShippingRates shipping;
    private final TaxRates taxes;

    public Quoting(ShippingRates shipping, TaxRates taxes) {
        this.shipping = shipping;
        this.taxes = taxes;
    }

    /**
     * @param display a display currency with its rate (units per USD) and the rates' date, or null for USD only
     */
    public Quote quote(List<PricedLine> lines, Destination to, Currency display, BigDecimal rate, LocalDate asOf) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a quote needs at least one line");
        }
        TaxRates.Rate tax = taxes.rateFor(to).orElseThrow(() -> new UnservedDestination(to));
        Map<UUID, List<PricedLine>> bySeller = new LinkedHashMap<>();
        lines.forEach(l ->
                bySeller.computeIfAbsent(l.shopId(), k -> new ArrayList<>()).add(l));
        List<OrderGroup> groups = new ArrayList<>();
        for (var e : bySeller.entrySet()) {
            List<OrderLine> orderLines =
                    e.getValue().stream().map(Quoting::orderLine).toList();
            Money goods =
                    Money.sum(orderLines.stream().map(OrderLine::lineTotal).toList(), USD);
            int weight = e.getValue().stream()
                    .mapToInt(l -> l.weightGrams() * l.quantity())
                    .sum();
            Money ship = shipping.priceOf(new ShippingRates.Parcel(e.getKey(), weight, goods, to));
            Money taxable = tax.taxesShipping() ? goods.plus(ship) : goods;
            groups.add(OrderGroup.of(e.getKey(), orderLines, ship, Money.usd(ppm(taxable.amount(), tax.ppm()))));
        }
        Money subtotal = Money.sum(groups.stream().map(OrderGroup::subtotal).toList(), USD);
        Money shippingTotal =
                Money.sum(groups.stream().map(OrderGroup::shipping).toList(), USD);
        Money taxTotal = Money.sum(groups.stream().map(OrderGroup::tax).toList(), USD);
        Money commission = Money.sum(groups.stream().map(OrderGroup::commission).toList(), USD);
        Money total = Money.sum(groups.stream().map(OrderGroup::total).toList(), USD);
        DisplayAmount shown = display == null || display.equals(USD)
                ? null
                : new DisplayAmount(total.convert(display, rate), rate, asOf, true);
        return new Quote(List.copyOf(groups), subtotal, shippingTotal, taxTotal, total, commission, shown);
    }

    static OrderLine orderLine(PricedLine l) {
        Money lineTotal = l.unitPrice().times(l.quantity());
        long commission = new BigDecimal(lineTotal.amount())
                .multiply(BigDecimal.valueOf(l.commissionRateBps()))
                .divide(BigDecimal.valueOf(10_000), 0, RoundingMode.HALF_EVEN)
                .longValueExact();
        return new OrderLine(
                l.variantId(),
                l.productId(),
                l.title(),
                l.sku(),
                l.options(),
                l.quantity(),
                l.unitPrice(),
                lineTotal,
                l.commissionRateBps(),
                Money.usd(commission),
                l.categoryId());
    }

    /** amount × ppm / 1,000,000, HALF_EVEN. */
    static long ppm(long amount, long ppm) {
        return new BigDecimal(BigInteger.valueOf(amount).multiply(BigInteger.valueOf(ppm)))
                .divide(new BigDecimal(MILLION), 0, RoundingMode.HALF_EVEN)
                .longValueExact();
    }
}
