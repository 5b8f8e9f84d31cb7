package dev.bazaar.payment.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.payment.domain.PayoutAccount;
import dev.bazaar.payment.persistence.WebhookStore;
import dev.bazaar.payment.provider.StripeAmounts;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Applies verified Stripe events, each once: the event row (unique by Stripe's id) is inserted in the same transaction
 * as its effect, so a redelivered event finds it and changes nothing. {@code charge.dispute.*} follows a dispute's
 * life (Disputes: shares held, funds withdrawn and reinstated, a loss taken back); {@code account.updated} verifies
 * payout accounts and keeps what Stripe still requires (payouts pause while anything is due; a late, older update
 * changes nothing);
 * {@code payment_intent.*} settles a payment waiting for Stripe's answer (PaymentReconciler reads the charge back) or for
 * the buyer's 3-D Secure challenge (resumed: authorized or declined, once), or
 * refunds a capture this service never asked for or thinks failed; {@code charge.refunded} and
 * {@code transfer.reversed} compare Stripe's totals with the books and flag money moved outside Bazaar; transfers and
 * bank payouts are recorded with the reason (see {@link #effect}); anything else is stored as ignored.
 * <p>
 * One transaction per event either way: {@code account.updated} changes only the payout account, which is written
 * through Hibernate Reactive (ADR 0016), so its event row is stored with native statements on that Panache session;
 * every other event runs on the reactive client's transaction with the ledger, payments, disputes and payouts it
 * touches.
 */
@ApplicationScoped
public class StripeWebhooks {

    public record Outcome(String eventId, String type, boolean duplicate, String result) {}

    private final Pool pool;
    private final WebhookStore store;
    private final ObjectMapper json;
    private final PaymentReconciler reconciler;
    private final Disputes disputes;
    private final Payouts payouts;
    private final MeterRegistry registry;
    private final Clock clock;

    public StripeWebhooks(
            Pool pool,
            WebhookStore store,
            ObjectMapper json,
            PaymentReconciler reconciler,
            Disputes disputes,
            Payouts payouts,
            MeterRegistry registry,
            Clock clock) {
        this.pool = pool;
        this.store = store;
        this.json = json;
        this.reconciler = reconciler;
        this.disputes = disputes;
        this.payouts = payouts;
        this.registry = registry;
        this.clock = clock;
    }

    public Uni<Outcome> apply(String endpoint, String payload) {
        JsonNode event = read(payload);
        String id = event.path("id").asText();
        String type = event.path("type").asText();
        String account = event.hasNonNull("account") ? event.get("account").asText() : null;
        JsonNode object = event.path("data").path("object");
        String apiVersion = event.path("api_version").asText(null);
        Instant created = Instant.ofEpochSecond(
                event.path("created").asLong(clock.instant().getEpochSecond()));
        Uni<Outcome> applied = ACCOUNT_UPDATED.equals(type)
                // the payout account is Panache's (ADR 0016): the event's row is stored in that same transaction
                ? Panache.withTransaction(() -> store.insertEvent(id, endpoint, type, account, apiVersion, payload)
                        .flatMap(inserted -> {
                            if (!inserted) {
                                return Uni.createFrom().item(new Outcome(id, type, true, "already processed"));
                            }
                            return payouts.accountUpdated(accountUpdate(object, account, created))
                                    .flatMap(result -> store.setOutcome(id, result)
                                            .replaceWith(new Outcome(id, type, false, result)));
                        }))
                : pool.withTransaction(tx -> store.insertEvent(tx, id, endpoint, type, account, apiVersion, payload)
                        .flatMap(inserted -> {
                            if (!inserted) {
                                return Uni.createFrom().item(new Outcome(id, type, true, "already processed"));
                            }
                            return effect(tx, type, object)
                                    .flatMap(result -> store.setOutcome(tx, id, result)
                                            .replaceWith(new Outcome(id, type, false, result)));
                        }));
        return applied
                // a charge this service waits for (or wrongly thinks untouched): settled from the charge's real state
                .call(outcome -> outcome.result().startsWith(SETTLING)
                ? reconciler
                        .settle(
                                UUID.fromString(outcome.result().substring(SETTLING.length(), SETTLING.length() + 36)),
                                null)
                        .onFailure()
                        .recoverWithItem(e -> "the reconciler will try again: " + e.getMessage())
                : Uni.createFrom().nullItem());
    }

    private static final String SETTLING = "settling payment ";

    private static final String ACCOUNT_UPDATED = "account.updated";

    /**
     * A PaymentIntent changed at Stripe: a payment of ours waiting for the provider's answer (a capture, a void, or the
     * buyer's 3-D Secure challenge: {@code amount_capturable_updated} once authenticated, {@code payment_failed} once
     * the challenge failed) is settled from the charge's state as read back, never from the event's payload, so a late
     * or out-of-order event changes nothing; one that we think was never captured (voided, failed) but that Stripe
     * captured is turned into a void, which refunds it. Otherwise recorded only (our own calls already booked it).
     */
    private Uni<String> paymentIntent(SqlClient tx, String type, String paymentIntent) {
        return store.lockPaymentOf(tx, paymentIntent).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item("recorded (not one of our payments)");
            }
            UUID id = found.get().id();
            String status = found.get().status();
            if ("CAPTURE_UNKNOWN".equals(status) || "VOIDING".equals(status) || "AWAITING_ACTION".equals(status)) {
                return Uni.createFrom().item(SETTLING + id + " (" + status + ")");
            }
            if ("payment_intent.succeeded".equals(type)
                    && ("VOIDED".equals(status) || "CAPTURE_FAILED".equals(status))) {
                return store.markVoiding(
                                tx, id, "captured at Stripe while this service had it " + status + ": refunded")
                        .replaceWith(SETTLING + id + " (captured at Stripe, " + status + " here: refund)");
            }
            return Uni.createFrom().item("recorded");
        });
    }

    /** Every event but {@code account.updated} (applied in a Panache transaction by {@link #apply}). */
    private Uni<String> effect(SqlClient tx, String type, JsonNode o) {
        return switch (type) {
            case "charge.dispute.created",
                    "charge.dispute.updated",
                    "charge.dispute.funds_withdrawn",
                    "charge.dispute.funds_reinstated",
                    "charge.dispute.closed" -> disputes.apply(tx, o);
            case "payment_intent.succeeded",
                    "payment_intent.canceled",
                    "payment_intent.amount_capturable_updated",
                    "payment_intent.payment_failed",
                    "payment_intent.requires_action" ->
                paymentIntent(tx, type, o.path("id").asText());
            case "charge.refunded" -> refunded(tx, o.path("payment_intent").asText(""), amount(o, "amount_refunded"));
            case "transfer.reversed" -> reversed(tx, o.path("id").asText(), amount(o, "amount_reversed"));
            // our own transfers: booked when made, compared with Stripe's list by every reconciliation run
            case "transfer.created", "transfer.updated" -> Uni.createFrom().item("recorded (booked when made)");
            // money leaving Stripe for a bank account (the platform's, or a seller's after our transfer): not in
            // Bazaar's books; a seller's failing bank account also comes as account.updated with requirements due
            case "payout.paid", "payout.failed", "payout.created", "payout.updated" ->
                Uni.createFrom().item("recorded (a bank payout, outside the books)");
            default -> Uni.createFrom().item("ignored");
        };
    }

    /** A connected account's state: payouts enabled once its details are in, and what Stripe still requires. */
    static PayoutAccount.Update accountUpdate(JsonNode o, String account, Instant created) {
        JsonNode req = o.path("requirements");
        Instant deadline = req.hasNonNull("current_deadline")
                ? Instant.ofEpochSecond(req.get("current_deadline").asLong())
                : null;
        return new PayoutAccount.Update(
                o.path("id").asText(account),
                o.path("payouts_enabled").asBoolean()
                        && o.path("details_submitted").asBoolean(),
                new PayoutAccount.Requirements(
                        strings(req.path("currently_due")),
                        strings(req.path("past_due")),
                        req.hasNonNull("disabled_reason")
                                ? req.get("disabled_reason").asText()
                                : null,
                        deadline),
                created);
    }

    private static java.util.List<String> strings(JsonNode array) {
        java.util.List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** An amount of the event's object in our minor units (Stripe's own exceptions: StripeAmounts). */
    private static long amount(JsonNode o, String field) {
        return StripeAmounts.fromStripe(
                        o.path(field).asLong(), o.path("currency").asText("usd"))
                .amount();
    }

    /**
     * A charge was refunded at Stripe. Our own refunds are booked when made; more refunded at Stripe than booked here
     * (a refund from Stripe's dashboard) is money the books do not know about: named in the outcome, counted
     * ({@code bazaar_stripe_unbooked_total{kind="refund"}}) and listed by the next reconciliation.
     */
    private Uni<String> refunded(SqlClient tx, String paymentIntent, long refundedAtStripe) {
        return store.refundsBooked(tx, paymentIntent).map(found -> {
            if (found.isEmpty()) {
                return "recorded (not one of our payments)";
            }
            long booked = found.get();
            if (refundedAtStripe > booked) {
                unbooked("refund");
                return "refunded outside Bazaar: " + booked + " booked, " + refundedAtStripe
                        + " refunded at Stripe; the reconciliation reports it";
            }
            return "recorded (matches the books: " + booked + " refunded)";
        });
    }

    /** A transfer was reversed at Stripe: as {@link #refunded}, against the reversals booked for that payout. */
    private Uni<String> reversed(SqlClient tx, String transfer, long reversedAtStripe) {
        return store.reversalsBooked(tx, transfer).map(found -> {
            if (found.isEmpty()) {
                return "recorded (not one of our transfers)";
            }
            long booked = found.get();
            if (reversedAtStripe > booked) {
                unbooked("transfer-reversal");
                return "reversed outside Bazaar: " + booked + " booked, " + reversedAtStripe
                        + " reversed at Stripe; the reconciliation reports it";
            }
            return "recorded (matches the books: " + booked + " reversed)";
        });
    }

    private void unbooked(String kind) {
        registry.counter("bazaar.stripe.unbooked", "kind", kind).increment();
    }

    private JsonNode read(String payload) {
        try {
            return json.readTree(payload);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
    }
}
