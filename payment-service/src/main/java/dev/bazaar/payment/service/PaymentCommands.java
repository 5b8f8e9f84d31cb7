package dev.bazaar.payment.service;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Message;
import dev.bazaar.contracts.messaging.PaymentCommand;
import dev.bazaar.contracts.messaging.PaymentReply;
import dev.bazaar.contracts.messaging.PaymentReply.DeclineReason;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.kit.outbox.Outbox;
import dev.bazaar.payment.config.PaymentConfig;
import dev.bazaar.payment.domain.FraudRules;
import dev.bazaar.payment.domain.FraudViews.BlockKind;
import dev.bazaar.payment.domain.Payment;
import dev.bazaar.payment.persistence.FraudStore;
import dev.bazaar.payment.persistence.PaymentStore;
import dev.bazaar.payment.provider.PaymentProvider;
import dev.bazaar.payment.provider.PaymentProvider.ChargeState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Checkout's payment commands. Each is idempotent by saga: the payment row (unique per saga) remembers what was
 * decided, so a redelivered command gets the same reply again and no second provider effect; provider calls carry
 * idempotency keys derived from the payment id. Provider calls happen outside database transactions; every state
 * change and the reply (and events) it emits are written in one transaction through the outbox.
 */
@ApplicationScoped
public class PaymentCommands {

    private static final Logger LOG = Logger.getLogger(PaymentCommands.class);

    private final Pool pool;
    private final PaymentStore store;
    private final PaymentProvider provider;
    private final PaymentConfig config;
    private final Refunds refunds;
    private final CaptureBook book;
    private final PaymentReconciler reconciler;
    private final FraudStore fraud;
    private final Clock clock;

    public PaymentCommands(
            Pool pool,
            PaymentStore store,
            PaymentProvider provider,
            PaymentConfig config,
            Refunds refunds,
            CaptureBook book,
            PaymentReconciler reconciler,
            FraudStore fraud,
            Clock clock) {
        this.fraud = fraud;
        this.clock = clock;
        this.pool = pool;
        this.store = store;
        this.provider = provider;
        this.config = config;
        this.refunds = refunds;
        this.book = book;
        this.reconciler = reconciler;
    }

    /**
     * What the first, transactional look at an AuthorizePayment decided: answered already ({@code done}), or the
     * provider to be asked with these {@code facts}, or a payment waiting for the buyer whose answer needs the
     * provider ({@code awaiting}).
     */
    private record Precheck(boolean done, FraudRules.Facts facts, FraudRules.Thresholds thresholds, Payment awaiting) {
        Precheck(boolean done, FraudRules.Facts facts, FraudRules.Thresholds thresholds) {
            this(done, facts, thresholds, null);
        }
    }

    /** The configured thresholds and blocklists joined with the admins' blocklist entries. */
    private Uni<FraudRules.Thresholds> thresholds(SqlClient tx) {
        return fraud.blocked(tx)
                .map(b -> config.fraud()
                        .thresholds()
                        .withBlocked(
                                b.get(BlockKind.BUYER), b.get(BlockKind.PAYMENT_METHOD), b.get(BlockKind.COUNTRY)));
    }

    public Uni<Void> authorize(Envelope<?> cause, PaymentCommand.AuthorizePayment cmd) {
        if (!"USD".equals(cmd.amount().currency().getCurrencyCode())
                || cmd.amount().amount() <= 0) {
            return pool.withTransaction(tx -> reply(
                            tx,
                            cause,
                            new PaymentReply.PaymentDeclined(
                                    cmd.sagaId(),
                                    cmd.paymentId(),
                                    cmd.orderId(),
                                    DeclineReason.DECLINED,
                                    "Payments are charged in USD and must be positive.")))
                    .replaceWithVoid();
        }
        return pool.withTransaction(tx -> store.lockSaga(tx, cmd.sagaId())
                        .flatMap(x -> store.bySaga(tx, cmd.sagaId()))
                        .flatMap(existing -> {
                            if (existing.isPresent()) {
                                return replayAuthorize(tx, cause, existing.get())
                                        .map(awaiting -> new Precheck(true, null, null, awaiting.orElse(null)));
                            }
                            return store.tombstoned(tx, cmd.sagaId())
                                    .flatMap(voided -> voided
                                            ? reply(
                                                            tx,
                                                            cause,
                                                            new PaymentReply.PaymentDeclined(
                                                                    cmd.sagaId(),
                                                                    cmd.paymentId(),
                                                                    cmd.orderId(),
                                                                    DeclineReason.VOIDED,
                                                                    "This checkout was already cancelled."))
                                                    .replaceWith(new Precheck(true, null, null))
                                            : screen(tx, cause, cmd));
                        }))
                .flatMap(pre -> pre.awaiting() != null
                        ? replayAwaiting(cause, pre.awaiting(), null)
                        : pre.done()
                                ? Uni.createFrom().voidItem()
                                : authorizeWithProvider(cause, cmd, pre.facts(), pre.thresholds()));
    }

