package dev.bazaar.payment.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

/** How much money waits on someone: counts over the partial indexes of the open states (cheap to ask often). */
@ApplicationScoped
public class MoneyHealth {

    /**
     * @param refundsFailed refunds the provider refused, waiting for an admin (the admins' queue)
     * @param refundsWaiting refunds without the provider's answer after at least one attempt
     * @param paymentsUnsettled captures or voids without the provider's answer (CAPTURE_UNKNOWN, VOIDING)
     * @param payoutsOpen payouts recorded or sent and not settled (PENDING, UNKNOWN)
     */
    public record Counts(long refundsFailed, long refundsWaiting, long paymentsUnsettled, long payoutsOpen) {}

    private final Pool pool;

    public MoneyHealth(Pool pool) {
        this.pool = pool;
    }

    public Uni<Counts> counts() {
        return pool.query("""
                SELECT (SELECT count(*) FROM refund WHERE status = 'FAILED') AS refunds_failed,
                       (SELECT count(*) FROM refund WHERE status = 'PENDING' AND attempts > 0) AS refunds_waiting,
                       (SELECT count(*) FROM payment WHERE status IN ('CAPTURE_UNKNOWN', 'VOIDING')) AS unsettled,
                       (SELECT count(*) FROM payout WHERE status IN ('PENDING', 'UNKNOWN')) AS payouts_open""").execute().map(rows -> {
            Row r = rows.iterator().next();
            return new Counts(
                    r.getLong("refunds_failed"),
                    r.getLong("refunds_waiting"),
                    r.getLong("unsettled"),
                    r.getLong("payouts_open"));
        });
    }
}
