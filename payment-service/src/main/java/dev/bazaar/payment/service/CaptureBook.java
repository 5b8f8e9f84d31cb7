package dev.bazaar.payment.service;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Message;
import dev.bazaar.contracts.messaging.PaymentEvent;
import dev.bazaar.contracts.messaging.PaymentReply;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.kit.outbox.Outbox;
import dev.bazaar.payment.domain.CapturedSplits;
import dev.bazaar.payment.domain.Payment;
import dev.bazaar.payment.domain.Postings;
import dev.bazaar.payment.domain.Split;
import dev.bazaar.payment.persistence.LedgerRepository;
import dev.bazaar.payment.persistence.PaymentStore;
import dev.bazaar.payment.provider.PaymentProvider;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What a capture's answer means for the books, whoever learnt it (the CapturePayment command, or the reconciler that
 * read the charge back): captured → the payment CAPTURED with its ledger transactions, PaymentCaptured to the saga and
 * on payment.events; refused → CAPTURE_FAILED and PaymentCaptureFailed. A capture of less than the authorization
 * (#29) keeps and posts only what was captured: the splits scaled to it ({@link CapturedSplits}, stored in place of
 * the authorized ones so refunds, disputes and payouts work from them), the rest recorded as released (the processor
 * releases it with the capture). Callers hold the saga's lock and have checked that the payment still waits for this
 * answer.
 */
@ApplicationScoped
public class CaptureBook {

    private static final Logger LOG = Logger.getLogger(CaptureBook.class);

    private final PaymentStore store;
    private final LedgerRepository ledger;
    private final Clock clock;

    public CaptureBook(PaymentStore store, LedgerRepository ledger, Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * @param replyToSaga false when the saga has already given up (a void is under way): the capture is booked, and
     *        what follows (a refund) is the void's business
     */
    public Uni<Void> book(
            SqlClient tx,
            Envelope<?> cause,
            Payment p,
            long amount,
            PaymentProvider.CaptureResult result,
            boolean replyToSaga) {
        if (!result.succeeded()) {
            return store.setStatus(tx, p.id(), Payment.Status.CAPTURE_FAILED, result.failure())
                    .flatMap(x -> replyToSaga
                            ? send(
                                    tx,
                                    cause,
                                    new PaymentReply.PaymentCaptureFailed(
                                            p.sagaId(), p.id(), p.orderId(), result.failure()))
                            : Uni.createFrom().voidItem());
        }
        // what was captured, split like the charge (all of it: the splits as authorized); the rest was released
        List<Split> splits;
        try {
            splits = CapturedSplits.scale(p.splits(), amount);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom()
                    .failure(new IllegalStateException(
                            "payment " + p.id() + ": a capture of " + amount + " cannot be booked: " + e.getMessage(),
                            e));
        }
        boolean partial = !splits.equals(p.splits());
        if (partial) {
            LOG.infof(
                    "payment %s captured %d of the authorized %d: its splits scaled to the capture, %d released",
                    p.id(), amount, p.amount(), p.amount() - amount);
        }
        return store.captured(tx, p.id(), amount, result.fee())
                .flatMap(x -> partial
                        ? store.scaleSplits(tx, p.id(), splits)
                        : Uni.createFrom().voidItem())
                .flatMap(x -> ledger.post(tx, Postings.capture(UUID.randomUUID(), p.id(), splits), p.id(), null, null))
                .flatMap(x -> ledger.post(
                        tx, Postings.settlement(UUID.randomUUID(), p.id(), amount, result.fee()), p.id(), null, null))
                .flatMap(x -> replyToSaga
                        ? send(
                                tx,
                                cause,
                                new PaymentReply.PaymentCaptured(p.sagaId(), p.id(), p.orderId(), Money.usd(amount)))
                        : Uni.createFrom().voidItem())
                .flatMap(
                        x -> send(tx, cause, new PaymentEvent.PaymentCaptured(p.orderId(), p.id(), Money.usd(amount))));
    }

    /** Through the outbox, caused by {@code cause} when there is one (a command), else on its own (the reconciler). */
    Uni<Void> send(SqlClient tx, Envelope<?> cause, Message message) {
        return Outbox.append(
                tx,
                cause == null
                        ? Envelope.of(message, 0, clock.instant(), null, null)
                        : Envelope.causedBy(cause, message, 0, clock.instant()));
    }
}