    /**
     * The fraud rules before the provider is asked; a block is final here. A review is decided only once the card's
     * country is known too ({@link #accepted}).
     */
    private Uni<Precheck> screen(SqlClient tx, Envelope<?> cause, PaymentCommand.AuthorizePayment cmd) {
        return store.recentAttempts(
                        tx,
                        cmd.buyerSubject(),
                        cmd.paymentMethod(),
                        config.fraud().window())
                .flatMap(recent -> store.accountAgeHours(tx, cmd.buyerSubject())
                        .map(age -> new FraudRules.Facts(
                                cmd.buyerSubject(),
                                cmd.paymentMethod(),
                                cmd.amount().amount(),
                                recent[0],
                                recent[1],
                                age,
                                cmd.shippingCountry(),
                                null)))
                .flatMap(facts -> thresholds(tx).map(t -> new Precheck(false, facts, t)))
                .flatMap(pre -> {
                    FraudRules.Decision d = FraudRules.evaluate(pre.facts(), pre.thresholds());
                    if (!d.blocked()) {
                        return Uni.createFrom().item(pre);
                    }
                    return store.insert(
                                    tx,
                                    cmd.paymentId(),
                                    cmd.sagaId(),
                                    cmd.orderId(),
                                    cmd.buyerSubject(),
                                    cmd.amount().amount(),
                                    cmd.paymentMethod(),
                                    cmd.shippingCountry(),
                                    Payment.Status.DECLINED,
                                    DeclineReason.FRAUD.name(),
                                    String.join("; ", d.reasons()),
                                    provider.name(),
                                    null,
                                    cmd.splits())
                            .flatMap(x -> store.fraudDecision(
                                    tx, cmd.sagaId(), cmd.paymentId(), cmd.buyerSubject(), "BLOCK", d.reasons(), null))
                            .flatMap(x -> reply(
                                    tx,
                                    cause,
                                    new PaymentReply.PaymentDeclined(
                                            cmd.sagaId(),
                                            cmd.paymentId(),
                                            cmd.orderId(),
                                            DeclineReason.FRAUD,
                                            "The payment was blocked by our fraud rules.")))
                            .replaceWith(new Precheck(true, null, null));
                });
    }

    private Uni<Void> authorizeWithProvider(
            Envelope<?> cause,
            PaymentCommand.AuthorizePayment cmd,
            FraudRules.Facts facts,
            FraudRules.Thresholds thresholds) {
        String key = "auth:" + cmd.paymentId();
        return provider.authorize(
                        key,
                        cmd.amount().amount(),
                        cmd.paymentMethod(),
                        cmd.orderId().toString(),
                        cmd.paymentId().toString())
                .onFailure()
                .recoverWithItem(e -> {
                    LOG.warnf(e, "provider authorize failed for payment %s", cmd.paymentId());
                    return new PaymentProvider.Declined("provider_error", "The payment provider could not be reached.");
                })
                .flatMap(result -> pool.withTransaction(tx -> store.lockSaga(tx, cmd.sagaId())
                                .flatMap(x -> store.bySaga(tx, cmd.sagaId()))
                                .flatMap(existing -> existing.isPresent()
                                        ? replayAuthorize(tx, cause, existing.get())
                                        : store.tombstoned(tx, cmd.sagaId())
                                                .flatMap(voided ->
                                                        record(tx, cause, cmd, facts, thresholds, result, voided))
                                                .replaceWith(Optional.<Payment>empty())))
                        // a concurrent delivery recorded it waiting for the buyer: our call (same key) has its action
                        .flatMap(awaiting -> awaiting.isEmpty()
                                ? Uni.createFrom().voidItem()
                                : replayAwaiting(
                                        cause,
                                        awaiting.get(),
                                        result instanceof PaymentProvider.ActionRequired a
                                                        && a.reference()
                                                                .equals(awaiting.get()
                                                                        .providerReference())
                                                ? a
                                                : null)))
                .replaceWithVoid();
    }

