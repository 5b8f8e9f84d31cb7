package dev.bazaar.checkout.persistence;

import dev.bazaar.checkout.domain.CheckoutSession;
import dev.bazaar.checkout.domain.CheckoutStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class CheckoutSessionRepository {

    private final Pool pool;

    public CheckoutSessionRepository(Pool pool) {
        this.pool = pool;
    }

    /** The buyer's own session; another buyer's is indistinguishable from a missing one (tenancy in the query). */
    public Uni<Optional<CheckoutSession>> findOwn(UUID id, String buyerSubject) {
        return pool.preparedQuery("""
                SELECT id, status, order_id, created_at, updated_at
                FROM checkout_session WHERE id = $1 AND buyer_subject = $2""")
                .execute(Tuple.of(id, buyerSubject))
                .map(CheckoutSessionRepository::first);
    }

    private static Optional<CheckoutSession> first(RowSet<Row> rows) {
        var it = rows.iterator();
        if (!it.hasNext()) {
            return Optional.empty();
        }
        Row r = it.next();
        return Optional.of(new CheckoutSession(r.getUUID("id"), CheckoutStatus.valueOf(r.getString("status")),
                r.getUUID("order_id"), r.getOffsetDateTime("created_at").toInstant(),
                r.getOffsetDateTime("updated_at").toInstant()));
    }
}
