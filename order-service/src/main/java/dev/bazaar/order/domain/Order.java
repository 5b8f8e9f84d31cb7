package dev.bazaar.order.domain;

import dev.bazaar.contracts.messaging.Lines.GroupRefund;
import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.Lines.OrderLine;
import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.contracts.shipping.TrackingLinks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The order aggregate: its state is a fold of its events ({@link #replay}), and every decision is a method that
 * checks the state and answers the event(s) to append — or throws {@link IllegalOrderTransition} and appends nothing.
 * Pure: no I/O, no clock (instants come in as arguments). {@code version} is the sequence of the last applied event.
 */
public final class Order {

    /**
     * A return request, the buyer's reason (code and words), and what became of it: REQUESTED, ESCALATED (nobody
     * decided in time: in the admins' queue), AWAITING_ITEMS (the seller wants the items back first: the buyer sends
     * them as {@code instructions} say), APPROVED (refunded) or REJECTED. The first three are open.
     */
    public record Return(
            UUID returnId,
            UUID shopId,
            List<StockLine> lines,
            String status,
            String reason,
            ReturnReason reasonCode,
            String comment,
            String instructions) {
        Return with(String newStatus) {
            return new Return(returnId, shopId, lines, newStatus, reason, reasonCode, comment, instructions);
        }

        /** Not decided for good yet: the order cannot complete, the seller (or an admin) may still approve or reject. */
        public boolean open() {
            return undecided() || status.equals("AWAITING_ITEMS");
        }

        /** Waiting for the seller's decision (what the dashboard counts and the escalation job watches). */
        public boolean undecided() {
            return status.equals("REQUESTED") || status.equals("ESCALATED");
        }
    }

    /**
     * A parcel of a group: who carries it, its tracking number, when it left, what is in it, and when its carrier said
     * it arrived (null until a carrier does: the seller's, the buyer's and the clock's confirmations are for the whole
     * group).
     */
    public record Shipment(
            UUID shipmentId,
            String carrier,
            String trackingNumber,
            Instant dispatchedAt,
            List<StockLine> lines,
            Instant deliveredAt) {}

    /** One seller's group as it stands, with the parcels sent so far (oldest first). */
    public record Group(OrderGroup group, GroupStatus status, List<Shipment> shipments, Instant deliveredAt) {
        public Group {
            shipments = List.copyOf(shipments);
        }

        Group with(GroupStatus s) {
            return new Group(group, s, shipments, deliveredAt);
        }

        /** The latest parcel's carrier (null before the first parcel). */
        public String carrier() {
            return shipments.isEmpty() ? null : shipments.getLast().carrier();
        }

        /** The latest parcel's tracking number (null before the first parcel). */
        public String trackingNumber() {
            return shipments.isEmpty() ? null : shipments.getLast().trackingNumber();
        }

        /** When the latest parcel left (null before the first parcel). */
        public Instant dispatchedAt() {
            return shipments.isEmpty() ? null : shipments.getLast().dispatchedAt();
        }

        /** Quantities not yet in a parcel, by variant, in line order (only what is left). */
        public Map<UUID, Integer> unshipped() {
            Map<UUID, Integer> left = new LinkedHashMap<>();
            group.lines().forEach(l -> left.merge(l.variantId(), l.quantity(), Integer::sum));
            shipments.forEach(sh -> sh.lines().forEach(l -> left.merge(l.variantId(), -l.quantity(), Integer::sum)));
            left.values().removeIf(q -> q <= 0);
            return left;
        }
    }

    private UUID orderId;
    private String buyer;
    private UUID shippingAddressId;
    private UUID paymentId;
    private Money total;
    private Instant placedAt;
    private boolean paid;
    private boolean cancelled;
    private boolean completed;
    private final Map<UUID, Group> groups = new LinkedHashMap<>();
    private final Map<UUID, Integer> returnWindowDays = new LinkedHashMap<>();
    private final Map<UUID, Return> returns = new LinkedHashMap<>();
    private final Map<UUID, Money> refundsIssued = new LinkedHashMap<>();
    private final Map<UUID, Money> refundedByShop = new LinkedHashMap<>();
    private Money refunded;
    private long version;

    private Order() {}

    public static Order replay(Collection<OrderEvent> events) {
        Order o = new Order();
        events.forEach(o::apply);
        return o;
    }

    public static Order empty() {
        return new Order();
    }

    public boolean exists() {
        return orderId != null;
    }

    // ---- decisions

    public List<OrderEvent> place(OrderEvent.OrderPlaced placed) {
        if (exists()) {
            return List.of(); // PlaceOrder is idempotent by order id
        }
        return List.of(placed);
    }

    public List<OrderEvent> pay(UUID payment, Money amount) {
        requireExists();
        if (paid || cancelled) {
            return List.of(); // a redelivered PaymentCaptured, or a capture the saga is compensating
        }
        return List.of(new OrderEvent.OrderPaid(orderId, payment, amount));
    }

    /** Everything left of the group, in one parcel. */
    public List<OrderEvent> ship(UUID shopId, String carrier, String tracking, Instant at) {
        return ship(shopId, carrier, tracking, null, at);
    }

    /**
     * A parcel with {@code lines} (null or empty: everything not shipped yet). Each variant must be in the group and
     * at most what is left of it; the group is SHIPPED when nothing is left, PARTIALLY_SHIPPED before. A parcel's id is
     * derived from the order, the shop and how many parcels came before, so a decision is a pure function of the state.
     */
    public List<OrderEvent> ship(UUID shopId, String carrier, String tracking, List<StockLine> lines, Instant at) {
        Group g = group(shopId);
        if (g.status() != GroupStatus.PAID && g.status() != GroupStatus.PARTIALLY_SHIPPED) {
            throw new IllegalOrderTransition(
                    switch (g.status()) {
                        case PLACED -> "This group is not paid yet.";
                        case SHIPPED, DELIVERED -> "This group was already shipped.";
                        case CANCELLED -> "This group was cancelled.";
                        default -> "This group cannot be shipped now.";
                    });
        }
        Map<UUID, Integer> left = g.unshipped();
        List<StockLine> parcel;
        if (lines == null || lines.isEmpty()) {
            parcel = left.entrySet().stream()
                    .map(e -> new StockLine(e.getKey(), e.getValue()))
                    .toList();
        } else {
            Map<UUID, Integer> asked = new LinkedHashMap<>();
            lines.forEach(l -> asked.merge(l.variantId(), l.quantity(), Integer::sum));
            for (var e : asked.entrySet()) {
                if (g.group().lines().stream().noneMatch(l -> l.variantId().equals(e.getKey()))) {
                    throw new InvalidShipment("variant " + e.getKey() + " is not in this seller's part of the order");
                }
                int max = left.getOrDefault(e.getKey(), 0);
                if (e.getValue() > max) {
                    throw new InvalidShipment(
                            max == 0
                                    ? "variant " + e.getKey() + " has already shipped"
                                    : "at most " + max + " of variant " + e.getKey() + " are left to ship");
                }
            }
            parcel = asked.entrySet().stream()
                    .map(e -> new StockLine(e.getKey(), e.getValue()))
                    .toList();
        }
        UUID shipmentId = UUID.nameUUIDFromBytes(
                ("shipment:" + orderId + ":" + shopId + ":" + g.shipments().size())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return List.of(new OrderEvent.ShipmentDispatched(orderId, shopId, carrier, tracking, at, shipmentId, parcel));
    }

    /** The seller, the buyer or the carrier says the group arrived: only once every item has shipped. */
    public List<OrderEvent> deliver(UUID shopId, Instant at) {
        Group g = group(shopId);
        if (g.status() == GroupStatus.DELIVERED) {
            return List.of();
        }
        if (g.status() == GroupStatus.PARTIALLY_SHIPPED) {
            throw new IllegalOrderTransition("Part of this group has not shipped yet.");
        }
        if (g.status() != GroupStatus.SHIPPED) {
            throw new IllegalOrderTransition("Only a shipped group can be delivered; this one is "
                    + g.status().name().toLowerCase(Locale.ROOT) + ".");
        }
        return List.of(new OrderEvent.GroupDelivered(orderId, shopId, at));
    }

    /**
     * A carrier's signed tracking event {@code carrierEventId} says parcel {@code shipmentId} of {@code shopId}'s group
     * arrived at {@code at}: the parcel is recorded delivered (ShipmentDelivered), and when the group has shipped in
     * full and this was its last parcel not yet delivered, the group is delivered too (GroupDelivered, at the latest
     * parcel's arrival) — as if the buyer had confirmed. Idempotent: a parcel already delivered, a group already
     * delivered (by anyone), or a parcel this group does not have decides nothing, so a carrier repeating an event (same
     * id or another one saying DELIVERED again) appends nothing.
     */
    public List<OrderEvent> carrierDelivered(UUID shopId, UUID shipmentId, String carrierEventId, Instant at) {
        Group g = group(shopId);
        if (g.status() != GroupStatus.SHIPPED && g.status() != GroupStatus.PARTIALLY_SHIPPED) {
            return List.of();
        }
        Shipment parcel = g.shipments().stream()
                .filter(sh -> sh.shipmentId().equals(shipmentId))
                .findFirst()
                .orElse(null);
        if (parcel == null || parcel.deliveredAt() != null) {
            return List.of();
        }
        List<OrderEvent> out = new ArrayList<>();
        out.add(new OrderEvent.ShipmentDelivered(orderId, shopId, shipmentId, parcel.carrier(), carrierEventId, at));
        List<Shipment> others = g.shipments().stream()
                .filter(sh -> !sh.shipmentId().equals(shipmentId))
                .toList();
        if (g.status() == GroupStatus.SHIPPED && others.stream().allMatch(sh -> sh.deliveredAt() != null)) {
            Instant last = others.stream().map(Shipment::deliveredAt).reduce(at, (a, b) -> a.isAfter(b) ? a : b);
            out.add(new OrderEvent.GroupDelivered(orderId, shopId, last));
        }
        return out;
    }

    /**
     * Nobody confirmed delivery: a group fully shipped longer than {@code after} ago counts as delivered at
     * {@code now} (the carrier's usual time has long passed; the buyer can still return within the window from now).
     * Anything else — not fully shipped, delivered, cancelled, too recent — decides nothing.
     */
    public List<OrderEvent> autoDeliver(UUID shopId, Instant now, Duration after) {
        Group g = groups.get(shopId);
        if (g == null
                || g.status() != GroupStatus.SHIPPED
                || now.isBefore(g.dispatchedAt().plus(after))) {
            return List.of();
        }
        return List.of(new OrderEvent.GroupDelivered(orderId, shopId, now));
    }

    /** The buyer cancels: only while PAID and nothing shipped; every group is refunded in full and restocked. */
    public List<OrderEvent> buyerCancel(String reason) {
        requireExists();
        if (cancelled) {
            throw new IllegalOrderTransition("This order is already cancelled.");
        }
        if (!paid) {
            throw new IllegalOrderTransition("Only a paid order can be cancelled by the buyer.");
        }
        if (anyShipped()) {
            throw new IllegalOrderTransition("Part of this order has shipped: ask for a return instead.");
        }
        return List.of(cancelAll(reason, true, true));
    }

    /**
     * The saga's compensation: accepted before fulfilment starts (nothing shipped). A paid order is refunded in full;
     * an unpaid one is not (the saga voids the payment). Never restocked here: the saga's ReleaseReservation gives
     * the stock back, committed or not, so restocking too would count it twice.
     */
    public List<OrderEvent> sagaCancel(String reason) {
        requireExists();
        if (cancelled) {
            return List.of();
        }
        if (anyShipped()) {
            throw new IllegalOrderTransition("Fulfilment has started: the order can no longer be cancelled.");
        }
        return List.of(cancelAll(reason, paid, false));
    }

    /** A seller cancels their unshipped group they cannot fulfil: refunded and restocked. */
    public List<OrderEvent> sellerCancel(UUID shopId, String reason) {
        Group g = group(shopId);
        if (g.status() != GroupStatus.PAID) {
            throw new IllegalOrderTransition(
                    g.status() == GroupStatus.CANCELLED
                            ? "This group is already cancelled."
                            : g.status() == GroupStatus.PLACED
                                    ? "This group is not paid yet."
                                    : "This group has shipped (in part or whole): it can no longer be cancelled.");
        }
        OrderGroup og = g.group();
        return List.of(new OrderEvent.GroupCancelled(orderId, shopId, reason, fullRefund(og), restock(og.lines())));
    }

    /** A request in free text, as before reason codes: OTHER, the text kept as the reason. */
    public List<OrderEvent> requestReturn(
            UUID returnId, UUID shopId, List<StockLine> lines, String reason, Instant now, Duration defaultWindow) {
        return requestReturn(returnId, shopId, lines, ReturnReason.OTHER, reason, reason, now, defaultWindow);
    }

    /**
     * The buyer returns {@code lines} of one delivered group within its window — the shop's when the order was placed
     * ({@link #returnWindow}; {@code defaultWindow} for orders placed before shops had their own) — with a reason code
     * and a comment.
     */
    public List<OrderEvent> requestReturn(
            UUID returnId,
            UUID shopId,
            List<StockLine> lines,
            ReturnReason code,
            String comment,
            Instant now,
            Duration defaultWindow) {
        return requestReturn(returnId, shopId, lines, code, code.name(), comment, now, defaultWindow);
    }

    private List<OrderEvent> requestReturn(
            UUID returnId,
            UUID shopId,
            List<StockLine> lines,
            ReturnReason code,
            String reason,
            String comment,
            Instant now,
            Duration defaultWindow) {
        Group g = group(shopId);
        if (g.status() != GroupStatus.DELIVERED) {
            throw new IllegalOrderTransition("Only delivered items can be returned.");
        }
        Duration window = returnWindow(shopId, defaultWindow);
        if (window.isZero()) {
            throw new IllegalOrderTransition("This shop did not accept returns when the order was placed.");
        }
        if (now.isAfter(g.deliveredAt().plus(window))) {
            throw new IllegalOrderTransition("The return window closed on "
                    + g.deliveredAt().plus(window) + " (" + window.toDays() + " days after delivery).");
        }
        if (lines == null || lines.isEmpty()) {
            throw new InvalidReturn("items", "name at least one item to return");
        }
        Map<UUID, Integer> left = returnable(g.group());
        Map<UUID, Integer> asked = new LinkedHashMap<>();
        for (StockLine l : lines) {
            asked.merge(l.variantId(), l.quantity(), Integer::sum);
        }
        for (var e : asked.entrySet()) {
            Integer max = left.get(e.getKey());
            if (max == null) {
                throw new InvalidReturn(
                        "items", "variant " + e.getKey() + " is not in this seller's part of the order");
            }
            if (e.getValue() <= 0 || e.getValue() > max) {
                throw new InvalidReturn("items", "at most " + max + " of variant " + e.getKey() + " can be returned");
            }
        }
        List<StockLine> merged = asked.entrySet().stream()
                .map(e -> new StockLine(e.getKey(), e.getValue()))
                .toList();
        return List.of(new OrderEvent.ReturnRequested(orderId, returnId, shopId, merged, reason, code.name(), comment));
    }

    /** Nobody decided this return in time: it goes to the admins' queue (once; a decided one stays decided). */
    public List<OrderEvent> escalateReturn(UUID returnId, Instant now) {
        Return r = returns.get(returnId);
        if (r == null || !r.status().equals("REQUESTED")) {
            return List.of();
        }
        return List.of(new OrderEvent.ReturnEscalated(orderId, returnId, r.shopId(), now));
    }

    /**
     * The seller wants the items back before refunding: the return waits for them (AWAITING_ITEMS), no longer for a
     * decision. Only an undecided return can be authorized; asking again for the same return appends nothing.
     */
    public List<OrderEvent> authorizeReturn(UUID returnId, String instructions) {
        Return r = pendingReturn(returnId);
        if (r.status().equals("AWAITING_ITEMS")) {
            return List.of();
        }
        return List.of(new OrderEvent.ReturnAuthorized(orderId, returnId, r.shopId(), instructions));
    }

    /** The items of an authorized return arrived: the refund follows as for an approval (ReturnApproved). */
    public List<OrderEvent> receiveReturn(UUID returnId, UUID refundId) {
        Return r = pendingReturn(returnId);
        if (!r.status().equals("AWAITING_ITEMS")) {
            throw new IllegalOrderTransition("This return was not waiting for its items; approve or reject it.");
        }
        return approveReturn(returnId, refundId);
    }

    /** Refunds the return's items now (from any open state: decided at once, or its items received). */
    public List<OrderEvent> approveReturn(UUID returnId, UUID refundId) {
        Return r = pendingReturn(returnId);
        OrderGroup og = groups.get(r.shopId()).group();
        return List.of(new OrderEvent.ReturnApproved(
                orderId, returnId, r.shopId(), List.of(returnRefund(refundId, og, r.lines())), r.lines()));
    }

    public List<OrderEvent> rejectReturn(UUID returnId, String reason) {
        Return r = pendingReturn(returnId);
        return List.of(new OrderEvent.ReturnRejected(orderId, returnId, r.shopId(), reason));
    }

    public List<OrderEvent> refundIssued(UUID refundId, UUID shopId, Money amount) {
        requireExists();
        if (refundsIssued.containsKey(refundId)) {
            return List.of();
        }
        return List.of(new OrderEvent.RefundIssued(orderId, refundId, shopId, amount));
    }

    /**
     * Closes the order once every active group was delivered longer ago than its own return window (the shop's when
     * the order was placed; {@code defaultWindow} for orders placed before shops had their own).
     */
    public List<OrderEvent> complete(Instant now, Duration defaultWindow) {
        requireExists();
        if (completed || cancelled) {
            return List.of();
        }
        List<Group> active = groups.values().stream()
                .filter(g -> g.status() != GroupStatus.CANCELLED)
                .toList();
        boolean due = !active.isEmpty()
                && active.stream()
                        .allMatch(g -> g.status() == GroupStatus.DELIVERED
                                && !now.isBefore(g.deliveredAt()
                                        .plus(returnWindow(g.group().shopId(), defaultWindow))));
        boolean pendingReturn = returns.values().stream().anyMatch(Return::open);
        return due && !pendingReturn ? List.of(new OrderEvent.OrderCompleted(orderId, now)) : List.of();
    }

    // ---- state

    public void apply(OrderEvent e) {
        version++;
        switch (e) {
            case OrderEvent.OrderPlaced p -> {
                orderId = p.orderId();
                buyer = p.buyerSubject();
                shippingAddressId = p.shippingAddressId();
                paymentId = p.paymentId();
                total = p.total();
                placedAt = p.placedAt();
                refunded = Money.zero(p.total().currency());
                p.groups().forEach(g -> groups.put(g.shopId(), new Group(g, GroupStatus.PLACED, List.of(), null)));
                if (p.returnWindowDays() != null) {
                    returnWindowDays.putAll(p.returnWindowDays());
                }
            }
            case OrderEvent.OrderPaid p -> {
                paid = true;
                groups.replaceAll((k, g) -> g.status() == GroupStatus.PLACED ? g.with(GroupStatus.PAID) : g);
            }
            case OrderEvent.ShipmentDispatched s ->
                groups.computeIfPresent(s.shopId(), (k, g) -> {
                    // before partial shipping (#23) a parcel had no id and no lines: it was everything left
                    List<StockLine> lines = s.lines() != null
                            ? s.lines()
                            : g.unshipped().entrySet().stream()
                                    .map(left -> new StockLine(left.getKey(), left.getValue()))
                                    .toList();
                    UUID id = s.shipmentId() != null
                            ? s.shipmentId()
                            : UUID.nameUUIDFromBytes(("shipment:" + orderId + ":" + s.shopId() + ":"
                                            + g.shipments().size())
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    List<Shipment> shipments = new ArrayList<>(g.shipments());
                    shipments.add(new Shipment(id, s.carrier(), s.trackingNumber(), s.dispatchedAt(), lines, null));
                    Group next = new Group(g.group(), GroupStatus.PARTIALLY_SHIPPED, shipments, null);
                    return next.unshipped().isEmpty() ? next.with(GroupStatus.SHIPPED) : next;
                });
            case OrderEvent.ShipmentDelivered d ->
                groups.computeIfPresent(
                        d.shopId(),
                        (k, g) -> new Group(
                                g.group(),
                                g.status(),
                                g.shipments().stream()
                                        .map(sh -> sh.shipmentId().equals(d.shipmentId())
                                                ? new Shipment(
                                                        sh.shipmentId(),
                                                        sh.carrier(),
                                                        sh.trackingNumber(),
                                                        sh.dispatchedAt(),
                                                        sh.lines(),
                                                        d.deliveredAt())
                                                : sh)
                                        .toList(),
                                g.deliveredAt()));
            case OrderEvent.GroupDelivered d ->
                groups.computeIfPresent(
                        d.shopId(),
                        (k, g) -> new Group(g.group(), GroupStatus.DELIVERED, g.shipments(), d.deliveredAt()));
            case OrderEvent.GroupCancelled c -> {
                groups.computeIfPresent(c.shopId(), (k, g) -> g.with(GroupStatus.CANCELLED));
                if (groups.values().stream().allMatch(g -> g.status() == GroupStatus.CANCELLED)) {
                    cancelled = true;
                }
            }
            case OrderEvent.OrderCancelled c -> {
                cancelled = true;
                groups.replaceAll((k, g) -> g.with(GroupStatus.CANCELLED));
            }
            case OrderEvent.ReturnRequested r ->
                returns.put(
                        r.returnId(),
                        new Return(
                                r.returnId(),
                                r.shopId(),
                                r.lines(),
                                "REQUESTED",
                                r.reason(),
                                r.reasonCode() == null ? ReturnReason.OTHER : ReturnReason.valueOf(r.reasonCode()),
                                r.comment(),
                                null));
            case OrderEvent.ReturnEscalated r -> returns.computeIfPresent(r.returnId(), (k, x) -> x.with("ESCALATED"));
            case OrderEvent.ReturnAuthorized r ->
                returns.computeIfPresent(
                        r.returnId(),
                        (k, x) -> new Return(
                                x.returnId(),
                                x.shopId(),
                                x.lines(),
                                "AWAITING_ITEMS",
                                x.reason(),
                                x.reasonCode(),
                                x.comment(),
                                r.instructions()));
            case OrderEvent.ReturnApproved r -> returns.computeIfPresent(r.returnId(), (k, x) -> x.with("APPROVED"));
            case OrderEvent.ReturnRejected r -> returns.computeIfPresent(r.returnId(), (k, x) -> x.with("REJECTED"));
            case OrderEvent.RefundIssued r -> {
                refundsIssued.put(r.refundId(), r.amount());
                refunded = refunded.plus(r.amount());
                refundedByShop.merge(r.shopId(), r.amount(), Money::plus);
            }
            case OrderEvent.OrderCompleted c -> completed = true;
        }
    }

    /**
     * How long after delivery the shop's group may be returned: the shop's window when the order was placed (zero: no
     * returns), or {@code defaultWindow} for an order placed before shops had their own (OrderPlaced without them).
     */
    public Duration returnWindow(UUID shopId, Duration defaultWindow) {
        Integer days = returnWindowDays.get(shopId);
        return days == null ? defaultWindow : Duration.ofDays(days);
    }

    /**
     * The last instant the shop's group may be asked to return ({@link #returnWindow} after its delivery); null before
     * it is delivered, or when the shop accepted no returns.
     */
    public Instant returnableUntil(UUID shopId, Duration defaultWindow) {
        Group g = groups.get(shopId);
        Duration window = returnWindow(shopId, defaultWindow);
        return g == null || g.deliveredAt() == null || window.isZero()
                ? null
                : g.deliveredAt().plus(window);
    }

    /** Closed for good: every return window has passed (OrderCompleted). */
    public boolean completed() {
        return completed;
    }

    public OrderStatus status() {
        if (refunded != null && refunded.isPositive()) {
            return refunded.compareTo(total) >= 0 ? OrderStatus.REFUNDED : OrderStatus.PARTIALLY_REFUNDED;
        }
        if (cancelled) {
            return OrderStatus.CANCELLED;
        }
        if (returns.values().stream().anyMatch(Return::open)) {
            return OrderStatus.RETURN_REQUESTED;
        }
        if (completed) {
            return OrderStatus.COMPLETED;
        }
        if (!paid) {
            return OrderStatus.PLACED;
        }
        List<Group> active = groups.values().stream()
                .filter(g -> g.status() != GroupStatus.CANCELLED)
                .toList();
        long shipped = active.stream()
                .filter(g -> g.status() == GroupStatus.SHIPPED || g.status() == GroupStatus.DELIVERED)
                .count();
        if (active.stream().anyMatch(g -> g.status() == GroupStatus.PARTIALLY_SHIPPED)) {
            return OrderStatus.PARTIALLY_SHIPPED;
        }
        long delivered =
                active.stream().filter(g -> g.status() == GroupStatus.DELIVERED).count();
        if (shipped == 0) {
            return OrderStatus.PAID;
        }
        if (shipped < active.size()) {
            return OrderStatus.PARTIALLY_SHIPPED;
        }
        return delivered == active.size() ? OrderStatus.DELIVERED : OrderStatus.SHIPPED;
    }

    public UUID orderId() {
        return orderId;
    }

    public String buyer() {
        return buyer;
    }

    public UUID paymentId() {
        return paymentId;
    }

    /** Where the buyer asked to ship to: an id in checkout's address book (the address itself is never here). */
    public UUID shippingAddressId() {
        return shippingAddressId;
    }

    /**
     * One seller's part of this order and nothing of the others': what a seller may see. Absent shop: 404, as for an
     * order that does not exist (another tenant's resource is not found, not forbidden).
     */
    public SellerPart partOf(UUID shopId) {
        Group g = group(shopId);
        OrderGroup og = g.group();
        Map<UUID, Integer> unshipped = g.unshipped();
        List<SellerPart.Line> lines = og.lines().stream()
                .map(l -> new SellerPart.Line(
                        l,
                        l.quantity() - unshipped.getOrDefault(l.variantId(), 0),
                        returnedQuantity(og, l.variantId())))
                .toList();
        List<SellerPart.Shipment> shipments = g.shipments().stream()
                .map(sh -> new SellerPart.Shipment(
                        sh.shipmentId(),
                        sh.carrier(),
                        sh.trackingNumber(),
                        TrackingLinks.urlFor(sh.carrier(), sh.trackingNumber()).orElse(null),
                        sh.dispatchedAt(),
                        sh.lines(),
                        sh.deliveredAt()))
                .toList();
        List<Return> own =
                returns.values().stream().filter(r -> r.shopId().equals(shopId)).toList();
        return new SellerPart(
                orderId,
                shopId,
                g.status(),
                placedAt,
                lines,
                og.subtotal(),
                og.shipping(),
                og.tax(),
                og.total(),
                og.commission(),
                refundedByShop.getOrDefault(shopId, Money.zero(og.total().currency())),
                shipments,
                g.deliveredAt(),
                own);
    }

    public Money total() {
        return total;
    }

    public Money refunded() {
        return refunded;
    }

    public Instant placedAt() {
        return placedAt;
    }

    public long version() {
        return version;
    }

    public List<Group> groups() {
        return List.copyOf(groups.values());
    }

    public List<Return> returns() {
        return List.copyOf(returns.values());
    }

    public boolean hasShop(UUID shopId) {
        return groups.containsKey(shopId);
    }

    // ---- rules

    private OrderEvent.OrderCancelled cancelAll(String reason, boolean charged, boolean restockHere) {
        List<GroupRefund> refunds = new ArrayList<>();
        List<StockLine> restock = new ArrayList<>();
        for (Group g : groups.values()) {
            if (g.status() == GroupStatus.CANCELLED) {
                continue;
            }
            if (charged) {
                refunds.add(fullRefund(g.group()));
            }
            if (charged && restockHere) {
                restock.addAll(restock(g.group().lines()));
            }
        }
        return new OrderEvent.OrderCancelled(orderId, reason, refunds, restock);
    }

    /** A whole group back: its goods, shipping and tax; its commission reversed. Ids are stable per order + shop. */
    private GroupRefund fullRefund(OrderGroup g) {
        UUID id = UUID.nameUUIDFromBytes(
                ("cancel:" + orderId + ":" + g.shopId()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return GroupRefund.of(id, g.shopId(), g.subtotal(), g.shipping(), g.tax(), g.commission());
    }

    /**
     * Returned items and their share of the group's shipping and tax, in proportion to the goods returned so far
     * (cumulative rounding down, so the shares of several returns never add up to more than the group's shipping and
     * tax, and returning everything refunds them exactly); commission reversed per line in proportion to quantity.
     */
    GroupRefund returnRefund(UUID refundId, OrderGroup g, List<StockLine> lines) {
        long goodsBefore = returnedGoods(g);
        long goods = 0;
        long commission = 0;
        for (StockLine l : lines) {
            OrderLine ol = line(g, l.variantId());
            goods += ol.unitPrice().amount() * l.quantity();
            long alreadyCommission =
                    proportional(ol.commission().amount(), returnedQuantity(g, l.variantId()), ol.quantity());
            commission += proportional(
                            ol.commission().amount(), returnedQuantity(g, l.variantId()) + l.quantity(), ol.quantity())
                    - alreadyCommission;
        }
        long subtotal = g.subtotal().amount();
        long shipping = proportional(g.shipping().amount(), goodsBefore + goods, subtotal)
                - proportional(g.shipping().amount(), goodsBefore, subtotal);
        long tax = proportional(g.tax().amount(), goodsBefore + goods, subtotal)
                - proportional(g.tax().amount(), goodsBefore, subtotal);
        var c = g.subtotal().currency();
        return GroupRefund.of(
                refundId,
                g.shopId(),
                Money.of(goods, c.getCurrencyCode()),
                Money.of(shipping, c.getCurrencyCode()),
                Money.of(tax, c.getCurrencyCode()),
                Money.of(commission, c.getCurrencyCode()));
    }

    /** ⌊amount × part / whole⌋, exact when part = whole. */
    static long proportional(long amount, long part, long whole) {
        if (whole == 0 || part >= whole) {
            return part >= whole ? amount : 0;
        }
        return java.math.BigInteger.valueOf(amount)
                .multiply(java.math.BigInteger.valueOf(part))
                .divide(java.math.BigInteger.valueOf(whole))
                .longValueExact();
    }

    private long returnedGoods(OrderGroup g) {
        long sum = 0;
        for (Return r : returns.values()) {
            if (r.shopId().equals(g.shopId()) && r.status().equals("APPROVED")) {
                for (StockLine l : r.lines()) {
                    sum += line(g, l.variantId()).unitPrice().amount() * l.quantity();
                }
            }
        }
        return sum;
    }

    private int returnedQuantity(OrderGroup g, UUID variant) {
        return returns.values().stream()
                .filter(r -> r.shopId().equals(g.shopId()) && r.status().equals("APPROVED"))
                .flatMap(r -> r.lines().stream())
                .filter(l -> l.variantId().equals(variant))
                .mapToInt(StockLine::quantity)
                .sum();
    }

    /** Quantities still returnable: bought − approved or pending returns. */
    private Map<UUID, Integer> returnable(OrderGroup g) {
        Map<UUID, Integer> left = new LinkedHashMap<>();
        g.lines().forEach(l -> left.merge(l.variantId(), l.quantity(), Integer::sum));
        returns.values().stream()
                .filter(r -> r.shopId().equals(g.shopId()) && !r.status().equals("REJECTED"))
                .flatMap(r -> r.lines().stream())
                .forEach(l -> left.merge(l.variantId(), -l.quantity(), Integer::sum));
        return left;
    }

    private static OrderLine line(OrderGroup g, UUID variant) {
        return g.lines().stream()
                .filter(l -> l.variantId().equals(variant))
                .findFirst()
                .orElseThrow();
    }

    private static List<StockLine> restock(List<OrderLine> lines) {
        return lines.stream()
                .map(l -> new StockLine(l.variantId(), l.quantity()))
                .toList();
    }

    private Return pendingReturn(UUID returnId) {
        requireExists();
        Return r = returns.get(returnId);
        if (r == null) {
            throw new dev.bazaar.kit.problem.ProblemException.NotFound("No return " + returnId + ".");
        }
        if (!r.open()) {
            throw new IllegalOrderTransition(
                    "This return was already " + r.status().toLowerCase(Locale.ROOT) + ".");
        }
        return r;
    }

    private boolean anyShipped() {
        return groups.values().stream().anyMatch(g -> !g.shipments().isEmpty());
    }

    private Group group(UUID shopId) {
        requireExists();
        Group g = groups.get(shopId);
        if (g == null) {
            throw new dev.bazaar.kit.problem.ProblemException.NotFound("This order has no group of that shop.");
        }
        return g;
    }

    private void requireExists() {
        if (!exists()) {
            throw new dev.bazaar.kit.problem.ProblemException.NotFound("No such order.");
        }
    }

    /** 400: a parcel that names items the group does not have, or more than is left to ship. */
    public static final class InvalidShipment extends dev.bazaar.kit.problem.ProblemException.Invalid {
        public InvalidShipment(String message) {
            super("lines", message);
        }
    }

    /** 400: a return that names items or quantities the order does not have. */
    public static final class InvalidReturn extends dev.bazaar.kit.problem.ProblemException.Invalid {
        public InvalidReturn(String field, String message) {
            super(field, message);
        }
    }

    @Override
    public String toString() {
        return "Order[" + orderId + " v" + version + " " + (exists() ? status() : "-") + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Order other && Objects.equals(orderId, other.orderId) && version == other.version;
    }

    @Override
    public int hashCode() {
        return Objects.hash(orderId, version);
    }
}