    private Uni<Void> record(
            SqlClient tx,
            Envelope<?> cause,
            PaymentCommand.AuthorizePayment cmd,
            FraudRules.Facts facts,
            FraudRules.Thresholds thresholds,
            PaymentProvider.AuthorizeResult result,
            boolean voidedMeanwhile) {
        return switch (result) {
            case PaymentProvider.Declined d ->
                decline(
                        tx,
                        cause,
                        cmd,
                        "PROVIDER_ERROR".equalsIgnoreCase(d.code()) || "provider_error".equals(d.code())
                                ? DeclineReason.PROVIDER_ERROR
                                : DeclineReason.DECLINED,
                        d.message(),
                        List.of("provider declined: " + d.code()),
                        null);
            case PaymentProvider.Blocked b ->
                decline(
                        tx,
                        cause,
                        cmd,
                        DeclineReason.FRAUD,
                        b.message(),
                        List.of("provider risk engine blocked it"),
                        b.riskLevel());
            case PaymentProvider.Authorized a ->
                accepted(
                        tx,
                        cause,
                        cmd,
                        facts,
                        thresholds,
                        voidedMeanwhile,
                        a.reference(),
                        a.cardCountry(),
                        a.riskLevel(),
                        null);
            case PaymentProvider.ActionRequired a ->
                accepted(tx, cause, cmd, facts, thresholds, voidedMeanwhile, a.reference(), a.cardCountry(), null, a);
        };
    }

