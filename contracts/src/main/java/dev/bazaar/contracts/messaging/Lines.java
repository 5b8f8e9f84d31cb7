package dev.bazaar.contracts.messaging;

import dev.bazaar.contracts.money.Money;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Small value types shared by several messages. Their constructors check the invariants written on them, so a
 * message that breaks one cannot be built by a producer, and is dead-lettered by {@link MessageCodec} when it arrives
 * from elsewhere. Money in them is always in one currency (the charge currency, USD).
 */
public final class Lines {

    private Lines() {}

    /** A quantity ({@code > 0}) of one variant: reservations, restocks, returns, the quoted lines of a checkout. */
    public record StockLine(UUID variantId, int quantity) {
        public StockLine {
            Objects.requireNonNull(variantId, "variantId");
            if (quantity <= 0) {
                throw new IllegalArgumentException("quantity is positive, got " + quantity);
            }
        }
    }

    /** A variant that could not be reserved: how many were asked for, how many were available. */
    public record Shortage(UUID variantId, int requested, int available) {}

    /**
     * One seller's share of a charge, frozen from the quote: {@code goods} (Σ line totals), {@code shipping} and
     * {@code tax} charged to the buyer, and the platform's {@code commission} on the goods. The buyer pays
     * {@link #total()}; the seller is owed {@link #sellerShare()}; the tax is the platform's to remit.
     */
    public record SellerSplit(UUID shopId, Money goods, Money shipping, Money tax, Money commission) {
        public SellerSplit {
            Objects.requireNonNull(shopId, "shopId");
            requireNonNegative("goods", goods);
            requireNonNegative("shipping", shipping);
            requireNonNegative("tax", tax);
            requireNonNegative("commission", commission);
            if (commission.compareTo(goods) > 0) {
                throw new IllegalArgumentException("commission " + commission + " exceeds the goods " + goods);
            }
        }

        /** What the buyer pays for this seller's part: goods + shipping + tax. */
        public Money total() {
            return goods.plus(shipping).plus(tax);
        }

        /** What the seller is owed: goods + shipping − commission (no tax: the platform remits it). */
        public Money sellerShare() {
            return goods.plus(shipping).minus(commission);
        }
    }

    /**
     * One option of a variant, as the catalog names it: {@code name} ("size") and {@code value} ("M"). Lines carry a
     * list of them rather than a map so that their order (the catalog's) survives every JSON store on the way: JSON
     * objects are unordered, and PostgreSQL's {@code jsonb} (checkout's quotes, order's event store) re-sorts their keys.
     */
    public record OptionValue(String name, String value) {
        public OptionValue {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }

        /** A variant's options in the map's iteration order (a catalog {@code LinkedHashMap}); null: none. */
        public static List<OptionValue> of(Map<String, ?> options) {
            if (options == null) {
                return List.of();
            }
            return options.entrySet().stream()
                    .filter(e -> e.getKey() != null && e.getValue() != null)
                    .map(e -> new OptionValue(e.getKey(), String.valueOf(e.getValue())))
                    .toList();
        }
    }

