package dev.bazaar.notification.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.messaging.PaymentEvent;
import dev.bazaar.contracts.messaging.ProductEvent;
import dev.bazaar.contracts.messaging.ShopEvent;
import dev.bazaar.kit.consumer.IdempotentConsumer;
import dev.bazaar.kit.consumer.TransientFailure;
import dev.bazaar.notification.config.NotificationConfig;
import dev.bazaar.notification.domain.NotificationPlan;
import dev.bazaar.notification.domain.OrderFacts;
import dev.bazaar.notification.persistence.NotificationQueue;
import dev.bazaar.notification.persistence.OrderFactStore;
import dev.bazaar.notification.persistence.ShopDirectory;
import dev.bazaar.notification.persistence.ShopDirectory.KnownShop;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * From events to queued sends, once per event (the kit's idempotent consumer) and once per (event, recipient, type)
 * (the queue's unique key): keeps an OrderPlaced's facts, plans the event's emails (NotificationPlan) and queues them in
 * the same transaction. Order, payment, product and shop events are read; the product and shop events that are no news
 * for anyone (stock, prices, return policies) are passed over without a transaction. A shop whose owner is not known
 * yet (its ShopApproved is still on its way on another topic) fails a recent event transiently, so it is handled
 * again, in place, until the owner is known; an event that has waited {@code owner-wait} is planned without that seller
 * (a shop this service never saw approved must not stop the topic). The wait is counted from the event's time or from
 * the first time this replica handled it, whichever is earlier: an event stamped ahead of this service's clock (a
 * producer's clock that runs fast, a test clock moved on) would otherwise hold its partition until the stamp passed.
 */
@ApplicationScoped
public class Intake {

    private static final Logger LOG = Logger.getLogger(Intake.class);

    /** The owner of a shop in the event is not known yet: handled again later (kit Transients). */
    public static class OwnerUnknown extends RuntimeException implements TransientFailure {
        public OwnerUnknown(Set<UUID> shops) {
            super("owner not known yet of shops " + shops);
        }
    }

    private final Pool pool;
    private final OrderFactStore facts;
    private final ShopDirectory shops;
    private final NotificationQueue queue;
    private final NotificationConfig config;
    /** When this replica first had to wait for an event's owners (by envelope id); forgotten once it is planned. */
    private final Cache<UUID, Instant> waitingSince;

    public Intake(
            Pool pool, OrderFactStore facts, ShopDirectory shops, NotificationQueue queue, NotificationConfig config) {
        this.pool = pool;
        this.facts = facts;
        this.shops = shops;
        this.queue = queue;
        this.config = config;
        this.waitingSince = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(config.ownerWait().multipliedBy(4).plusMinutes(1))
                .build();
    }

    /** Queues what an order event asks for; returns how many sends are new (none for a redelivery). */
    public Uni<Integer> order(Envelope<?> envelope, OrderEvent event) {
        return IdempotentConsumer.process(
                        pool,
                        "notification.order-events",
                        envelope.id(),
                        tx -> keep(tx, envelope, event).flatMap(known -> {
                            Set<UUID> owned = NotificationPlan.shopsOf(event, known);
                            List<UUID> named = known.map(f -> f.groups().stream()
                                            .map(OrderGroup::shopId)
                                            .toList())
                                    .orElse(List.of());
                            return shops.find(tx, owned, named).flatMap(found -> {
                                NotificationPlan.Result plan =
                                        plan(known, found).of(event);
                                return queued(tx, envelope, "order " + event.orderId(), plan);
                            });
                        }))
                .map(n -> n.orElse(0));
    }

    /** Queues what a payment event asks for (sellers' payouts, disputes on their orders). */
    public Uni<Integer> payment(Envelope<?> envelope, PaymentEvent event) {
        if (event instanceof PaymentEvent.DisputeOpened d) {
            // the sellers of the disputed order: its groups, from the facts its OrderPlaced left
            return IdempotentConsumer.process(
                            pool,
                            "notification.payment-events",
                            envelope.id(),
                            tx -> facts.find(tx, d.orderId())
                                    .flatMap(known -> shops.find(tx, NotificationPlan.shopsOf(event, known))
                                            .flatMap(found -> queued(
                                                    tx,
                                                    envelope,
                                                    "order " + d.orderId(),
                                                    plan(known, found).of(event)))))
                    .map(n -> n.orElse(0));
        }
        Set<UUID> owned = NotificationPlan.shopsOf(event, Optional.empty());
        if (owned.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return IdempotentConsumer.process(
                        pool,
                        "notification.payment-events",
                        envelope.id(),
                        tx -> shops.find(tx, owned)
                                .flatMap(found -> queued(
                                        tx,
                                        envelope,
                                        "shops " + owned,
                                        plan(Optional.empty(), found).of(event))))
                .map(n -> n.orElse(0));
    }

    /**
     * Queues an admin's decision on a product for its seller (the owner of its shop, from the shop replica); the other
     * product events are no news here and are passed over.
     */
    public Uni<Integer> product(Envelope<?> envelope, ProductEvent event) {
        if (!(event instanceof ProductEvent.ProductModerated m)) {
            return Uni.createFrom().item(0);
        }
        return IdempotentConsumer.process(
                        pool,
                        "notification.product-events",
                        envelope.id(),
                        tx -> shops.find(tx, Set.of(m.shopId()))
                                .flatMap(found -> queued(
                                        tx,
                                        envelope,
                                        "product " + m.productId(),
                                        plan(Optional.empty(), found).of(event))))
                .map(n -> n.orElse(0));
    }

    /**
     * Queues a shop's approval, rejection or suspension for its owner, whom the event names (its name from the replica
     * when the event has none); a changed return policy is passed over.
     */
    public Uni<Integer> shop(Envelope<?> envelope, ShopEvent event) {
        if (event instanceof ShopEvent.ShopPolicyChanged) {
            return Uni.createFrom().item(0);
        }
        return IdempotentConsumer.process(
                        pool,
                        "notification.shop-events",
                        envelope.id(),
                        tx -> shops.find(tx, Set.of(event.shopId()))
                                .flatMap(found -> queued(
                                        tx,
                                        envelope,
                                        "shop " + event.shopId(),
                                        plan(Optional.empty(), found).of(event))))
                .map(n -> n.orElse(0));
    }

    private Uni<Optional<OrderFacts>> keep(SqlConnection tx, Envelope<?> envelope, OrderEvent event) {
        if (event instanceof OrderEvent.OrderPlaced p) {
            OrderFacts placed =
                    new OrderFacts(p.orderId(), p.buyerSubject(), p.groups(), p.total(), p.displayEstimate());
            return facts.save(tx, placed, p.placedAt() == null ? envelope.occurredAt() : p.placedAt())
                    .replaceWith(Optional.of(placed));
        }
        return facts.find(tx, event.orderId());
    }

    private static NotificationPlan plan(Optional<OrderFacts> known, Map<UUID, KnownShop> found) {
        return new NotificationPlan(
                known,
                id -> Optional.ofNullable(found.get(id)).map(KnownShop::ownerSubject),
                id -> Optional.ofNullable(found.get(id)).map(KnownShop::name));
    }

    /**
     * Queues the plan's sends, unless the event is old news; waits (transiently) for owners not known yet.
     *
     * @param about what the event is about, for the log: {@code order <id>}, {@code product <id>}, …
     */
    private Uni<Integer> queued(SqlConnection tx, Envelope<?> envelope, String about, NotificationPlan.Result plan) {
        if (envelope.occurredAt().isBefore(Instant.now().minus(config.maxEventAge()))) {
            // old news (a replay from the start, a first deployment reading history): nothing is sent about it
            return Uni.createFrom().item(0);
        }
        if (!plan.missing().shops().isEmpty()) {
            Instant now = Instant.now();
            Instant firstWait = waitingSince.get(envelope.id(), id -> now);
            Instant since = envelope.occurredAt().isBefore(firstWait) ? envelope.occurredAt() : firstWait;
            if (since.isAfter(now.minus(config.ownerWait()))) {
                return Uni.createFrom().failure(new OwnerUnknown(plan.missing().shops()));
            }
            waitingSince.invalidate(envelope.id());
            // a shop never approved here (or an event older than this service's replica): no seller to tell
            LOG.warnf(
                    "%s %s of %s: owner of shops %s unknown after %s, their sellers are not notified",
                    envelope.type(), envelope.id(), about, plan.missing().shops(), config.ownerWait());
        }
        if (plan.missing().facts()) {
            // an order placed before this service kept facts: nothing to tell its buyer from here
            LOG.infof(
                    "%s %s of %s: the order's OrderPlaced was never seen, no notification",
                    envelope.type(), envelope.id(), about);
            return Uni.createFrom().item(0);
        }
        return queue.enqueue(tx, envelope.id(), plan.planned());
    }
}
