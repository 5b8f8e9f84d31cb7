package dev.bazaar.payment.service;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.PaymentEvent;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.kit.outbox.Outbox;
import dev.bazaar.payment.domain.Postings;
import dev.bazaar.payment.persistence.LedgerRepository;
import dev.bazaar.payment.provider.PaymentProvider;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

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
    private final PaymentProvider provider;
    private final LedgerRepository ledger;

    public TransferReversals(Pool pool, PaymentProvider provider, LedgerRepository ledger) {
        this.pool = pool;
        this.provider = provider;
        this.ledger = ledger;
    }

    public Uni<Void> recover(Envelope<?> cause, UUID orderId, UUID shopId, UUID refundId, long debt) {
        return pool.preparedQuery("""
                SELECT p.id, p.amount_minor - p.reversed_minor AS reversible, p.transfer_reference, a.account_id
                FROM payout p JOIN payout_account a ON a.shop_id = p.shop_id
                WHERE p.shop_id = $1 AND p.status = 'PAID' AND p.amount_minor > p.reversed_minor
                ORDER BY p.created_at DESC LIMIT 1""").execute(Tuple.of(shopId)).flatMap(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().voidItem(); // never paid out: the debt waits for future sales
                    }
                    Row payout = rows.iterator().next();
                    UUID payoutId = payout.getUUID("id");
                    return provider.connectedAvailableBalance(payout.getString("account_id"))
                            .onFailure().recoverWithItem(0L)
                            .flatMap(balance -> {
                                long amount = Math.min(debt, Math.min(balance, payout.getLong("reversible")));
                                if (amount <= 0) {
                                    return event(cause, orderId, payoutId, reversalIdOf(refundId), refundId, shopId, 0, debt);
                                }
                                return provider.reverseTransfer("reversal:" + refundId,
                                        payout.getString("transfer_reference"), amount)
                                        .onFailure().recoverWithItem(e -> new PaymentProvider.OperationResult(false,
                                                null, e.getMessage()))
                                        .flatMap(r -> r.succeeded()
                                                ? record(cause, orderId, payoutId, refundId, shopId, amount, debt,
                                                        r.reference())
                                                : event(cause, orderId, payoutId, reversalIdOf(refundId), refundId, shopId, 0,
                                                        debt));
                            });
                }).onFailure().invoke(e -> LOG.warnf("transfer reversal for refund %s failed: %s", refundId,
                        e.getMessage()));
    }

    private Uni<Void> record(Envelope<?> cause, UUID orderId, UUID payoutId, UUID refundId, UUID shopId, long amount,
            long debt, String reference) {
        UUID reversalId = reversalIdOf(refundId);
        return pool.withTransaction(tx -> Payouts.lockShop(tx, shopId)
                .flatMap(x -> tx.preparedQuery("""
                        INSERT INTO transfer_reversal (id, payout_id, refund_id, shop_id, amount_minor, reference)
                        VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (refund_id) DO NOTHING""")
                        .execute(Tuple.from(java.util.Arrays.asList(reversalId, payoutId, refundId, shopId, amount,
                                reference))))
                .flatMap(inserted -> inserted.rowCount() == 0 ? Uni.createFrom().voidItem()
                        : tx.preparedQuery("UPDATE payout SET reversed_minor = reversed_minor + $2 WHERE id = $1")
                                .execute(Tuple.of(payoutId, amount))
                                .flatMap(x -> ledger.post(tx, Postings.transferReversal(UUID.randomUUID(), shopId,
                                        amount), null, refundId, shopId))
                                .flatMap(x -> Outbox.append(tx, envelope(cause, new PaymentEvent.TransferReversed(
                                        orderId, payoutId, reversalId, refundId, shopId, Money.usd(amount),
                                        Money.usd(debt - amount)))))));
    }

    private Uni<Void> event(Envelope<?> cause, UUID orderId, UUID payoutId, UUID reversalId, UUID refundId,
            UUID shopId, long amount, long debt) {
        return pool.withTransaction(tx -> Outbox.append(tx, envelope(cause, new PaymentEvent.TransferReversed(orderId,
                payoutId, reversalId, refundId, shopId, Money.usd(amount), Money.usd(debt)))));
    }

    private static Envelope<PaymentEvent.TransferReversed> envelope(Envelope<?> cause,
            PaymentEvent.TransferReversed e) {
        return cause == null ? Envelope.of(e, 0, Instant.now(), null, null)
                : Envelope.causedBy(cause, e, 0, Instant.now());
    }

    static UUID reversalIdOf(UUID refundId) {
        return UUID.nameUUIDFromBytes(("reversal:" + refundId).getBytes(StandardCharsets.UTF_8));
    }
}
