package dev.bazaar.payment.service;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.PaymentEvent;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.kit.outbox.Outbox;
import dev.bazaar.payment.domain.Postings;
import dev.bazaar.payment.persistence.LedgerRepository;
import dev.bazaar.payment.persistence.PayoutStore;
import dev.bazaar.payment.provider.PaymentProvider;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A refund after the seller was paid takes back the refunded share: the refund first books it as seller debt, then
 * this reverses it from the seller's last transfer, as far as their connected balance covers (Stripe does not reverse
 * a transfer by itself). What was reversed settles that much debt; the rest stays debt for the next payouts to net.
 * Once per refund (the reversal's key and row are the refund's).
 */
@ApplicationScoped
public class TransferReversals {

    private static final Logger LOG = Logger.getLogger(TransferReversals.class);

    private final Pool pool;
    private final PayoutStore payouts;
    private final PaymentProvider provider;
    private final LedgerRepository ledger;
    private final Clock clock;

    public TransferReversals(
            Pool pool, PayoutStore payouts, PaymentProvider provider, LedgerRepository ledger, Clock clock) {
        this.pool = pool;
        this.payouts = payouts;
        this.provider = provider;
        this.ledger = ledger;
        this.clock = clock;
    }

    public Uni<Void> recover(Envelope<?> cause, UUID orderId, UUID shopId, UUID refundId, long debt) {
        return payouts.lastReversible(shopId)
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        return Uni.createFrom().voidItem(); // never paid out: the debt waits for future sales
                    }
                    PayoutStore.ReversiblePayout payout = found.get();
                    UUID payoutId = payout.id();
                    return provider.connectedAvailableBalance(payout.accountId())
                            .onFailure()
                            .recoverWithItem(0L)
                            .flatMap(balance -> {
                                long amount = Math.min(debt, Math.min(balance, payout.reversible()));
                                if (amount <= 0) {
                                    return event(
                                            cause,
                                            orderId,
                                            payoutId,
                                            reversalIdOf(refundId),
                                            refundId,
                                            shopId,
                                            0,
                                            debt);
                                }
                                return provider.reverseTransfer(
                                                "reversal:" + refundId, payout.transferReference(), amount)
                                        .onFailure()
                                        .recoverWithItem(
                                                e -> new PaymentProvider.OperationResult(false, null, e.getMessage()))
                                        .flatMap(r -> r.succeeded()
                                                ? record(
                                                        cause,
                                                        orderId,
                                                        payoutId,
                                                        refundId,
                                                        shopId,
                                                        amount,
                                                        debt,
                                                        r.reference())
                                                : event(
                                                        cause,
                                                        orderId,
                                                        payoutId,
                                                        reversalIdOf(refundId),
                                                        refundId,
                                                        shopId,
                                                        0,
                                                        debt));
                            });
                })
                .onFailure()
                .invoke(e -> LOG.warnf(e, "transfer reversal for refund %s failed", refundId));
    }

    private Uni<Void> record(
            Envelope<?> cause,
            UUID orderId,
            UUID payoutId,
            UUID refundId,
            UUID shopId,
            long amount,
            long debt,
            String reference) {
        UUID reversalId = reversalIdOf(refundId);
        return pool.withTransaction(tx -> payouts.lockShop(tx, shopId)
                .flatMap(x -> payouts.insertReversal(tx, reversalId, payoutId, refundId, shopId, amount, reference))
                .flatMap(inserted -> !inserted
                        ? Uni.createFrom().voidItem()
                        : payouts.addReversed(tx, payoutId, amount)
                                .flatMap(x -> ledger.post(
                                        tx,
                                        Postings.transferReversal(UUID.randomUUID(), shopId, amount),
                                        null,
                                        refundId,
                                        shopId))
                                .flatMap(x -> Outbox.append(
                                        tx,
                                        envelope(
                                                cause,
                                                new PaymentEvent.TransferReversed(
                                                        orderId,
                                                        payoutId,
                                                        reversalId,
                                                        refundId,
                                                        shopId,
                                                        Money.usd(amount),
                                                        Money.usd(debt - amount)))))));
    }

    private Uni<Void> event(
            Envelope<?> cause,
            UUID orderId,
            UUID payoutId,
            UUID reversalId,
            UUID refundId,
            UUID shopId,
            long amount,
            long debt) {
        return pool.withTransaction(tx -> Outbox.append(
                tx,
                envelope(
                        cause,
                        new PaymentEvent.TransferReversed(
                                orderId, payoutId, reversalId, refundId, shopId, Money.usd(amount), Money.usd(debt)))));
    }

    private Envelope<PaymentEvent.TransferReversed> envelope(Envelope<?> cause, PaymentEvent.TransferReversed e) {
        return cause == null
                ? Envelope.of(e, 0, clock.instant(), null, null)
                : Envelope.causedBy(cause, e, 0, clock.instant());
    }

    static UUID reversalIdOf(UUID refundId) {
        return UUID.nameUUIDFromBytes(("reversal:" + refundId).getBytes(StandardCharsets.UTF_8));
    }
}
