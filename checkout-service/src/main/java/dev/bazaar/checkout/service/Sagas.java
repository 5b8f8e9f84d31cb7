package dev.bazaar.checkout.service;

import dev.bazaar.checkout.config.CheckoutConfig;
import dev.bazaar.checkout.domain.CheckoutStatus;
import dev.bazaar.checkout.domain.saga.CheckoutSaga;
import dev.bazaar.checkout.domain.saga.CheckoutSaga.Action;
import dev.bazaar.checkout.domain.saga.CheckoutSaga.Decision;
import dev.bazaar.checkout.persistence.SagaRecord;
import dev.bazaar.checkout.persistence.SagaStore;
import dev.bazaar.contracts.messaging.CheckoutEvent;
import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.InventoryCommand;
import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.Lines.OrderLine;
import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.contracts.messaging.Message;
import dev.bazaar.contracts.messaging.OrderCommand;
import dev.bazaar.contracts.messaging.PaymentCommand;
import dev.bazaar.contracts.messaging.PaymentReply;
import dev.bazaar.kit.outbox.Outbox;
import dev.bazaar.kit.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Runs the checkout saga: reads a saga, lets {@link CheckoutSaga} decide, and writes the decision — new state, step
 * log, and the commands and events it sends (outbox) — in one transaction that compare-and-sets on (id, version). A
 * writer that lost the race reads again and decides again, so any replica may handle any reply or timeout, and a
 * restarted replica simply carries on from the database. Commands carry the saga id (= checkout id) as their key and
 * correlation id; their receivers are idempotent per saga and step.
 */
@ApplicationScoped
public class Sagas {

    private static final Logger LOG = Logger.getLogger(Sagas.class);
    private static final int MAX_RACES = 20;

    private final SagaStore store;
    private final CheckoutConfig config;
    private final MeterRegistry metrics;
    private final Admission admission;

    public Sagas(SagaStore store, CheckoutConfig config, MeterRegistry metrics, Admission admission) {
        this.store = store;
        this.config = config;
        this.admission = admission;
        this.metrics = metrics;
    }