    /**
     * The provider took the payment: authorized, or waiting for the buyer to authenticate ({@code action}). The fraud
     * rules run again with the card's country; if they block it, or the saga voided it meanwhile, it is cancelled at
     * the provider (a PaymentIntent waiting for the buyer can be cancelled too, so no challenge is asked for) and
     * declined. Otherwise AUTHORIZED and PaymentAuthorized, or AWAITING_ACTION and PaymentActionRequired with what the
     * buyer's app needs — the client secret is in the reply only, never stored here. In a review band (ADR 0026) an
     * authorized payment is held: IN_REVIEW until its decide-by, and PaymentUnderReview; one waiting for the buyer's
     * 3-D Secure challenge is not held (the card's issuer authenticates the buyer, and the liability for fraud moves
     * to it), the review reasons kept with the ALLOW decision.
     */
    private Uni<Void> accepted(
            SqlClient tx,
            Envelope<?> cause,
            PaymentCommand.AuthorizePayment cmd,
            FraudRules.Facts facts,
            FraudRules.Thresholds thresholds,
            boolean voidedMeanwhile,
            String reference,
            String cardCountry,
            String riskLevel,
            PaymentProvider.ActionRequired action) {
        FraudRules.Facts withCard = new FraudRules.Facts(
                facts.buyer(),
                facts.paymentMethod(),
                facts.amountMinor(),
                facts.recentByBuyer(),
                facts.recentByPaymentMethod(),
                facts.accountAgeHours(),
                facts.shippingCountry(),
                cardCountry);
        FraudRules.Decision d = FraudRules.evaluate(withCard, thresholds);
        if (voidedMeanwhile || d.blocked()) {
            // the authorization (or the payment waiting for the buyer) exists at the provider but must not stand:
            // cancel it, remember why
            DeclineReason reason = voidedMeanwhile ? DeclineReason.VOIDED : DeclineReason.FRAUD;
            return provider.voidAuthorization("void:" + cmd.paymentId(), reference)
                    .flatMap(v -> store.insert(
                            tx,
                            cmd.paymentId(),
                            cmd.sagaId(),
                            cmd.orderId(),
                            cmd.buyerSubject(),
                            cmd.amount().amount(),
                            cmd.paymentMethod(),
                            cmd.shippingCountry(),
                            voidedMeanwhile ? Payment.Status.VOIDED : Payment.Status.DECLINED,
                            reason.name(),
                            String.join("; ", d.reasons()),
                            provider.name(),
                            reference,
                            cmd.splits()))
                    .flatMap(x -> store.fraudDecision(
                            tx,
                            cmd.sagaId(),
                            cmd.paymentId(),
                            cmd.buyerSubject(),
                            d.outcome().name(),
                            d.reasons(),
                            riskLevel))
                    .flatMap(x -> reply(
                            tx,
                            cause,
                            new PaymentReply.PaymentDeclined(
                                    cmd.sagaId(),
                                    cmd.paymentId(),
                                    cmd.orderId(),
                                    reason,
                                    voidedMeanwhile
                                            ? "This checkout was already cancelled."
                                            : "The payment was blocked by our fraud rules.")));
        }
        if (d.held() && action == null) {
            // to the microsecond, as PostgreSQL keeps it: a redelivered command is answered the very same decideBy
            Instant decideBy = clock.instant()
                    .plus(config.fraud().reviewWindow())
                    .truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            return store.insert(
                            tx,
                            cmd.paymentId(),
                            cmd.sagaId(),
                            cmd.orderId(),
                            cmd.buyerSubject(),
                            cmd.amount().amount(),
                            cmd.paymentMethod(),
                            cmd.shippingCountry(),
                            Payment.Status.IN_REVIEW,
                            null,
                            "held for review",
                            provider.name(),
                            reference,
                            cmd.splits(),
                            decideBy)
                    .flatMap(x -> store.fraudDecision(
                            tx, cmd.sagaId(), cmd.paymentId(), cmd.buyerSubject(), "REVIEW", d.reasons(), riskLevel))
                    .flatMap(x -> reply(
                            tx,
                            cause,
                            new PaymentReply.PaymentUnderReview(
                                    cmd.sagaId(), cmd.paymentId(), cmd.orderId(), decideBy)));
        }
        List<String> reasons = d.held()
                ? java.util.stream.Stream.concat(
                                d.reasons().stream(),
                                java.util.stream.Stream.of(
                                        "not held for review: the buyer authenticates with 3-D Secure"))
                        .toList()
                : d.reasons();
        return store.insert(
                        tx,
                        cmd.paymentId(),
                        cmd.sagaId(),
                        cmd.orderId(),
                        cmd.buyerSubject(),
                        cmd.amount().amount(),
                        cmd.paymentMethod(),
                        cmd.shippingCountry(),
                        action == null ? Payment.Status.AUTHORIZED : Payment.Status.AWAITING_ACTION,
                        null,
                        null,
                        provider.name(),
                        reference,
                        cmd.splits())
                .flatMap(x -> store.fraudDecision(
                        tx, cmd.sagaId(), cmd.paymentId(), cmd.buyerSubject(), "ALLOW", reasons, riskLevel))
                .flatMap(x -> reply(
                        tx,
                        cause,
                        action == null
                                ? new PaymentReply.PaymentAuthorized(
                                        cmd.sagaId(), cmd.paymentId(), cmd.orderId(), cmd.amount(), reference)
                                : actionRequired(cmd.sagaId(), cmd.paymentId(), cmd.orderId(), action)));
    }

    private static PaymentReply.PaymentActionRequired actionRequired(
            UUID sagaId, UUID paymentId, UUID orderId, PaymentProvider.ActionRequired action) {
        return new PaymentReply.PaymentActionRequired(
                sagaId,
                paymentId,
                orderId,
                action.clientSecret(),
                new PaymentReply.NextAction(action.nextActionType(), action.redirectUrl()));
    }

