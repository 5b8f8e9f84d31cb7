package dev.bazaar.notification.domain;

import dev.bazaar.contracts.messaging.Lines.GroupRefund;
import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.Lines.OrderLine;
import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.messaging.PaymentEvent;
import dev.bazaar.contracts.messaging.ProductEvent;
import dev.bazaar.contracts.messaging.ShopEvent;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.contracts.shipping.TrackingLinks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Which emails an event asks for, and what each shows — a pure function of the event, the order's facts (from its
 * OrderPlaced) and who owns which shop (a shop event names its owner itself). The data holds ids, titles, quantities
 * and formatted amounts only: never an address or a name (those are looked up when sending). Links are built by the
 * templates from {@code orderId} (or {@code productId}).
 */
public final class NotificationPlan {

    /** One email to queue: its type, the recipient's subject, what the template shows. */
    public record Planned(NotificationType type, String recipientSubject, Map<String, Object> data) {}

    /** What the plan of an event needs but does not have: the order's facts, or the owners of these shops. */
    public record Missing(boolean facts, Set<UUID> shops) {
        public boolean nothing() {
            return !facts && shops.isEmpty();
        }
    }

    /**
     * The emails of an event, and what was missing to plan the others (a seller whose shop's owner is unknown gets
     * none; the rest are planned).
     */
    public record Result(List<Planned> planned, Missing missing) {}

    private final Optional<OrderFacts> facts;
    private final Function<UUID, Optional<String>> owners;
    private final Function<UUID, Optional<String>> shopNames;

    /**
     * @param facts the order's facts, when its OrderPlaced was seen
     * @param owners a shop's owner subject, when its ShopApproved was seen
     * @param shopNames a shop's name, when known (the buyer's emails name the sellers)
     */
    public NotificationPlan(
            Optional<OrderFacts> facts,
            Function<UUID, Optional<String>> owners,
            Function<UUID, Optional<String>> shopNames) {
        this.facts = facts;
        this.owners = owners;
        this.shopNames = shopNames;
    }