    /**
     * A line of an order group, price and commission frozen from the quote. Invariants: {@code quantity > 0};
     * {@code lineTotal = unitPrice × quantity}; {@code 0 ≤ commissionRateBps ≤ 10000}; {@code 0 ≤ commission ≤
     * lineTotal} (checkout rounds the commission; its rule is not repeated here). {@code categoryId}: the product's
     * category when it was quoted (analytics group by it); absent in orders placed before #27, which count as
     * "uncategorised". {@code options}: the variant's option values when it was quoted ({"size": "M"}, …), in the
     * catalog's order; never null — absent in orders placed before #23's options, which read as none.
     */
    public record OrderLine(
            UUID variantId,
            UUID productId,
            String title,
            String sku,
            List<OptionValue> options,
            int quantity,
            Money unitPrice,
            Money lineTotal,
            int commissionRateBps,
            Money commission,
            UUID categoryId) {
        public OrderLine {
            Objects.requireNonNull(variantId, "variantId");
            Objects.requireNonNull(productId, "productId");
            options = options == null ? List.of() : List.copyOf(options);
            if (quantity <= 0) {
                throw new IllegalArgumentException("quantity is positive, got " + quantity);
            }
            requireNonNegative("unitPrice", unitPrice);
            if (!unitPrice.times(quantity).equals(lineTotal)) {
                throw new IllegalArgumentException(
                        "lineTotal " + lineTotal + " is not " + quantity + " × " + unitPrice);
            }
            if (commissionRateBps < 0 || commissionRateBps > 10_000) {
                throw new IllegalArgumentException("commissionRateBps is 0..10000, got " + commissionRateBps);
            }
            requireNonNegative("commission", commission);
            if (commission.compareTo(lineTotal) > 0) {
                throw new IllegalArgumentException("commission " + commission + " exceeds the line " + lineTotal);
            }
        }

        /** A line without options (as quoted before #23's options). */
        public OrderLine(
                UUID variantId,
                UUID productId,
                String title,
                String sku,
                int quantity,
                Money unitPrice,
                Money lineTotal,
                int commissionRateBps,
                Money commission,
                UUID categoryId) {
            this(
                    variantId,
                    productId,
                    title,
                    sku,
                    List.of(),
                    quantity,
                    unitPrice,
                    lineTotal,
                    commissionRateBps,
                    commission,
                    categoryId);
        }

        /** A line without a category (as quoted before #27) nor options. */
        public OrderLine(
                UUID variantId,
                UUID productId,
                String title,
                String sku,
                int quantity,
                Money unitPrice,
                Money lineTotal,
                int commissionRateBps,
                Money commission) {
            this(variantId, productId, title, sku, quantity, unitPrice, lineTotal, commissionRateBps, commission, null);
        }

        /** A line whose total is computed: {@code unitPrice × quantity}; no category. */
        public static OrderLine of(
                UUID variantId,
                UUID productId,
                String title,
                String sku,
                int quantity,
                Money unitPrice,
                int commissionRateBps,
                Money commission) {
            return of(variantId, productId, title, sku, quantity, unitPrice, commissionRateBps, commission, null);
        }

        /** A line whose total is computed: {@code unitPrice × quantity}, in category {@code categoryId}. */
        public static OrderLine of(
                UUID variantId,
                UUID productId,
                String title,
                String sku,
                int quantity,
                Money unitPrice,
                int commissionRateBps,
                Money commission,
                UUID categoryId) {
            return new OrderLine(
                    variantId,
                    productId,
                    title,
                    sku,
                    quantity,
                    unitPrice,
                    unitPrice.times(quantity),
                    commissionRateBps,
                    commission,
                    categoryId);
        }

        /** The same line with these {@code options} (null: none). */
        public OrderLine withOptions(List<OptionValue> options) {
            return new OrderLine(
                    variantId,
                    productId,
                    title,
                    sku,
                    options,
                    quantity,
                    unitPrice,
                    lineTotal,
                    commissionRateBps,
                    commission,
                    categoryId);
        }
    }

    /**
     * One seller's part of an order. Invariants: at least one line; {@code subtotal = Σ lineTotal}; {@code commission =
     * Σ line commission}; {@code total = subtotal + shipping + tax}.
     */
    public record OrderGroup(
            UUID shopId,
            List<OrderLine> lines,
            Money subtotal,
            Money shipping,
            Money tax,
            Money commission,
            Money total) {
        public OrderGroup {
            Objects.requireNonNull(shopId, "shopId");
            if (lines == null || lines.isEmpty()) {
                throw new IllegalArgumentException("an order group has lines");
            }
            lines = List.copyOf(lines);
            requireNonNegative("shipping", shipping);
            requireNonNegative("tax", tax);
            Money lineSum = Money.sum(lines.stream().map(OrderLine::lineTotal).toList(), subtotal.currency());
            if (!lineSum.equals(subtotal)) {
                throw new IllegalArgumentException("subtotal " + subtotal + " is not the sum of the lines " + lineSum);
            }
            Money commissionSum =
                    Money.sum(lines.stream().map(OrderLine::commission).toList(), subtotal.currency());
            if (!commissionSum.equals(commission)) {
                throw new IllegalArgumentException("commission " + commission + " is not the lines' " + commissionSum);
            }
            if (!subtotal.plus(shipping).plus(tax).equals(total)) {
                throw new IllegalArgumentException("total " + total + " is not subtotal + shipping + tax");
            }
        }

        /** A group whose subtotal, commission and total are summed from its lines. */
        public static OrderGroup of(UUID shopId, List<OrderLine> lines, Money shipping, Money tax) {
            if (lines == null || lines.isEmpty()) {
                throw new IllegalArgumentException("an order group has lines");
            }
            var currency = lines.getFirst().lineTotal().currency();
            Money subtotal = Money.sum(lines.stream().map(OrderLine::lineTotal).toList(), currency);
            Money commission =
                    Money.sum(lines.stream().map(OrderLine::commission).toList(), currency);
            return new OrderGroup(
                    shopId,
                    lines,
                    subtotal,
                    shipping,
                    tax,
                    commission,
                    subtotal.plus(shipping).plus(tax));
        }

        /** This group as the payment's per-seller split. */
        public SellerSplit split() {
            return new SellerSplit(shopId, subtotal, shipping, tax, commission);
        }
    }

