package dev.bazaar.payment.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.PaymentEvent;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.kit.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Applies verified Stripe events, each once: the event row (unique by Stripe's id) is inserted in the same transaction
 * as its effect, so a redelivered event finds it and changes nothing. {@code charge.dispute.*} follows a dispute's
 * life (Disputes: shares held, funds withdrawn and reinstated, a loss taken back); {@code account.updated} verifies
 * payout accounts;
 * {@code payment_intent.*} settles a payment waiting for Stripe's answer (PaymentReconciler reads the charge back), or
 * refunds a capture this service never asked for or thinks failed; the others are recorded.
 */
@ApplicationScoped
public class StripeWebhooks {

    public record Outcome(String eventId, String type, boolean duplicate, String result) {
    }

    private final Pool pool;
    private final ObjectMapper json;
    private final PaymentReconciler reconciler;
    private final Disputes disputes;

    public StripeWebhooks(Pool pool, ObjectMapper json, PaymentReconciler reconciler, Disputes disputes) {
        this.pool = pool;
        this.json = json;
        this.reconciler = reconciler;
        this.disputes = disputes;
    }

    public Uni<Outcome> apply(String endpoint, String payload) {
        JsonNode event = read(payload);
        String id = event.path("id").asText();
        String type = event.path("type").asText();
        String account = event.hasNonNull("account") ? event.get("account").asText() : null;
        JsonNode object = event.path("data").path("object");
        return pool.withTransaction(tx -> tx.preparedQuery("""
                INSERT INTO stripe_event (id, endpoint, type, account, api_version, payload, outcome)
                VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, 'received') ON CONFLICT (id) DO NOTHING""")
                .execute(Tuple.from(java.util.Arrays.asList(id, endpoint, type, account,
                        event.path("api_version").asText(null), payload)))
                .flatMap(inserted -> {
                    if (inserted.rowCount() == 0) {
                        return Uni.createFrom().item(new Outcome(id, type, true, "already processed"));
                    }
                    return effect(tx, type, account, object).flatMap(result -> tx.preparedQuery(
                            "UPDATE stripe_event SET outcome = $2 WHERE id = $1").execute(Tuple.of(id, result))
                            .replaceWith(new Outcome(id, type, false, result)));
                }))
                // a charge this service waits for (or wrongly thinks untouched): settled from the charge's real state
                .call(outcome -> outcome.result().startsWith(SETTLING) ? reconciler.settle(UUID.fromString(
                        outcome.result().substring(SETTLING.length(), SETTLING.length() + 36)), null)
                        .onFailure().recoverWithItem(e -> "the reconciler will try again: " + e.getMessage())
                        : Uni.createFrom().nullItem());
    }

    private static final String SETTLING = "settling payment ";

    /**
     * A PaymentIntent changed at Stripe: a payment of ours waiting for the provider's answer is settled from the
     * charge's state; one that we think was never captured (voided, failed) but that Stripe captured is turned into a
     * void, which refunds it. Otherwise recorded only (our own calls already booked it).
     */
    private Uni<String> paymentIntent(SqlClient tx, String type, String paymentIntent) {
        return tx.preparedQuery("SELECT id, status FROM payment WHERE provider_reference = $1 FOR UPDATE")
                .execute(Tuple.of(paymentIntent)).flatMap(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().item("recorded (not one of our payments)");
                    }
                    Row p = rows.iterator().next();
                    UUID id = p.getUUID("id");
                    String status = p.getString("status");
                    if ("CAPTURE_UNKNOWN".equals(status) || "VOIDING".equals(status)) {
                        return Uni.createFrom().item(SETTLING + id + " (" + status + ")");
                    }
                    if ("payment_intent.succeeded".equals(type)
                            && ("VOIDED".equals(status) || "CAPTURE_FAILED".equals(status))) {
                        return tx.preparedQuery("UPDATE payment SET status = 'VOIDING', status_message = $2, "
                                + "updated_at = now() WHERE id = $1").execute(Tuple.of(id, "captured at Stripe while "
                                        + "this service had it " + status + ": refunded"))
                                .replaceWith(SETTLING + id + " (captured at Stripe, " + status + " here: refund)");
                    }
                    return Uni.createFrom().item("recorded");
                });
    }

    private Uni<String> effect(SqlClient tx, String type, String account, JsonNode o) {
        return switch (type) {
            case "charge.dispute.created", "charge.dispute.updated", "charge.dispute.funds_withdrawn",
                    "charge.dispute.funds_reinstated", "charge.dispute.closed" -> disputes.apply(tx, o);
            case "account.updated" -> tx.preparedQuery("UPDATE payout_account SET verified = $2, updated_at = now() "
                    + "WHERE account_id = $1").execute(Tuple.of(o.path("id").asText(account),
                            o.path("payouts_enabled").asBoolean() && o.path("details_submitted").asBoolean()))
                    .map(rows -> rows.rowCount() == 0 ? "unknown account" : o.path("payouts_enabled").asBoolean()
                            ? "payout account verified" : "payout account not (yet) verified");
            case "payment_intent.succeeded", "payment_intent.canceled", "payment_intent.amount_capturable_updated",
                    "payment_intent.payment_failed" -> paymentIntent(tx, type, o.path("id").asText());
            case "charge.refunded", "payout.paid" ->
                    known(tx, o.path("payment_intent").asText(o.path("id").asText()))
                            .map(found -> found ? "recorded" : "recorded (not one of our payments)");
            default -> Uni.createFrom().item("ignored");
        };
    }

    private Uni<Boolean> known(SqlClient tx, String reference) {
        return tx.preparedQuery("SELECT 1 FROM payment WHERE provider_reference = $1").execute(Tuple.of(reference))
                .map(rows -> rows.rowCount() > 0);
    }

    private JsonNode read(String payload) {
        try {
            return json.readTree(payload);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
    }
}
