package dev.bazaar.checkout.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.bazaar.checkout.domain.CheckoutStatus;
import dev.bazaar.checkout.domain.quote.Quoting;
import dev.bazaar.checkout.domain.saga.CheckoutSaga;
import dev.bazaar.contracts.messaging.Lines.Shortage;
import dev.bazaar.contracts.messaging.MessageCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads and compare-and-sets saga state on {@code checkout_session}; logs each decision in {@code saga_step}. */
@ApplicationScoped
public class SagaStore {

    /** Another writer moved the saga on since it was read: read again and decide again. */
    public static final class StaleVersion extends RuntimeException {
        public StaleVersion(UUID id, long version) {
            super("checkout " + id + " is no longer at version " + version, null, false, false);
        }
    }

    /** The ids a confirm allocates, written with its first transition. */
    public record Allocation(String paymentMethod, UUID orderId, UUID paymentId, UUID reservationId) {}

    private static final TypeReference<List<Shortage>> SHORTAGES = new TypeReference<>() {};

    private final Pool pool;

    public SagaStore(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    public Uni<Optional<SagaRecord>> load(UUID id) {
        return pool.preparedQuery(SELECT + " WHERE s.id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(map(rows.iterator().next())));
    }

    /** The buyer's own saga; another buyer's reads as missing (tenancy in the query). */
    public Uni<Optional<SagaRecord>> loadOwn(UUID id, String buyer) {
        return pool.preparedQuery(SELECT + " WHERE s.id = $1 AND s.buyer_subject = $2")
                .execute(Tuple.of(id, buyer))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(map(rows.iterator().next())));
    }

    /**
     * How many sagas keep the platform busy: running (a step with a deadline) and not waiting on their buyer's card
     * authentication (which costs no work while it waits); counted on the partial index of V5.
     */
    public Uni<Long> running() {
        return pool.query("SELECT count(*) FROM checkout_session WHERE step_deadline IS NOT NULL "
                        + "AND status <> 'AWAITING_BUYER_ACTION'")
                .execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** A checkout's status and the platform's running sagas ({@link #running()}), read together. */
    public record AdmissionState(CheckoutStatus status, Instant createdAt, long running) {}

    /** The buyer's checkout's status with the running count, in one round trip; another buyer's reads as missing. */
    public Uni<Optional<AdmissionState>> admissionState(UUID id, String buyer) {
        return pool.preparedQuery("""
                SELECT status, created_at, (SELECT count(*) FROM checkout_session WHERE step_deadline IS NOT NULL
                                                AND status <> 'AWAITING_BUYER_ACTION') AS running
                FROM checkout_session WHERE id = $1 AND buyer_subject = $2""").execute(Tuple.of(id, buyer)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row r = rows.iterator().next();
            return Optional.of(new AdmissionState(
                    CheckoutStatus.valueOf(r.getString("status")), instant(r, "created_at"), r.getLong("running")));
        });
    }

    /**
     * How many of the buyer's sagas are running — those waiting on the buyer's card authentication included —, under
     * a transaction-scoped lock on the buyer, so two confirms of one buyer are counted one after the other (the lock
     * ends with {@code tx}).
     */
    public Uni<Long> runningForBuyerLocked(SqlClient tx, String buyer) {
        return tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended('checkout-buyer:' || $1, 0))")
                .execute(Tuple.of(buyer))
                .flatMap(x -> tx.preparedQuery("SELECT count(*) FROM checkout_session WHERE buyer_subject = $1 "
                                + "AND step_deadline IS NOT NULL")
                        .execute(Tuple.of(buyer)))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Running sagas whose step is past its deadline, oldest first. */
    public Uni<List<UUID>> overdue(int limit) {
        return pool.preparedQuery("""
                SELECT id FROM checkout_session WHERE step_deadline IS NOT NULL AND step_deadline < now()
                ORDER BY step_deadline LIMIT $1""").execute(Tuple.of(limit)).map(rows -> {
            List<UUID> ids = new ArrayList<>();
            rows.forEach(r -> ids.add(r.getUUID("id")));
            return ids;
        });
    }

    /**
     * Writes {@code next} over {@code current} if nobody else did since it was read (else {@link StaleVersion}), and
     * logs the step. {@code stepTimeout} is the new step's timeout (null when terminal); a decision that does not
     * change the state keeps the step's clock. The buyer action (client secret, next action) is written as the next
     * state has it: set on entering AWAITING_BUYER_ACTION, cleared by whatever leaves it.
     */
    public Uni<Long> transition(
            SqlClient tx,
            SagaRecord current,
            CheckoutSaga.Decision d,
            Duration stepTimeout,
            Allocation allocation,
            String cause,
            UUID causeMessageId) {
        CheckoutSaga.State next = d.next();
        CheckoutSaga.Failure f = next.failure();
        CheckoutSaga.BuyerAction action = next.buyerAction();
        String shortages = null;
        if (f != null && !f.shortages().isEmpty()) {
            try {
                shortages = MessageCodec.json().writeValueAsString(f.shortages());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        boolean newStep = d.changed();
        List<Object> params = Arrays.asList(
                current.id(),
                current.version(),
                next.status().name(),
                newStep,
                stepTimeout == null ? null : stepTimeout.toNanos() / 1e9,
                next.status().isTerminal() && newStep,
                f == null ? null : f.reason().name(),
                f == null ? null : f.step().name(),
                f == null ? null : f.detail(),
                shortages,
                allocation == null ? null : allocation.paymentMethod(),
                allocation == null ? null : allocation.orderId(),
                allocation == null ? null : allocation.paymentId(),
                allocation == null ? null : allocation.reservationId(),
                action == null ? null : action.clientSecret(),
                action == null ? null : action.type(),
                action == null ? null : action.redirectUrl());
        long nextVersion = current.version() + 1;
        return tx.preparedQuery("""
                UPDATE checkout_session SET
                    status = $3, version = version + 1, updated_at = now(),
                    step_started_at = CASE WHEN $4 THEN now() ELSE step_started_at END,
                    step_deadline = CASE WHEN NOT $4 THEN step_deadline
                                         WHEN $5::float8 IS NULL THEN NULL
                                         ELSE now() + make_interval(secs => $5::float8) END,
                    finished_at = CASE WHEN $6 THEN now() ELSE finished_at END,
                    failure_reason = $7, failure_step = $8, failure_detail = $9, shortages = $10::text::jsonb,
                    payment_method = COALESCE($11, payment_method), order_id = COALESCE($12, order_id),
                    payment_id = COALESCE($13, payment_id), reservation_id = COALESCE($14, reservation_id),
                    confirmed_at = CASE WHEN $11::text IS NULL THEN confirmed_at ELSE now() END,
                    payment_client_secret = $15, payment_next_action_type = $16, payment_next_action_url = $17
                WHERE id = $1 AND version = $2""").execute(Tuple.from(params)).flatMap(rows -> {
            if (rows.rowCount() == 0) {
                return Uni.createFrom().failure(new StaleVersion(current.id(), current.version()));
            }
            return tx.preparedQuery("""
                            INSERT INTO saga_step (checkout_id, version, from_status, to_status, cause,
                                                   cause_message_id, actions)
                            VALUES ($1, $2, $3, $4, $5, $6, $7)""")
                    .execute(Tuple.from(Arrays.asList(
                            current.id(),
                            nextVersion,
                            current.status().name(),
                            next.status().name(),
                            cause,
                            causeMessageId,
                            d.actions().stream().map(Enum::name).toArray(String[]::new))))
                    .replaceWith(nextVersion);
        });
    }

    private static final String SELECT = """
            SELECT s.id, s.buyer_subject, s.status, s.version, s.order_id, s.payment_id, s.reservation_id,
                   s.payment_method, s.quote::text AS quote, s.shipping_address_id, a.country, s.created_at,
                   s.confirmed_at, s.step_started_at, s.finished_at, s.failure_reason, s.failure_step,
                   s.failure_detail, s.shortages::text AS shortages, s.payment_client_secret,
                   s.payment_next_action_type, s.payment_next_action_url
            FROM checkout_session s LEFT JOIN shipping_address a ON a.id = s.shipping_address_id""";

    private static SagaRecord map(Row r) {
        CheckoutStatus status = CheckoutStatus.valueOf(r.getString("status"));
        CheckoutSaga.Failure failure = null;
        if (r.getString("failure_reason") != null) {
            List<Shortage> shortages = List.of();
            try {
                if (r.getString("shortages") != null) {
                    shortages = MessageCodec.json().readValue(r.getString("shortages"), SHORTAGES);
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable shortages of checkout " + r.getUUID("id"), e);
            }
            failure = new CheckoutSaga.Failure(
                    CheckoutSaga.FailureReason.valueOf(r.getString("failure_reason")),
                    CheckoutStatus.valueOf(r.getString("failure_step")),
                    r.getString("failure_detail"),
                    shortages);
        }
        Quoting.Quote quote = null;
        if (r.getString("quote") != null) {
            try {
                quote = MessageCodec.json().readValue(r.getString("quote"), Quoting.Quote.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable quote of checkout " + r.getUUID("id"), e);
            }
        }
        CheckoutSaga.BuyerAction action = null;
        if (status == CheckoutStatus.AWAITING_BUYER_ACTION
                && (r.getString("payment_client_secret") != null
                        || r.getString("payment_next_action_type") != null
                        || r.getString("payment_next_action_url") != null)) {
            action = new CheckoutSaga.BuyerAction(
                    r.getString("payment_client_secret"),
                    r.getString("payment_next_action_type"),
                    r.getString("payment_next_action_url"));
        }
        return new SagaRecord(
                r.getUUID("id"),
                r.getString("buyer_subject"),
                new CheckoutSaga.State(status, failure, action),
                r.getLong("version"),
                r.getUUID("order_id"),
                r.getUUID("payment_id"),
                r.getUUID("reservation_id"),
                r.getString("payment_method"),
                quote,
                r.getUUID("shipping_address_id"),
                r.getString("country"),
                instant(r, "created_at"),
                instant(r, "confirmed_at"),
                instant(r, "step_started_at"),
                instant(r, "finished_at"));
    }

    private static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }
}