    private Uni<Void> decline(
            SqlClient tx,
            Envelope<?> cause,
            PaymentCommand.AuthorizePayment cmd,
            DeclineReason reason,
            String message,
            List<String> reasons,
            String risk) {
        return store.insert(
                        tx,
                        cmd.paymentId(),
                        cmd.sagaId(),
                        cmd.orderId(),
                        cmd.buyerSubject(),
                        cmd.amount().amount(),
                        cmd.paymentMethod(),
                        cmd.shippingCountry(),
                        Payment.Status.DECLINED,
                        reason.name(),
                        message,
                        provider.name(),
                        null,
                        cmd.splits())
                .flatMap(x -> reason == DeclineReason.FRAUD
                        ? store.fraudDecision(
                                tx, cmd.sagaId(), cmd.paymentId(), cmd.buyerSubject(), "BLOCK", reasons, risk)
                        : Uni.createFrom().voidItem())
                .flatMap(x -> reply(
                        tx,
                        cause,
                        new PaymentReply.PaymentDeclined(
                                cmd.sagaId(), cmd.paymentId(), cmd.orderId(), reason, message)));
    }

    /**
     * A repeated AuthorizePayment: the same answer as the first time. A payment waiting for the buyer is answered
     * after the transaction ({@link #replayAwaiting}): it is returned, and nothing is replied here.
     */
    private Uni<Optional<Payment>> replayAuthorize(SqlClient tx, Envelope<?> cause, Payment p) {
        if (p.status() == Payment.Status.AWAITING_ACTION) {
            return Uni.createFrom().item(Optional.of(p));
        }
        if (p.status() == Payment.Status.IN_REVIEW) {
            return fraud.decideBy(tx, p.id())
                    .flatMap(decideBy -> reply(
                            tx, cause, new PaymentReply.PaymentUnderReview(p.sagaId(), p.id(), p.orderId(), decideBy)))
                    .replaceWith(Optional.<Payment>empty());
        }
        Message answer = switch (p.status()) {
            case AUTHORIZED, CAPTURED, CAPTURE_FAILED, CAPTURE_UNKNOWN ->
                new PaymentReply.PaymentAuthorized(
                        p.sagaId(), p.id(), p.orderId(), Money.usd(p.amount()), p.providerReference());
            case DECLINED ->
                new PaymentReply.PaymentDeclined(
                        p.sagaId(), p.id(), p.orderId(), declineReason(p.declineReason()), p.statusMessage());
            // blocked after review: voided at the provider, declined as FRAUD to the saga
            case VOIDED, VOIDING ->
                DeclineReason.FRAUD.name().equals(p.declineReason())
                        ? new PaymentReply.PaymentDeclined(
                                p.sagaId(), p.id(), p.orderId(), DeclineReason.FRAUD, FraudReviews.BLOCKED)
                        : new PaymentReply.PaymentDeclined(
                                p.sagaId(),
                                p.id(),
                                p.orderId(),
                                DeclineReason.VOIDED,
                                "This checkout was already cancelled.");
            case AWAITING_ACTION, IN_REVIEW -> throw new IllegalStateException("answered above");
        };
        return reply(tx, cause, answer).replaceWith(Optional.<Payment>empty());
    }

    /**
     * A repeated AuthorizePayment of a payment waiting for the buyer: the same PaymentActionRequired again, its client
     * secret read back from the provider (this service keeps none; {@code known}: the provider's answer to this very
     * delivery, under the same idempotency key). If the challenge was answered meanwhile, the payment is resumed now
     * and that answers the command; if someone else resumed (or voided) it, the command gets the current answer. No
     * answer from the provider: a transient failure, so the command is tried again.
     */
    private Uni<Void> replayAwaiting(Envelope<?> cause, Payment p, PaymentProvider.ActionRequired known) {
        Uni<ChargeState> read = known != null
                ? Uni.createFrom().item(ChargeState.awaiting(known))
                : provider.chargeState(p.providerReference());
        return read.flatMap(state -> (state.status() == ChargeState.Status.REQUIRES_ACTION
                                || state.status() == ChargeState.Status.IN_PROGRESS
                        ? Uni.createFrom().item(false)
                        : reconciler.resume(p, state, cause))
                .flatMap(answered -> answered
                        ? Uni.createFrom().voidItem()
                        : pool.withTransaction(tx -> store.lockSaga(tx, p.sagaId())
                                .flatMap(x -> store.bySaga(tx, p.sagaId()))
                                .flatMap(now -> {
                                    if (now.isEmpty()) {
                                        return Uni.createFrom().voidItem();
                                    }
                                    if (now.get().status() != Payment.Status.AWAITING_ACTION) {
                                        return replayAuthorize(tx, cause, now.get())
                                                .replaceWithVoid();
                                    }
                                    if (state.action() == null) {
                                        throw new PaymentProvider.ProviderUnavailable(
                                                "payment " + p.id()
                                                        + ": the provider is still deciding; the command is tried again",
                                                null);
                                    }
                                    return reply(
                                            tx, cause, actionRequired(p.sagaId(), p.id(), p.orderId(), state.action()));
                                }))));
    }

