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
 * as its effect, so a redelivered event finds it and changes nothing. Disputes hold the seller's share of the payment
 * (it stops counting as available) and publish DisputeOpened; {@code account.updated} verifies payout accounts; the
 * others are recorded (captures and refunds are already booked when Stripe answers our own calls).
 */
@ApplicationScoped
public class StripeWebhooks {

    public record Outcome(String eventId, String type, boolean duplicate, String result) {
    }

    private final Pool pool;
    private final ObjectMapper json;

    public StripeWebhooks(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
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
                }));
    }

    private Uni<String> effect(SqlClient tx, String type, String account, JsonNode o) {
        return switch (type) {
            case "charge.dispute.created" -> dispute(tx, o);
            case "account.updated" -> tx.preparedQuery("UPDATE payout_account SET verified = $2, updated_at = now() "
                    + "WHERE account_id = $1").execute(Tuple.of(o.path("id").asText(account),
                            o.path("payouts_enabled").asBoolean() && o.path("details_submitted").asBoolean()))
                    .map(rows -> rows.rowCount() == 0 ? "unknown account" : o.path("payouts_enabled").asBoolean()
                            ? "payout account verified" : "payout account not (yet) verified");
            case "payment_intent.succeeded", "payment_intent.payment_failed", "charge.refunded", "payout.paid" ->
                    known(tx, o.path("payment_intent").asText(o.path("id").asText()))
                            .map(found -> found ? "recorded" : "recorded (not one of our payments)");
            default -> Uni.createFrom().item("ignored");
        };
    }

    private Uni<Boolean> known(SqlClient tx, String reference) {
        return tx.preparedQuery("SELECT 1 FROM payment WHERE provider_reference = $1").execute(Tuple.of(reference))
                .map(rows -> rows.rowCount() > 0);
    }

    private Uni<String> dispute(SqlClient tx, JsonNode o) {
        String disputeId = o.path("id").asText();
        return tx.preparedQuery("SELECT id, order_id FROM payment WHERE provider_reference = $1 FOR UPDATE")
                .execute(Tuple.of(o.path("payment_intent").asText())).flatMap(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().item("dispute on an unknown payment");
                    }
                    Row p = rows.iterator().next();
                    UUID paymentId = p.getUUID("id");
                    long amount = o.path("amount").asLong();
                    return tx.preparedQuery("INSERT INTO dispute (id, payment_id, amount_minor, reason, status) "
                            + "VALUES ($1, $2, $3, $4, $5)")
                            .execute(Tuple.of(disputeId, paymentId, amount, o.path("reason").asText(null),
                                    o.path("status").asText("needs_response")))
                            .flatMap(x -> tx.preparedQuery("UPDATE payment_split SET held = true WHERE payment_id = $1")
                                    .execute(Tuple.of(paymentId)))
                            .flatMap(x -> Outbox.append(tx, Envelope.of(new PaymentEvent.DisputeOpened(
                                    p.getUUID("order_id"), paymentId, UUID.nameUUIDFromBytes(disputeId.getBytes(
                                            StandardCharsets.UTF_8)), Money.usd(amount), o.path("reason").asText(null)),
                                    0, Instant.now(), null, null)))
                            .replaceWith("sellers' shares held");
                });
    }

    private JsonNode read(String payload) {
        try {
            return json.readTree(payload);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
    }
}