    /**
     * The buyer confirms their quote: the first confirm starts the saga (allocating the order, payment and reservation
     * ids); any later one, whatever its key or payment method, finds the saga already running and changes nothing.
     */
    public Uni<SagaRecord> confirm(UUID id, String buyer, String paymentMethod) {
        return store.loadOwn(id, buyer).flatMap(found -> {
            SagaRecord s = found.orElseThrow(() -> new ProblemException.NotFound("No checkout " + id + "."));
            if (s.status() != CheckoutStatus.QUOTED) {
                return Uni.createFrom().item(s);
            }
            if (s.createdAt().plus(config.quoteTtl()).isBefore(Instant.now())) {
                throw new ProblemException.Conflict(
                        "quote-expired",
                        "This quote is older than "
                                + config.quoteTtl().toMinutes()
                                + " minutes: prices and stock may have changed. Start a new "
                                + "checkout.");
            }
            var allocation =
                    new SagaStore.Allocation(paymentMethod, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
            return admit().chain(() -> write(
                            s, new CheckoutSaga.Confirm(), allocation, "Confirm", null, tx -> perBuyer(tx, buyer)))
                    .onFailure(SagaStore.StaleVersion.class)
                    .recoverWithUni(e -> store.loadOwn(id, buyer).map(Optional::orElseThrow));
        });
    }

    /**
     * The cheap refusal: a confirm that would start a saga while the platform is full is refused on one read, before
     * anything is written (its Idempotency-Key is not even claimed). Under overload most confirms are refusals, so
     * what a refusal costs is what decides the goodput. {@link #confirm} checks again ({@link #admit()}); anything
     * other than a live quote of this buyer (a replay, another buyer's checkout, an expired quote) goes on to the
     * confirm, which answers it.
     */
    public Uni<Void> refuseIfBusy(UUID id, String buyer) {
        return store.admissionState(id, buyer)
                .invoke(found -> found.ifPresent(a -> {
                    if (a.status() == CheckoutStatus.QUOTED
                            && a.running() >= admission.limit()
                            && !a.createdAt().plus(config.quoteTtl()).isBefore(Instant.now())) {
                        throw busy();
                    }
                }))
                .replaceWithVoid();
    }

    /**
     * Admission control ({@link Admission#limit()}, at most {@link CheckoutConfig#maxRunning()}): fails with 503 while
     * too many sagas run (those waiting on their buyer's card authentication left out, {@link SagaStore#running()}).
     */
    private Uni<Void> admit() {
        return store.running()
                .invoke(running -> {
                    if (running >= admission.limit()) {
                        throw busy();
                    }
                    admission.admitted(running);
                })
                .replaceWithVoid();
    }

    private ProblemException busy() {
        metrics.counter("checkout.confirm.refused.busy").increment();
        return new ProblemException.Unavailable(
                "checkout-busy",
                admission.refused(),
                "Too many checkouts are being processed right now; nothing was charged or reserved. Confirm again "
                        + "(same Idempotency-Key) after the Retry-After delay.");
    }

    /** The buyer's own cap on running sagas ({@link CheckoutConfig.Limits#runningPerBuyer()}), in the confirm's tx. */
    private Uni<Void> perBuyer(SqlClient tx, String buyer) {
        CheckoutConfig.Limits limits = config.limits();
        if (!limits.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return store.runningForBuyerLocked(tx, buyer)
                .invoke(running -> {
                    if (running >= limits.runningPerBuyer()) {
                        metrics.counter("checkout.confirm.refused.buyer").increment();
                        throw new ProblemException.TooManyRequests(
                                config.busyRetryAfter(),
                                "You already have " + running
                                        + " checkouts in progress (at most " + limits.runningPerBuyer()
                                        + " at once); nothing was "
                                        + "charged or reserved. Confirm again (same Idempotency-Key) when one has finished.");
                    }
                })
                .replaceWithVoid();
    }

    /** A reply or a timeout for saga {@code id}; empty when no such saga exists here. */
    public Uni<Optional<SagaRecord>> handle(UUID id, CheckoutSaga.Input input, String cause, UUID causeMessageId) {
        return store.load(id)
                .flatMap(found -> found.isEmpty()
                        ? Uni.createFrom().item(Optional.<SagaRecord>empty())
                        : write(found.get(), input, null, cause, causeMessageId).map(Optional::of))
                .onFailure(SagaStore.StaleVersion.class)
                .retry()
                .atMost(MAX_RACES);
    }

    /** Compensates every running saga whose step is past its deadline; answers how many it moved. */
    public Uni<Integer> sweepTimeouts() {
        return store.overdue(100)
                .flatMap(ids -> Multi.createFrom()
                        .iterable(ids)
                        .onItem()
                        .transformToUniAndConcatenate(id -> store.load(id)
                                .flatMap(s -> s.isEmpty() || s.get().status().isTerminal()
                                        ? Uni.createFrom().item(0)
                                        : handle(
                                                        id,
                                                        new CheckoutSaga.Timeout(
                                                                s.get().status()),
                                                        "Timeout",
                                                        null)
                                                .map(x -> 1)))
                        .collect()
                        .with(Collectors.summingInt(Integer::intValue)));
    }

    private Uni<SagaRecord> write(
            SagaRecord s,
            CheckoutSaga.Input input,
            SagaStore.Allocation allocation,
            String cause,
            UUID causeMessageId) {
        return write(
                s,
                input,
                allocation,
                cause,
                causeMessageId,
                tx -> Uni.createFrom().voidItem());
    }

    /** {@code guard} runs first in the transaction and may refuse the write (the transaction then rolls back). */
    private Uni<SagaRecord> write(
            SagaRecord s,
            CheckoutSaga.Input input,
            SagaStore.Allocation allocation,
            String cause,
            UUID causeMessageId,
            java.util.function.Function<SqlClient, Uni<Void>> guard) {
        Decision d = CheckoutSaga.decide(s.state(), input);
        if (d.isNoop()) {
            return Uni.createFrom().item(s);
        }
        SagaRecord withIds = allocation == null
                ? s
                : new SagaRecord(
                        s.id(),
                        s.buyerSubject(),
                        s.state(),
                        s.version(),
                        allocation.orderId(),
                        allocation.paymentId(),
                        allocation.reservationId(),
                        allocation.paymentMethod(),
                        s.quote(),
                        s.shippingAddressId(),
                        s.shippingCountry(),
                        s.createdAt(),
                        Instant.now(),
                        null,
                        null);
        Instant now = Instant.now();
        Duration timeout = d.changed() && !d.next().status().isTerminal()
                ? stepTimeout(d.next().status(), input, now)
                : null;
        return store.pool()
                .withTransaction(tx -> guard.apply(tx)
                        .flatMap(g -> store.transition(tx, s, d, timeout, allocation, cause, causeMessageId))
                        .flatMap(version -> send(tx, withIds, d, version, causeMessageId, now)))
                .invoke(() -> record(s, input, d, now))
                .flatMap(x -> store.load(s.id()).map(Optional::orElseThrow));
    }

    /**
     * The new step's timeout. A payment held for review is waited for until a little after its decideBy (payment's
     * sweep blocks it then, and its answer needs a moment), never longer than {@code timeouts.review} (ADR 0026).
     */
    Duration stepTimeout(CheckoutStatus step, CheckoutSaga.Input input, Instant now) {
        Duration configured = config.timeouts().of(step);
        if (step == CheckoutStatus.AWAITING_REVIEW
                && input instanceof CheckoutSaga.Reply r
                && r.message() instanceof PaymentReply.PaymentUnderReview u
                && u.decideBy() != null) {
            Duration untilDecided =
                    Duration.between(now, u.decideBy()).plus(config.timeouts().reviewGrace());
            return untilDecided.isNegative()
                    ? config.timeouts().reviewGrace()
                    : untilDecided.compareTo(configured) < 0 ? untilDecided : configured;
        }
        return configured;
    }

    private Uni<Void> send(SqlClient tx, SagaRecord s, Decision d, long version, UUID causeMessageId, Instant now) {
        // in order: the relay publishes a key's rows in id order, so commands leave in the order the saga decided
        return Multi.createFrom()
                .iterable(d.actions())
                .onItem()
                .transformToUniAndConcatenate(a ->
                        Outbox.append(tx, Envelope.of(message(s, d, a, now), version, now, s.id(), causeMessageId)))
                .collect()
                .asList()
                .replaceWithVoid();
    }

    /** The contracts message of one action, built from the saga's frozen quote and allocated ids. */
    Message message(SagaRecord s, Decision d, Action a, Instant now) {
        UUID saga = s.id();
        String why = d.next().failure() == null
                ? "late reply after the checkout failed"
                : "checkout failed: " + d.next().failure().reason().name().toLowerCase(Locale.ROOT);
        return switch (a) {
            case RESERVE_STOCK ->
                new InventoryCommand.ReserveStock(saga, s.reservationId(), lines(s), now.plus(config.reservationTtl()));
            case AUTHORIZE_PAYMENT ->
                new PaymentCommand.AuthorizePayment(
                        saga,
                        s.paymentId(),
                        s.orderId(),
                        s.buyerSubject(),
                        s.quote().total(),
                        s.paymentMethod(),
                        s.shippingCountry(),
                        s.quote().groups().stream().map(OrderGroup::split).toList());
            // the display estimate as the quote showed it (the buyer's confirmation email repeats it)
            case PLACE_ORDER ->
                new OrderCommand.PlaceOrder(
                        saga,
                        s.orderId(),
                        s.id(),
                        s.buyerSubject(),
                        s.shippingAddressId(),
                        s.paymentId(),
                        s.quote().groups(),
                        s.quote().total(),
                        s.quote().displayTotal() == null
                                ? null
                                : s.quote().displayTotal().amount());
            case COMMIT_RESERVATION -> new InventoryCommand.CommitReservation(saga, s.reservationId());
            case CAPTURE_PAYMENT ->
                new PaymentCommand.CapturePayment(
                        saga, s.paymentId(), s.orderId(), s.quote().total());
            case CANCEL_ORDER -> new OrderCommand.CancelOrder(saga, s.orderId(), why);
            case VOID_PAYMENT -> new PaymentCommand.VoidPayment(saga, s.paymentId(), s.orderId(), why);
            case RELEASE_RESERVATION -> new InventoryCommand.ReleaseReservation(saga, s.reservationId(), why);
            case PUBLISH_COMPLETED ->
                new CheckoutEvent.CheckoutCompleted(s.id(), s.orderId(), s.buyerSubject(), lines(s));
            case PUBLISH_FAILED ->
                new CheckoutEvent.CheckoutFailed(
                        s.id(), s.buyerSubject(), d.next().failure().reason().name());
        };
    }

    /** The quoted quantities, one line per variant. */
    static List<StockLine> lines(SagaRecord s) {
        Map<UUID, Integer> byVariant = new LinkedHashMap<>();
        for (OrderGroup g : s.quote().groups()) {
            for (OrderLine l : g.lines()) {
                byVariant.merge(l.variantId(), l.quantity(), Integer::sum);
            }
        }
        List<StockLine> lines = new ArrayList<>();
        byVariant.forEach((v, q) -> lines.add(new StockLine(v, q)));
        return lines;
    }

    /** Per step: how long it took and how it ended; failures by reason; compensations sent (late ones apart). */
    private void record(SagaRecord before, CheckoutSaga.Input input, Decision d, Instant now) {
        CheckoutStatus from = before.status();
        if (d.changed() && before.stepStartedAt() != null && from != CheckoutStatus.QUOTED) {
            Duration took = Duration.between(before.stepStartedAt(), now);
            if (input instanceof CheckoutSaga.Timeout) {
                if (!from.waitsOnBuyer() && from != CheckoutStatus.AWAITING_REVIEW) {
                    admission.stepTimedOut();
                }
            } else {
                admission.stepTook(from, took);
            }
            Timer.builder("checkout.saga.step")
                    .description("time a saga step took, by its outcome")
                    .tag("step", from.name())
                    .tag("outcome", d.next().status().name())
                    .publishPercentileHistogram()
                    .register(metrics)
                    .record(took);
        }
        if (d.changed() && d.next().status().isTerminal() && before.confirmedAt() != null) {
            Timer.builder("checkout.saga.duration")
                    .description("confirm to COMPLETED or FAILED")
                    .tag("outcome", d.next().status().name())
                    .publishPercentileHistogram()
                    .register(metrics)
                    .record(Duration.between(before.confirmedAt(), now));
        }
        if (d.changed() && d.next().failure() != null) {
            metrics.counter(
                            "checkout.saga.failures",
                            "step",
                            from.name(),
                            "reason",
                            d.next().failure().reason().name())
                    .increment();
            LOG.infof(
                    "checkout %s failed at %s: %s (%s)",
                    before.id(),
                    from,
                    d.next().failure().reason(),
                    d.next().failure().detail());
        }
        for (Action a : d.actions()) {
            if (a.isCompensation()) {
                metrics.counter("checkout.saga.compensations", "action", a.name(), "late", String.valueOf(d.late()))
                        .increment();
            }
        }
        if (d.late()) {
            LOG.warnf("checkout %s: a success arrived after it failed; compensating with %s", before.id(), d.actions());
        }
    }
}