    /**
     * Captures an authorized payment. An answer is booked (CaptureBook); no answer (a timeout, an outage, the breaker
     * open) leaves it CAPTURE_UNKNOWN with no reply yet, the amount asked recorded: the reconciler reads the charge
     * back and answers the saga then. A redelivered command meanwhile changes nothing. Less than the authorized amount
     * is a partial capture (only that is booked, the rest released); more, nothing, or another currency is refused
     * before the provider is asked.
     */
    public Uni<Void> capture(Envelope<?> cause, PaymentCommand.CapturePayment cmd) {
        return pool.withTransaction(tx -> store.lockSaga(tx, cmd.sagaId()).flatMap(x -> store.bySaga(tx, cmd.sagaId())))
                .flatMap(found -> {
                    if (found.isPresent() && found.get().status() == Payment.Status.CAPTURE_UNKNOWN) {
                        return Uni.createFrom().voidItem(); // the reconciler answers once the outcome is known
                    }
                    if (found.isEmpty() || found.get().status() != Payment.Status.AUTHORIZED) {
                        return pool.withTransaction(tx -> replayCapture(tx, cause, cmd, found));
                    }
                    Payment p = found.get();
                    Optional<String> refused = refusal(cmd, p);
                    if (refused.isPresent()) {
                        return pool.withTransaction(tx -> store.lockSaga(tx, cmd.sagaId())
                                .flatMap(x -> store.bySaga(tx, cmd.sagaId()))
                                .flatMap(now -> now.isEmpty() || now.get().status() != Payment.Status.AUTHORIZED
                                        ? replayCapture(tx, cause, cmd, now)
                                        : refuse(tx, cause, now.get(), refused.get())));
                    }
                    long amount =
                            cmd.amount() == null ? p.amount() : cmd.amount().amount();
                    return provider.capture("capture:" + p.id(), p.providerReference(), amount)
                            .map(Optional::of)
                            .onFailure()
                            .recoverWithItem(e -> {
                                LOG.warnf(
                                        e,
                                        "capture of payment %s: no answer; it is read back from the provider",
                                        p.id());
                                return Optional.empty();
                            })
                            .flatMap(result -> pool.withTransaction(tx -> store.lockSaga(tx, cmd.sagaId())
                                    .flatMap(x -> store.bySaga(tx, cmd.sagaId()))
                                    .flatMap(now -> {
                                        if (now.isEmpty() || now.get().status() != Payment.Status.AUTHORIZED) {
                                            return replayCapture(tx, cause, cmd, now);
                                        }
                                        return result.isPresent()
                                                ? book.book(tx, cause, now.get(), amount, result.get(), true)
                                                : store.captureUnknown(
                                                        tx, p.id(), amount, "capture: no answer from the provider");
                                    })));
                });
    }

    /**
     * Why a CapturePayment cannot be carried out as sent, if it cannot: a capture is of USD, more than zero and at most
     * the authorized amount (less is a partial capture: the rest of the authorization is released).
     */
    static Optional<String> refusal(PaymentCommand.CapturePayment cmd, Payment p) {
        if (cmd.amount() == null) {
            return Optional.empty();
        }
        if (!"USD".equals(cmd.amount().currency().getCurrencyCode())) {
            return Optional.of("A capture is in USD, like its authorization; "
                    + cmd.amount().currency().getCurrencyCode() + " was asked.");
        }
        if (cmd.amount().amount() <= 0) {
            return Optional.of(
                    "A capture must be of more than zero; " + cmd.amount().amount() + " (minor units) was asked.");
        }
        if (cmd.amount().amount() > p.amount()) {
            return Optional.of("A capture cannot exceed the authorized " + p.amount() + " (minor units); "
                    + cmd.amount().amount() + " was asked.");
        }
        return Optional.empty();
    }

