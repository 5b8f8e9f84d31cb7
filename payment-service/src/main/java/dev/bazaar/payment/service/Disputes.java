package dev.bazaar.payment.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.PaymentEvent;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.kit.outbox.Outbox;
import dev.bazaar.payment.domain.DisputeLoss;
import dev.bazaar.payment.domain.Payment;
import dev.bazaar.payment.domain.Postings;
import dev.bazaar.payment.persistence.DisputeStore;
import dev.bazaar.payment.persistence.LedgerRepository;
import dev.bazaar.payment.persistence.PaymentStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;

/**
 * A dispute's whole life, from Stripe's {@code charge.dispute.*} events, each applied in the webhook's transaction and
 * tolerant of repeats and of any order (ADR 0010):
 * <ul>
 * <li>opened: the payment's seller shares are held (pending, not paid out) and DisputeOpened published;
 * <li>funds withdrawn or reinstated: the dispute's balance transactions say how much left or came back (and the
 * fee); only what the books do not have yet is posted (disputed funds ↔ platform cash, the fee an expense);
 * <li>closed: the holds are released (unless another dispute of the payment is open); lost — what the processor kept
 * is taken back from the sellers in proportion to what each still had, like refunds (their payable or debt,
 * commission and tax), the excess over their shares the platform's loss; DisputeClosed published.
 * </ul>
 * The seller bears a lost dispute on their goods, shipping and tax; the platform its commission's reversal and the
 * processor's fee.
 */
@ApplicationScoped
public class Disputes {

    private static final Set<String> CLOSED = Set.of("won", "lost", "warning_closed", "charge_refunded");

    private final PaymentStore store;
    private final DisputeStore disputes;
    private final LedgerRepository ledger;
    private final Refunds refunds;
    private final Clock clock;

    public Disputes(PaymentStore store, DisputeStore disputes, LedgerRepository ledger, Refunds refunds, Clock clock) {
        this.store = store;
        this.disputes = disputes;
        this.ledger = ledger;
        this.refunds = refunds;
        this.clock = clock;
    }

    /** What the dispute's balance transactions add up to: withdrawn (and its fee), reinstated (and fee returned). */
    record Totals(long withdrawn, long fee, long reinstated, long feeBack) {
        static Totals of(JsonNode transactions) {
            long withdrawn = 0;
            long fee = 0;
            long reinstated = 0;
            long feeBack = 0;
            for (JsonNode bt : transactions) {
                long amount = bt.path("amount").asLong();
                long f = bt.path("fee").asLong();
                if (amount < 0) {
                    withdrawn += -amount;
                    fee += Math.max(0, f);
                } else if (amount > 0) {
                    reinstated += amount;
                    feeBack += Math.max(0, -f);
                }
            }
            return new Totals(withdrawn, fee, reinstated, feeBack);
        }
    }

    public Uni<String> apply(SqlClient tx, JsonNode dispute) {
        String id = dispute.path("id").asText();
        String status = dispute.path("status").asText("needs_response");
        long amount = dispute.path("amount").asLong();
        Totals reported = Totals.of(dispute.path("balance_transactions"));
        return disputes.lockPaymentOf(tx, dispute.path("payment_intent").asText())
                .flatMap(paymentId -> {
                    if (paymentId.isEmpty()) {
                        return Uni.createFrom().item("dispute on an unknown payment");
                    }
                    return store.byId(tx, paymentId.get(), false)
                            .flatMap(p -> apply(
                                    tx,
                                    p.orElseThrow(),
                                    id,
                                    status,
                                    amount,
                                    dispute.path("reason").asText(null),
                                    reported));
                });
    }

    private Uni<String> apply(
            SqlClient tx, Payment p, String id, String status, long amount, String reason, Totals reported) {
        return disputes.upsert(tx, id, p.id(), amount, reason, status).flatMap(d -> {
            boolean opened = d.opened();
            boolean lost = "lost".equals(status);
            // a lost dispute took at least its amount, whether or not the withdrawal was reported before
            Totals now = lost && reported.withdrawn() == 0
                    ? new Totals(amount, reported.fee(), reported.reinstated(), reported.feeBack())
                    : reported;
            long withdrawn = Math.max(0, now.withdrawn() - d.withdrawn());
            long fee = Math.max(0, now.fee() - d.fee());
            long reinstated = Math.max(0, now.reinstated() - d.reinstated());
            long feeBack = Math.max(0, now.feeBack() - d.feeBack());
            Uni<String> chain = Uni.createFrom().item(opened ? "sellers' shares held" : "dispute " + status);
            if (opened) {
                chain = chain.call(x -> disputes.holdShares(tx, p.id())
                        .flatMap(y -> send(
                                tx,
                                new PaymentEvent.DisputeOpened(
                                        p.orderId(), p.id(), disputeUuid(id), Money.usd(amount), reason))));
            }
            if (withdrawn + fee > 0) {
                chain = chain.call(x -> ledger.post(
                        tx, Postings.disputeWithdrawn(UUID.randomUUID(), id, withdrawn, fee), p.id(), null, null));
            }
            if (reinstated + feeBack > 0) {
                chain = chain.call(x -> ledger.post(
                        tx,
                        Postings.disputeReinstated(UUID.randomUUID(), id, reinstated, feeBack),
                        p.id(),
                        null,
                        null));
            }
            chain = chain.call(x -> disputes.addFunds(tx, id, withdrawn, fee, reinstated, feeBack));
            if (CLOSED.contains(status) && d.outcome() == null) {
                long kept = lost ? Math.max(0, now.withdrawn() - now.reinstated()) : 0;
                chain = chain.flatMap(
                        x -> close(tx, p, id, "won".equals(status) ? "won" : lost ? "lost" : "warning_closed", kept));
            }
            return chain;
        });
    }

    private Uni<String> close(SqlClient tx, Payment p, String id, String outcome, long kept) {
        DisputeLoss loss = DisputeLoss.allocate(p.splits(), kept);
        // each seller's part taken back, one after the other
        Uni<Void> chain = Multi.createFrom()
                .iterable(loss.parts().entrySet())
                .onItem()
                .transformToUniAndConcatenate(e -> refunds.disputeLost(tx, p, id, e.getKey(), e.getValue()))
                .collect()
                .last()
                .replaceWithVoid();
        if (loss.unallocated() > 0) {
            chain = chain.flatMap(x -> ledger.post(
                    tx, Postings.disputeLoss(UUID.randomUUID(), id, loss.unallocated()), p.id(), null, null));
        }
        return chain.flatMap(x -> disputes.close(tx, id, outcome))
                .flatMap(x -> disputes.releaseShares(tx, p.id()))
                .flatMap(x -> send(
                        tx,
                        new PaymentEvent.DisputeClosed(p.orderId(), p.id(), disputeUuid(id), outcome, Money.usd(kept))))
                .replaceWith("dispute " + outcome
                        + (kept > 0
                                ? ": " + kept + " taken back from the sellers' shares"
                                        + (loss.unallocated() > 0
                                                ? " (" + loss.unallocated() + " beyond them, the platform's)"
                                                : "")
                                : "")
                        + "; shares released");
    }

    static UUID disputeUuid(String disputeId) {
        return UUID.nameUUIDFromBytes(disputeId.getBytes(StandardCharsets.UTF_8));
    }

    private Uni<Void> send(SqlClient tx, dev.bazaar.contracts.messaging.Message event) {
        return Outbox.append(tx, Envelope.of(event, 0, clock.instant(), null, null));
    }
}
