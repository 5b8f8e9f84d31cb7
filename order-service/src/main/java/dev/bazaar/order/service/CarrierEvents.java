package dev.bazaar.order.service;

import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.order.config.OrderConfig;
import dev.bazaar.order.domain.TrackingKey;
import dev.bazaar.order.persistence.OrderIndex;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Carriers' tracking events, once their signature is verified: a DELIVERED event for a known parcel is the order
 * aggregate's to decide ({@link dev.bazaar.order.domain.Order#carrierDelivered}: the parcel, and with the group's last
 * parcel the group, delivered — exactly once, however often the carrier repeats itself). Every other status, and a
 * tracking number no parcel has (another marketplace's parcel, one shipped with another carrier's name, a parcel sent
 * before parcels had ids), is acknowledged and ignored: carriers retry what is not acknowledged, and retrying would not
 * change the answer. Those are logged at DEBUG only (a carrier account may track far more than our parcels).
 */
@ApplicationScoped
public class CarrierEvents {

    private static final Logger LOG = Logger.getLogger(CarrierEvents.class);

    /** The one status acted on; the others (IN_TRANSIT, OUT_FOR_DELIVERY, EXCEPTION, …) are acknowledged only. */
    public static final String DELIVERED = "DELIVERED";

    /** A verified tracking event: the carrier's event id, the parcel's key, its status, and when it happened. */
    public record TrackingEvent(String id, TrackingKey parcel, String status, Instant occurredAt) {}

    /** What became of an event. */
    public enum Result {
        /** The parcel is recorded delivered; its group waits for its other parcels (or its last items to ship). */
        PARCEL_DELIVERED,
        /** The parcel was the group's last one not delivered: the group is delivered. */
        GROUP_DELIVERED,
        /** The parcel, or its whole group, was already delivered: nothing appended (a repeated event). */
        UNCHANGED,
        /** A status other than DELIVERED: acknowledged, nothing recorded. */
        STATUS_IGNORED,
        /** No parcel of ours has this carrier and tracking number: acknowledged, nothing recorded. */
        UNKNOWN_TRACKING_NUMBER;

        /** Whether the event was about one of our parcels and was applied (or had been). */
        public boolean applied() {
            return this == PARCEL_DELIVERED || this == GROUP_DELIVERED || this == UNCHANGED;
        }
    }

    /** The answer to the carrier: its event id and what became of it. */
    public record Outcome(String eventId, Result result) {}

    private final Orders orders;
    private final OrderIndex index;
    private final Clock clock;
    private final Map<String, String> secrets;

    public CarrierEvents(Orders orders, OrderIndex index, Clock clock, OrderConfig config) {
        this.orders = orders;
        this.index = index;
        this.clock = clock;
        this.secrets = config.carriers().entrySet().stream()
                .filter(e -> e.getValue().secret().filter(s -> !s.isBlank()).isPresent())
                .collect(Collectors.toUnmodifiableMap(
                        e -> e.getKey().toLowerCase(Locale.ROOT),
                        e -> e.getValue().secret().orElseThrow(),
                        (a, b) -> a));
    }

    /** The secret of carrier {@code name} (any case); empty when it is not configured here. */
    public Optional<String> secret(String name) {
        return Optional.ofNullable(secrets.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * Applies a verified event. A delivery is dated when the carrier says it happened, or now if that is in the future
     * (a carrier's clock ahead of ours must not push the return window out).
     */
    public Uni<Outcome> apply(TrackingEvent event) {
        if (!DELIVERED.equals(event.status())) {
            LOG.debugf(
                    "carrier %s event %s: status %s acknowledged, not acted on",
                    event.parcel().carrier(), event.id(), event.status());
            return Uni.createFrom().item(new Outcome(event.id(), Result.STATUS_IGNORED));
        }
        Instant now = clock.instant();
        Instant at = event.occurredAt().isAfter(now) ? now : event.occurredAt();
        return index.shipment(event.parcel()).flatMap(found -> {
            if (found.isEmpty()) {
                LOG.debugf(
                        "carrier %s event %s: no parcel has tracking number %s; acknowledged",
                        event.parcel().carrier(), event.id(), event.parcel().trackingNumber());
                return Uni.createFrom().item(new Outcome(event.id(), Result.UNKNOWN_TRACKING_NUMBER));
            }
            OrderIndex.ShipmentRef parcel = found.get();
            AtomicReference<List<OrderEvent>> appended = new AtomicReference<>(List.of());
            return orders.execute(
                            parcel.orderId(),
                            null,
                            o -> o.carrierDelivered(parcel.shopId(), parcel.shipmentId(), event.id(), at),
                            (tx, o, next) -> {
                                appended.set(next);
                                return Uni.createFrom().voidItem();
                            })
                    .map(o -> new Outcome(
                            event.id(),
                            appended.get().isEmpty()
                                    ? Result.UNCHANGED
                                    : appended.get().stream().anyMatch(OrderEvent.GroupDelivered.class::isInstance)
                                            ? Result.GROUP_DELIVERED
                                            : Result.PARCEL_DELIVERED));
        });
    }
}