    /**
     * A capture refused before the provider is asked: no money moves, nothing is posted and the hold stays on the card
     * (the saga's void releases it); the payment is CAPTURE_FAILED with the reason, so a redelivered command gets the
     * same answer.
     */
    private Uni<Void> refuse(SqlClient tx, Envelope<?> cause, Payment p, String why) {
        LOG.warnf("capture of payment %s refused: %s", p.id(), why);
        return store.setStatus(tx, p.id(), Payment.Status.CAPTURE_FAILED, why)
                .flatMap(x ->
                        reply(tx, cause, new PaymentReply.PaymentCaptureFailed(p.sagaId(), p.id(), p.orderId(), why)));
    }

    private Uni<Void> replayCapture(
            SqlClient tx, Envelope<?> cause, PaymentCommand.CapturePayment cmd, Optional<Payment> found) {
        if (found.isPresent() && found.get().status() == Payment.Status.CAPTURED) {
            Payment p = found.get();
            return reply(
                    tx,
                    cause,
                    new PaymentReply.PaymentCaptured(p.sagaId(), p.id(), p.orderId(), Money.usd(p.captured())));
        }
        String why = found.map(p -> p.status() == Payment.Status.CAPTURE_FAILED
                        ? Optional.ofNullable(p.statusMessage()).orElse("The capture failed.")
                        : "The payment is " + p.status().name().toLowerCase(Locale.ROOT) + ", not authorized.")
                .orElse("No payment was authorized for this checkout.");
        return reply(
                tx, cause, new PaymentReply.PaymentCaptureFailed(cmd.sagaId(), cmd.paymentId(), cmd.orderId(), why));
    }

    /**
     * Cancels the payment of a saga. Before any authorization: a tombstone, so a late AuthorizePayment is refused.
     * Already captured (a compensation after capture): everything still refundable is refunded. Otherwise (authorized,
     * a capture that failed or got no answer): VOIDING, settled from what the provider says the charge is — the hold
     * released, or a capture that did happen refunded — by the reconciler, now and until the provider answers.
     * Answered by PaymentVoided once done.
     */
    public Uni<Void> voidPayment(Envelope<?> cause, PaymentCommand.VoidPayment cmd) {
        return pool.withTransaction(tx -> store.lockSaga(tx, cmd.sagaId())
                        .flatMap(x -> store.tombstone(tx, cmd.sagaId(), cmd.paymentId(), cmd.orderId(), cmd.reason()))
                        .flatMap(x -> store.bySaga(tx, cmd.sagaId()))
                        .flatMap(found -> {
                            if (found.isEmpty()
                                    || found.get().status() == Payment.Status.VOIDED
                                    || found.get().status() == Payment.Status.DECLINED) {
                                return voided(tx, cause, cmd).replaceWith(Optional.<Payment>empty());
                            }
                            Payment p = found.get();
                            if (p.status() == Payment.Status.CAPTURED) {
                                return Uni.createFrom().item(found);
                            }
                            return store.setStatus(
                                            tx, p.id(), Payment.Status.VOIDING, "void requested: " + cmd.reason())
                                    .replaceWith(found);
                        }))
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    Payment p = found.get();
                    if (p.status() == Payment.Status.CAPTURED) {
                        return refunds.refundEverything(cause, p, "checkout compensation: " + cmd.reason())
                                .flatMap(x -> pool.withTransaction(tx -> voided(tx, cause, cmd)));
                    }
                    return reconciler.settle(p.id(), cause).replaceWithVoid();
                });
    }

    private Uni<Void> voided(SqlClient tx, Envelope<?> cause, PaymentCommand.VoidPayment cmd) {
        return reply(tx, cause, new PaymentReply.PaymentVoided(cmd.sagaId(), cmd.paymentId(), cmd.orderId()));
    }

    private static DeclineReason declineReason(String stored) {
        try {
            return stored == null ? DeclineReason.DECLINED : DeclineReason.valueOf(stored);
        } catch (IllegalArgumentException e) {
            return DeclineReason.OTHER;
        }
    }

    private Uni<Void> reply(SqlClient tx, Envelope<?> cause, Message reply) {
        return Outbox.append(tx, Envelope.causedBy(cause, reply, 0, clock.instant()));
    }
}
