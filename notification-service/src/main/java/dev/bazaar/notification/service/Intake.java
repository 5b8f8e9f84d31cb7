package dev.bazaar.notification.service;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.messaging.PaymentEvent;
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
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * From events to queued sends, once per event (the kit's idempotent consumer) and once per (event, recipient, type)
 * (the queue's unique key): keeps an OrderPlaced's facts, plans the event's emails (NotificationPlan) and queues them in
 * the same transaction. A shop whose owner is not known yet (its ShopApproved is still on its way on another topic)
 * fails a recent event transiently, so it is handled again, in place, until the owner is known; an event older than
 * {@code owner-wait} is planned without that seller (a shop this service never saw approved must not stop the topic).
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

    public Intake(Pool pool, OrderFactStore facts, ShopDirectory shops, NotificationQueue queue,
            NotificationConfig config) {
        this.pool = pool;
        this.facts = facts;
        this.shops = shops;
        this.queue = queue;
        this.config = config;
    }

    /** Queues what an order event asks for; returns how many sends are new (none for a redelivery). */
    public Uni<Integer> order(Envelope<?> envelope, OrderEvent event) {
        return IdempotentConsumer.process(pool, "notification.order-events", envelope.id(), tx -> keep(tx, envelope,
                event)
                .flatMap(known -> {
                    Set<UUID> owned = NotificationPlan.shopsOf(event, known);
                    List<UUID> named = known.map(f -> f.groups().stream().map(OrderGroup::shopId).toList())
                            .orElse(List.of());
                    return shops.find(tx, owned, named).flatMap(found -> {
                        NotificationPlan.Result plan = plan(known, found).of(event);
                        return queued(tx, envelope, event.orderId(), plan);
                    });
                }))
                .map(n -> n.orElse(0));
    }

    /** Queues what a payment event asks for (sellers' payouts). */
    public Uni<Integer> payment(Envelope<?> envelope, PaymentEvent event) {
        Set<UUID> owned = switch (event) {
            case PaymentEvent.PayoutPaid p -> Set.of(p.shopId());
            case PaymentEvent.PayoutFailed p -> Set.of(p.shopId());
            default -> Set.of();
        };
        if (owned.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return IdempotentConsumer.process(pool, "notification.payment-events", envelope.id(), tx -> shops
                .find(tx, owned).flatMap(found -> queued(tx, envelope, null, plan(Optional.empty(), found)
                        .of(event))))
                .map(n -> n.orElse(0));
    }

    private Uni<Optional<OrderFacts>> keep(SqlConnection tx, Envelope<?> envelope, OrderEvent event) {
        if (event instanceof OrderEvent.OrderPlaced p) {
            OrderFacts placed = new OrderFacts(p.orderId(), p.buyerSubject(), p.groups(), p.total());
            return facts.save(tx, placed, p.placedAt() == null ? envelope.occurredAt() : p.placedAt())
                    .replaceWith(Optional.of(placed));
        }
        return facts.find(tx, event.orderId());
    }

    private static NotificationPlan plan(Optional<OrderFacts> known, Map<UUID, KnownShop> found) {
        return new NotificationPlan(known, id -> Optional.ofNullable(found.get(id)).map(KnownShop::ownerSubject),
                id -> Optional.ofNullable(found.get(id)).map(KnownShop::name));
    }

    private Uni<Integer> queued(SqlConnection tx, Envelope<?> envelope, UUID orderId, NotificationPlan.Result plan) {
        if (!plan.missing().shops().isEmpty()) {
            if (envelope.occurredAt().isAfter(Instant.now().minus(config.ownerWait()))) {
                return Uni.createFrom().failure(new OwnerUnknown(plan.missing().shops()));
            }
            // a shop never approved here (or an event older than this service's replica): no seller to tell
            LOG.warnf("%s %s of order %s: owner of shops %s unknown after %s, their sellers are not notified",
                    envelope.type(), envelope.id(), orderId, plan.missing().shops(), config.ownerWait());
        }
        if (envelope.occurredAt().isBefore(Instant.now().minus(config.maxEventAge()))) {
            // old news (a replay from the start, a first deployment reading history): nothing is sent about it
            return Uni.createFrom().item(0);
        }
        if (plan.missing().facts()) {
            // an order placed before this service kept facts: nothing to tell its buyer from here
            LOG.infof("%s %s of order %s: the order's OrderPlaced was never seen, no notification", envelope.type(),
                    envelope.id(), orderId);
            return Uni.createFrom().item(0);
        }
        return queue.enqueue(tx, envelope.id(), plan.planned());
    }
}