    /**
     * An amount to refund to the buyer for one seller's group, with its breakdown so payment can post it without
     * recomputing: {@code amount = goods + shipping + tax} is what the buyer gets back; the seller's share reversed is
     * {@code goods + shipping − commission}; {@code tax} leaves tax payable. All parts {@code ≥ 0}, {@code commission ≤ goods}. {@code refundId} is
     * allocated by order-service once per refund: payment refunds at most once per id (also its provider idempotency
     * key) and echoes it in {@code RefundSucceeded}/{@code RefundFailed}.
     */
    public record GroupRefund(
            UUID refundId, UUID shopId, Money amount, Money goods, Money shipping, Money tax, Money commission) {
        public GroupRefund {
            Objects.requireNonNull(refundId, "refundId");
            Objects.requireNonNull(shopId, "shopId");
            requireNonNegative("goods", goods);
            requireNonNegative("shipping", shipping);
            requireNonNegative("tax", tax);
            requireNonNegative("commission", commission);
            if (!goods.plus(shipping).plus(tax).equals(amount)) {
                throw new IllegalArgumentException("amount " + amount + " is not goods + shipping + tax");
            }
            if (commission.compareTo(goods) > 0) {
                throw new IllegalArgumentException("commission " + commission + " exceeds the goods " + goods);
            }
        }

        /** A refund whose amount is summed from its parts. */
        public static GroupRefund of(
                UUID refundId, UUID shopId, Money goods, Money shipping, Money tax, Money commission) {
            return new GroupRefund(refundId, shopId, goods.plus(shipping).plus(tax), goods, shipping, tax, commission);
        }

        /** The seller's share this refund takes back: goods + shipping − commission. */
        public Money sellerShareReversed() {
            return goods.plus(shipping).minus(commission);
        }
    }

    /** A variant's sellable state, as the catalog publishes it. {@code compareAtPrice} may be null. */
    public record VariantSummary(
            UUID variantId,
            String sku,
            Map<String, String> options,
            Money price,
            Money compareAtPrice,
            int available,
            int weightGrams) {}

    /** Shared by PlaceOrder and OrderPlaced: at least one group, one per seller, summing to the total. */
    static List<OrderGroup> checkGroups(List<OrderGroup> groups, Money total) {
        Objects.requireNonNull(total, "total");
        if (groups == null || groups.isEmpty()) {
            throw new IllegalArgumentException("an order has at least one group");
        }
        if (groups.stream().map(OrderGroup::shopId).distinct().count() != groups.size()) {
            throw new IllegalArgumentException("one group per seller");
        }
        Money sum = Money.sum(groups.stream().map(OrderGroup::total).toList(), total.currency());
        if (!sum.equals(total)) {
            throw new IllegalArgumentException("groups sum to " + sum + ", not the total " + total);
        }
        return List.copyOf(groups);
    }

    static void requireNonNegative(String field, Money m) {
        Objects.requireNonNull(m, field);
        if (m.isNegative()) {
            throw new IllegalArgumentException(field + " is not negative, got " + m);
        }
    }
}