    /** The shops whose owners an order event's plan may need (look them up before {@link #of(OrderEvent)}). */
    public static Set<UUID> shopsOf(OrderEvent event, Optional<OrderFacts> facts) {
        return switch (event) {
            case OrderEvent.OrderPaid p ->
                facts.map(f -> f.groups().stream()
                                .map(OrderGroup::shopId)
                                .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new)))
                        .map(s -> (Set<UUID>) s)
                        .orElse(Set.of());
            case OrderEvent.ReturnRequested r -> Set.of(r.shopId());
            case OrderEvent.ReturnEscalated e -> Set.of(e.shopId());
            default -> Set.of();
        };
    }

    public Result of(OrderEvent event) {
        return switch (event) {
            case OrderEvent.OrderPlaced p -> none();
            case OrderEvent.OrderPaid p -> paid();
            case OrderEvent.ShipmentDispatched s -> forBuyer(s.orderId(), f -> List.of(dispatched(f, s)));
            case OrderEvent.GroupDelivered d ->
                forBuyer(
                        d.orderId(),
                        f -> List.of(new Planned(
                                NotificationType.BUYER_GROUP_DELIVERED, f.buyerSubject(), shopData(f, d.shopId()))));
            case OrderEvent.GroupCancelled g ->
                forBuyer(
                        g.orderId(),
                        f -> List.of(cancelled(
                                f, g.shopId(), g.reason(), g.refund() == null ? List.of() : List.of(g.refund()))));
            // the saga's own cancellation (never paid, the authorization voided) is no news: the buyer saw checkout
            // fail
            case OrderEvent.OrderCancelled c when c.refunds().isEmpty() -> none();
            case OrderEvent.OrderCancelled c ->
                forBuyer(c.orderId(), f -> List.of(cancelled(f, null, c.reason(), c.refunds())));
            case OrderEvent.RefundIssued r ->
                forBuyer(r.orderId(), f -> {
                    Map<String, Object> data = shopData(f, r.shopId());
                    data.put("amount", Amounts.format(r.amount()));
                    return List.of(new Planned(NotificationType.BUYER_REFUND_ISSUED, f.buyerSubject(), data));
                });
            case OrderEvent.ReturnRequested r ->
                forSeller(r.shopId(), owner -> {
                    Map<String, Object> data = orderData(r.orderId());
                    data.put("returnId", r.returnId().toString());
                    data.put("reasonCode", r.reasonCode() == null ? r.reason() : r.reasonCode());
                    data.put("comment", r.comment() == null ? "" : r.comment());
                    data.put("lines", stockLines(r.shopId(), r.lines()));
                    return new Planned(NotificationType.SELLER_RETURN_REQUESTED, owner, data);
                });
            case OrderEvent.ReturnEscalated e ->
                forSeller(e.shopId(), owner -> {
                    Map<String, Object> data = orderData(e.orderId());
                    data.put("returnId", e.returnId().toString());
                    return new Planned(NotificationType.SELLER_RETURN_ESCALATED, owner, data);
                });
            case OrderEvent.ReturnAuthorized a ->
                forBuyer(
                        a.orderId(),
                        f -> List.of(decision(f, a.shopId(), "AUTHORIZED", "instructions", a.instructions(), null)));
            case OrderEvent.ReturnApproved a ->
                forBuyer(
                        a.orderId(),
                        f -> List.of(decision(f, a.shopId(), "APPROVED", null, null, refundTotal(a.refunds()))));
            case OrderEvent.ReturnRejected r ->
                forBuyer(r.orderId(), f -> List.of(decision(f, r.shopId(), "REJECTED", "reason", r.reason(), null)));
            case OrderEvent.OrderCompleted c -> none();
            // a parcel a carrier delivered: the buyer hears once the whole group is (GroupDelivered, in the same
            // append)
            case OrderEvent.ShipmentDelivered s -> none();
        };
    }

    /** The shops whose owners a payment event's plan may need (look them up before {@link #of(PaymentEvent)}). */
    public static Set<UUID> shopsOf(PaymentEvent event, Optional<OrderFacts> facts) {
        return switch (event) {
            case PaymentEvent.PayoutPaid p -> Set.of(p.shopId());
            case PaymentEvent.PayoutFailed p -> Set.of(p.shopId());
            case PaymentEvent.DisputeOpened d ->
                facts.filter(f -> f.orderId().equals(d.orderId()))
                        .map(f -> f.groups().stream()
                                .map(OrderGroup::shopId)
                                .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new)))
                        .map(s -> (Set<UUID>) s)
                        .orElse(Set.of());
            default -> Set.of();
        };
    }

    /**
     * Sellers hear of their payouts and of disputes on their orders; other payment events are told to buyers through
     * order.events.
     */
    public Result of(PaymentEvent event) {
        return switch (event) {
            case PaymentEvent.DisputeOpened d -> disputed(d);
            case PaymentEvent.PayoutPaid p ->
                forSeller(p.shopId(), owner -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("payoutId", p.payoutId().toString());
                    data.put("amount", Amounts.format(p.amount()));
                    return new Planned(NotificationType.SELLER_PAYOUT_PAID, owner, data);
                });
            case PaymentEvent.PayoutFailed p ->
                forSeller(p.shopId(), owner -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("payoutId", p.payoutId().toString());
                    data.put("amount", Amounts.format(p.amount()));
                    data.put("reason", p.reason() == null ? "" : p.reason());
                    return new Planned(NotificationType.SELLER_PAYOUT_FAILED, owner, data);
                });
            default -> none();
        };
    }

    /**
     * A seller hears an admin's decision on one of their products (a review, a take-down or reinstatement, changes to a
     * live one approved or not); other product events are no news.
     */
    public Result of(ProductEvent event) {
        return switch (event) {
            case ProductEvent.ProductModerated m ->
                forSeller(m.shopId(), owner -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("productId", m.productId().toString());
                    data.put("title", m.title() == null ? "" : m.title());
                    data.put("shopName", shopNames.apply(m.shopId()).orElse(""));
                    if (m.reason() != null) {
                        data.put("reason", m.reason());
                    }
                    return new Planned(
                            switch (m.decision()) {
                                case ProductEvent.ProductModerated.APPROVED -> NotificationType.SELLER_PRODUCT_APPROVED;
                                case ProductEvent.ProductModerated.TAKEN_DOWN ->
                                    NotificationType.SELLER_PRODUCT_TAKEN_DOWN;
                                case ProductEvent.ProductModerated.REINSTATED ->
                                    NotificationType.SELLER_PRODUCT_REINSTATED;
                                case ProductEvent.ProductModerated.REVISION_APPROVED ->
                                    NotificationType.SELLER_PRODUCT_REVISION_APPROVED;
                                case ProductEvent.ProductModerated.REVISION_REJECTED ->
                                    NotificationType.SELLER_PRODUCT_REVISION_REJECTED;
                                default -> NotificationType.SELLER_PRODUCT_REJECTED;
                            },
                            owner,
                            data);
                });
            default -> none();
        };
    }

    /**
     * A shop's owner (the event names them) hears that it was approved, rejected or suspended, with the admin's
     * reason; a changed return policy is the seller's own doing.
     */
    public Result of(ShopEvent event) {
        return switch (event) {
            case ShopEvent.ShopApproved a ->
                shopNews(NotificationType.SELLER_SHOP_APPROVED, a.shopId(), a.ownerSubject(), a.name(), null);
            case ShopEvent.ShopRejected r ->
                shopNews(NotificationType.SELLER_SHOP_REJECTED, r.shopId(), r.ownerSubject(), null, r.reason());
            case ShopEvent.ShopSuspended s ->
                shopNews(NotificationType.SELLER_SHOP_SUSPENDED, s.shopId(), s.ownerSubject(), null, s.reason());
            case ShopEvent.ShopPolicyChanged p -> none();
        };
    }

    /** The short reference buyers and sellers see: the order id's first eight characters, upper case. */
    public static String orderRef(UUID orderId) {
        return orderId.toString().substring(0, 8).toUpperCase(Locale.ROOT);
    }

    // ---- the plans

    /** One "new order to ship" per seller group (only that seller's lines), and the buyer's confirmation. */
    private Result paid() {
        if (facts.isEmpty()) {
            return missingFacts();
        }
        OrderFacts f = facts.get();
        Set<UUID> unknown = new java.util.LinkedHashSet<>();
        List<Planned> out = new ArrayList<>();
        for (OrderGroup g : f.groups()) {
            Optional<String> owner = owners.apply(g.shopId());
            if (owner.isEmpty()) {
                unknown.add(g.shopId());
                continue;
            }
            Map<String, Object> data = orderData(f.orderId());
            data.putAll(groupData(g));
            out.add(new Planned(NotificationType.SELLER_NEW_ORDER, owner.get(), data));
        }
        Map<String, Object> confirmation = orderData(f.orderId());
        confirmation.put("groups", f.groups().stream().map(this::groupData).toList());
        confirmation.put("total", Amounts.format(f.total()));
        // the total in the buyer's display currency as the quote showed it: an estimate, never what is charged
        confirmation.put("estimate", f.displayEstimate() == null ? "" : Amounts.format(f.displayEstimate()));
        out.add(new Planned(NotificationType.BUYER_ORDER_CONFIRMED, f.buyerSubject(), confirmation));
        return new Result(out, new Missing(false, unknown));
    }

    /**
     * One email per seller with a group in the disputed order: the disputed amount (the whole charge), the reason and
     * the seller's own part (held until the dispute is resolved).
     */
    private Result disputed(PaymentEvent.DisputeOpened d) {
        Optional<OrderFacts> known = facts.filter(f -> f.orderId().equals(d.orderId()));
        if (known.isEmpty()) {
            return missingFacts();
        }
        Set<UUID> unknown = new java.util.LinkedHashSet<>();
        List<Planned> out = new ArrayList<>();
        for (OrderGroup g : known.get().groups()) {
            Optional<String> owner = owners.apply(g.shopId());
            if (owner.isEmpty()) {
                unknown.add(g.shopId());
                continue;
            }
            Map<String, Object> data = orderData(d.orderId());
            data.putAll(groupData(g));
            data.put("disputeId", d.disputeId().toString());
            data.put("amount", Amounts.format(d.amount()));
            data.put("reason", d.reason() == null ? "" : d.reason().replace('_', ' '));
            out.add(new Planned(NotificationType.SELLER_DISPUTE_OPENED, owner.get(), data));
        }
        return new Result(out, new Missing(false, unknown));
    }

    private Planned dispatched(OrderFacts f, OrderEvent.ShipmentDispatched s) {
        Map<String, Object> data = shopData(f, s.shopId());
        data.put("carrier", s.carrier());
        data.put("trackingNumber", s.trackingNumber());
        data.put(
                "trackingUrl",
                TrackingLinks.urlFor(s.carrier(), s.trackingNumber()).orElse(""));
        // a parcel says what is in it; one recorded before partial shipping was the whole group
        data.put(
                "lines",
                s.lines() == null
                        ? f.group(s.shopId())
                                .map(g -> g.lines().stream()
                                        .map(NotificationPlan::lineData)
                                        .toList())
                                .orElse(List.of())
                        : stockLines(f, s.shopId(), s.lines()));
        return new Planned(NotificationType.BUYER_SHIPMENT_DISPATCHED, f.buyerSubject(), data);
    }

    private Planned cancelled(OrderFacts f, UUID shopId, String reason, List<GroupRefund> refunds) {
        Map<String, Object> data = shopId == null ? orderData(f.orderId()) : shopData(f, shopId);
        data.put("whole", shopId == null);
        data.put("reason", reason == null ? "" : reason);
        Money refund = refundTotal(refunds);
        data.put("refund", refund == null ? "" : Amounts.format(refund));
        return new Planned(NotificationType.BUYER_ORDER_CANCELLED, f.buyerSubject(), data);
    }

    private Planned decision(OrderFacts f, UUID shopId, String decision, String key, String text, Money refund) {
        Map<String, Object> data = shopData(f, shopId);
        data.put("decision", decision);
        data.put("instructions", "");
        data.put("reason", "");
        if (key != null) {
            data.put(key, text == null ? "" : text);
        }
        data.put("refund", refund == null ? "" : Amounts.format(refund));
        return new Planned(NotificationType.BUYER_RETURN_DECISION, f.buyerSubject(), data);
    }

    // ---- data shown by the templates

    private Result shopNews(NotificationType type, UUID shopId, String owner, String name, String reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("shopId", shopId.toString());
        data.put("shopName", name != null ? name : shopNames.apply(shopId).orElse(""));
        if (type != NotificationType.SELLER_SHOP_APPROVED) {
            data.put("reason", reason == null ? "" : reason);
        }
        return new Result(List.of(new Planned(type, owner, data)), new Missing(false, Set.of()));
    }

    private static Map<String, Object> orderData(UUID orderId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", orderId.toString());
        data.put("orderRef", orderRef(orderId));
        return data;
    }

    private Map<String, Object> shopData(OrderFacts f, UUID shopId) {
        Map<String, Object> data = orderData(f.orderId());
        data.put("shopName", shopName(shopId));
        return data;
    }

    private String shopName(UUID shopId) {
        return shopNames.apply(shopId).orElse("the seller");
    }

    private Map<String, Object> groupData(OrderGroup g) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("shopName", shopName(g.shopId()));
        data.put("lines", g.lines().stream().map(NotificationPlan::lineData).toList());
        data.put("subtotal", Amounts.format(g.subtotal()));
        data.put("shipping", Amounts.format(g.shipping()));
        data.put("tax", Amounts.format(g.tax()));
        data.put("groupTotal", Amounts.format(g.total()));
        return data;
    }

    private static Map<String, Object> lineData(OrderLine l) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", l.title() == null ? "" : l.title());
        data.put("sku", l.sku() == null ? "" : l.sku());
        data.put("quantity", l.quantity());
        data.put("unitPrice", Amounts.format(l.unitPrice()));
        data.put("lineTotal", Amounts.format(l.lineTotal()));
        return data;
    }

    private List<Map<String, Object>> stockLines(UUID shopId, List<StockLine> lines) {
        return facts.map(f -> stockLines(f, shopId, lines))
                .orElseGet(() -> lines.stream()
                        .map(l -> stockLine("item " + l.variantId(), l.quantity()))
                        .toList());
    }

    private static List<Map<String, Object>> stockLines(OrderFacts f, UUID shopId, List<StockLine> lines) {
        return lines.stream()
                .map(l -> stockLine(
                        f.line(shopId, l.variantId()).map(OrderLine::title).orElse("item " + l.variantId()),
                        l.quantity()))
                .toList();
    }

    private static Map<String, Object> stockLine(String title, int quantity) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", title);
        data.put("quantity", quantity);
        return data;
    }

    private static Money refundTotal(List<GroupRefund> refunds) {
        if (refunds == null || refunds.isEmpty()) {
            return null;
        }
        return Money.sum(
                refunds.stream().map(GroupRefund::amount).toList(),
                refunds.getFirst().amount().currency());
    }

    // ---- results

    private Result forBuyer(UUID orderId, Function<OrderFacts, List<Planned>> plan) {
        return facts.filter(f -> f.orderId().equals(orderId))
                .map(f -> new Result(plan.apply(f), new Missing(false, Set.of())))
                .orElseGet(NotificationPlan::missingFacts);
    }

    private Result forSeller(UUID shopId, Function<String, Planned> plan) {
        return owners.apply(shopId)
                .map(o -> new Result(List.of(plan.apply(o)), new Missing(false, Set.of())))
                .orElseGet(() -> new Result(List.of(), new Missing(false, Set.of(shopId))));
    }

    private static Result none() {
        return new Result(List.of(), new Missing(false, Set.of()));
    }

    private static Result missingFacts() {
        return new Result(List.of(), new Missing(true, Set.of()));
    }
}
