package dev.bazaar.payment.provider;

import dev.bazaar.payment.domain.ProcessorFee;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The offline provider (the default): behaves like Stripe's test mode for the test payment methods —
 * {@code pm_card_visa}, {@code pm_card_mastercard}, {@code pm_card_amex} succeed with a US card;
 * {@code pm_card_<cc>} (two letters, e.g. {@code pm_card_gb}) succeeds with a card from that country;
 * {@code pm_card_chargeDeclined} and {@code pm_card_chargeDeclinedInsufficientFunds} are declined;
 * {@code pm_card_authenticationRequired} (a German card, like Stripe's 4000 0027 6000 3184) always asks the buyer to
 * authenticate: its charge waits in {@code requires_action} with a client secret ({@code <charge>_secret_<random>})
 * until the buyer answers the sandbox's stand-in for the issuer's 3-D Secure page ({@link #challenge}; next action
 * {@code redirect_to_url} to {@code POST <public-url>/api/v1/payments/sandbox/challenges/{paymentId}} — a POST with
 * the client secret in its body, not a page), which authorizes it or leaves it {@code requires_payment_method};
 * {@code pm_card_radarBlock} is blocked by the risk engine; {@code pm_card_refundFail} pays but its refunds fail;
 * anything else is an unknown payment method. It keeps its own books ({@code sandbox_*} tables, separate from the
 * service's state) with Stripe's idempotency semantics, so restarts and several replicas see one processor. Fees are
 * Stripe's standard 2.9 % + 30¢.
 */
@ApplicationScoped
@jakarta.enterprise.inject.Typed(SandboxProvider.class)
public class SandboxProvider implements PaymentProvider {

    private static final Pattern COUNTRY_CARD = Pattern.compile("pm_card_([a-z]{2})");
    /** Stripe's test payment method whose card always asks for 3-D Secure. */
    public static final String AUTHENTICATION_REQUIRED = "pm_card_authenticationRequired";
    /** The sandbox's challenge page, under the service's public URL. */
    public static final String CHALLENGE_PATH = "/api/v1/payments/sandbox/challenges/";
    /** What Stripe says of a PaymentIntent whose 3-D Secure challenge failed (its last_payment_error). */
    static final String AUTHENTICATION_FAILURE = "payment_intent_authentication_failure";
    static final String AUTHENTICATION_FAILURE_MESSAGE = "The provided PaymentMethod has failed authentication. You "
            + "can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.";
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final Pool pool;
    private final String publicUrl;

    public SandboxProvider(Pool pool, dev.bazaar.payment.config.PaymentConfig config) {
        this.pool = pool;
        String base = config.publicUrl().trim();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        this.publicUrl = base;
    }

    @Override
    public String name() {
        return "sandbox";
    }

    @Override
    public Uni<AuthorizeResult> authorize(String key, long amount, String paymentMethod, String transferGroup,
            String paymentId) {
        return once("authorize", transferGroup, key, tx -> {
            String country = cardCountry(paymentMethod);
            return switch (paymentMethod) {
                case AUTHENTICATION_REQUIRED -> awaitChallenge(tx, key, amount, country, paymentMethod, transferGroup,
                        paymentId);
                case "pm_card_chargeDeclined" -> record(tx, key, "authorize", "-", amount, "declined", "-",
                        "card_declined|Your card was declined.");
                case "pm_card_chargeDeclinedInsufficientFunds" -> record(tx, key, "authorize", "-", amount,
                        "declined", "-", "insufficient_funds|Your card has insufficient funds.");
                case "pm_card_radarBlock" -> record(tx, key, "authorize", "-", amount, "blocked", "-",
                        "highest|The payment was blocked by the processor's fraud screening.");
                default -> country == null
                        ? record(tx, key, "authorize", "-", amount, "declined", "-",
                                "resource_missing|No such payment method: '" + paymentMethod + "'.")
                        : tx.preparedQuery("""
                                INSERT INTO sandbox_charge (id, idempotency_key, amount_minor, status, card_country,
                                                            payment_method, transfer_group)
                                VALUES ($1, $2, $3, 'authorized', $4, $5, $6)""")
                                .execute(Tuple.of("ch_sbx_" + UUID.randomUUID(), key, amount, country, paymentMethod,
                                        transferGroup))
                                .flatMap(x -> tx.preparedQuery("SELECT id FROM sandbox_charge WHERE idempotency_key = $1")
                                        .execute(Tuple.of(key)))
                                .flatMap(rows -> record(tx, key, "authorize", rows.iterator().next().getString("id"),
                                        amount, "authorized", rows.iterator().next().getString("id"),
                                        country + "|normal"));
            };
        }).map(SandboxProvider::toAuthorizeResult);
    }

    /** A charge waiting for the buyer to authenticate; its client secret and challenge page stay with the charge. */
    private Uni<Row> awaitChallenge(SqlClient tx, String key, long amount, String country, String paymentMethod,
            String transferGroup, String paymentId) {
        String charge = "ch_sbx_" + UUID.randomUUID();
        String secret = charge + "_secret_" + randomToken(24);
        String url = publicUrl + CHALLENGE_PATH + paymentId;
        return tx.preparedQuery("""
                INSERT INTO sandbox_charge (id, idempotency_key, amount_minor, status, card_country, payment_method,
                                            transfer_group, client_secret, next_action_url)
                VALUES ($1, $2, $3, 'requires_action', $4, $5, $6, $7, $8)""")
                .execute(Tuple.from(java.util.Arrays.asList(charge, key, amount, country, paymentMethod,
                        transferGroup, secret, url)))
                .flatMap(x -> record(tx, key, "authorize", charge, amount, "requires_action", charge,
                        country + "|" + secret + "|" + url));
    }

    /** What a buyer's answer to the sandbox's 3-D Secure challenge did. */
    public enum Challenge {
        /** The charge is authorized (a hold, as after a completed challenge at Stripe). */
        COMPLETED,
        /** The challenge failed: the charge needs a new payment method, nothing is held. */
        FAILED,
        /** No charge waits for a challenge with this client secret. */
        UNKNOWN,
        /** The charge no longer waits for a challenge (answered already, or cancelled). */
        OVER
    }

    /**
     * The buyer's answer to the challenge of {@code charge}, proven by its client secret: {@code complete} authorizes
     * the charge, a failure leaves it {@code requires_payment_method} with Stripe's authentication failure — once; a
     * charge answered already or cancelled (a void meanwhile) changes no more.
     */
    public Uni<Challenge> challenge(String charge, String clientSecret, boolean complete) {
        return pool.withTransaction(tx -> tx.preparedQuery(
                "SELECT status, client_secret FROM sandbox_charge WHERE id = $1 FOR UPDATE").execute(Tuple.of(charge))
                .flatMap(rows -> {
                    Row r = rows.rowCount() == 0 ? null : rows.iterator().next();
                    if (r == null || r.getString("client_secret") == null || clientSecret == null
                            || !java.security.MessageDigest.isEqual(
                                    r.getString("client_secret").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                    clientSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
                        return Uni.createFrom().item(Challenge.UNKNOWN);
                    }
                    if (!"requires_action".equals(r.getString("status"))) {
                        return Uni.createFrom().item(Challenge.OVER);
                    }
                    return tx.preparedQuery("UPDATE sandbox_charge SET status = $2, failure_code = $3, "
                            + "failure_message = $4 WHERE id = $1")
                            .execute(Tuple.from(java.util.Arrays.asList(charge,
                                    complete ? "authorized" : "requires_payment_method",
                                    complete ? null : AUTHENTICATION_FAILURE,
                                    complete ? null : AUTHENTICATION_FAILURE_MESSAGE)))
                            .replaceWith(complete ? Challenge.COMPLETED : Challenge.FAILED);
                }));
    }

    private static String randomToken(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /**
     * Like Stripe's capture with {@code amount_to_capture}: any amount from one minor unit up to the authorization, and
     * the rest of the authorization is released at once (never capturable again); the fee is on what was captured.
     */
    @Override
    public Uni<CaptureResult> capture(String key, String charge, long amount) {
        return once("capture", charge, key, tx -> tx.preparedQuery("""
                UPDATE sandbox_charge SET status = 'captured', captured_minor = $2, released_minor = amount_minor - $2
                WHERE id = $1 AND status = 'authorized' AND $2 > 0 AND amount_minor >= $2 RETURNING id""")
                .execute(Tuple.of(charge, amount))
                .flatMap(rows -> rows.rowCount() == 1
                        ? record(tx, key, "capture", charge, amount, "succeeded", charge,
                                Long.toString(ProcessorFee.of(amount)))
                        : record(tx, key, "capture", charge, amount, "failed", "-",
                                "This charge cannot be captured (not authorized, already captured or voided, or the "
                                        + "amount is not between one minor unit and the authorization).")))
                .map(r -> "succeeded".equals(r.getString("outcome"))
                        ? new CaptureResult(true, r.getString("reference"), Long.parseLong(r.getString("detail")), null)
                        : new CaptureResult(false, null, 0, r.getString("detail")));
    }

    @Override
    public Uni<ChargeState> chargeState(String charge) {
        return fault("retrieve", charge).flatMap(x -> pool.preparedQuery("""
                SELECT c.id, c.status, c.captured_minor, c.refunded_minor, c.card_country, c.client_secret,
                       c.next_action_url, c.failure_code, c.failure_message,
                       (SELECT o.detail FROM sandbox_operation o WHERE o.kind = 'capture' AND o.charge_id = c.id
                          AND o.outcome = 'succeeded' LIMIT 1) AS fee
                FROM sandbox_charge c WHERE c.id = $1""").execute(Tuple.of(charge)).map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new IllegalStateException("sandbox: no charge " + charge);
                    }
                    Row r = rows.iterator().next();
                    switch (r.getString("status")) {
                        case "requires_action" -> {
                            return ChargeState.awaiting(new ActionRequired(r.getString("id"),
                                    r.getString("client_secret"), "redirect_to_url", r.getString("next_action_url"),
                                    r.getString("card_country")));
                        }
                        case "requires_payment_method" -> {
                            return ChargeState.declined(new Declined(r.getString("failure_code"),
                                    r.getString("failure_message")));
                        }
                        default -> {
                        }
                    }
                    ChargeState.Status status = switch (r.getString("status")) {
                        case "authorized" -> ChargeState.Status.AUTHORIZED;
                        case "captured" -> ChargeState.Status.CAPTURED;
                        default -> ChargeState.Status.CANCELED;
                    };
                    return new ChargeState(status, r.getLong("captured_minor"), r.getLong("refunded_minor"),
                            r.getString("fee") == null ? 0 : Long.parseLong(r.getString("fee")));
                }));
    }

    @Override
    public Uni<OperationResult> voidAuthorization(String key, String charge) {
        return once("void", charge, key, tx -> tx.preparedQuery("""
                UPDATE sandbox_charge SET status = 'canceled', released_minor = amount_minor
                WHERE id = $1 AND status IN ('authorized', 'canceled', 'requires_action', 'requires_payment_method')
                RETURNING id""")
                .execute(Tuple.of(charge))
                .flatMap(rows -> rows.rowCount() == 1
                        ? record(tx, key, "void", charge, 0, "succeeded", charge, null)
                        : record(tx, key, "void", charge, 0, "failed", "-", "This charge cannot be canceled.")))
                .map(SandboxProvider::toOperationResult);
    }

    @Override
    public Uni<OperationResult> refund(String key, String charge, long amount) {
        return once("refund", charge, key, tx -> tx.preparedQuery("""
                UPDATE sandbox_charge SET refunded_minor = refunded_minor + $2
                WHERE id = $1 AND status = 'captured' AND captured_minor - refunded_minor >= $2
                  AND payment_method <> 'pm_card_refundFail'
                RETURNING id""")
                .execute(Tuple.of(charge, amount))
                .flatMap(rows -> rows.rowCount() == 1
                        ? record(tx, key, "refund", charge, amount, "succeeded", "re_sbx_" + UUID.randomUUID(), null)
                        : record(tx, key, "refund", charge, amount, "failed", "-",
                                "The refund failed: the charge is not captured, has less left to refund, or its card "
                                        + "cannot receive refunds.")))
                .map(SandboxProvider::toOperationResult);
    }

    @Override
    public Uni<java.util.List<ProviderTransfer>> transfersSince(java.time.Instant since) {
        return pool.preparedQuery("SELECT reference, transfer_group, amount_minor, detail FROM sandbox_operation "
                + "WHERE kind = 'transfer' AND outcome = 'succeeded' AND created_at >= $1 ORDER BY created_at")
                .execute(Tuple.of(since.atOffset(java.time.ZoneOffset.UTC))).map(rows -> {
                    java.util.List<ProviderTransfer> out = new java.util.ArrayList<>();
                    rows.forEach(r -> out.add(new ProviderTransfer(r.getString("reference"),
                            r.getString("transfer_group"), r.getLong("amount_minor"), r.getString("detail"))));
                    return out;
                });
    }

    @Override
    public Uni<Optional<OperationResult>> findRefund(String charge, String key) {
        return fault("retrieve", charge).flatMap(x -> pool.preparedQuery("SELECT * FROM sandbox_operation "
                + "WHERE idempotency_key = $1 AND kind = 'refund' AND charge_id = $2").execute(Tuple.of(key, charge))
                .map(rows -> rows.rowCount() == 0 ? Optional.<OperationResult>empty()
                        : Optional.of(toOperationResult(rows.iterator().next()))));
    }

    @Override
    public Uni<OperationResult> transfer(String key, String account, long amount, String transferGroup,
            String sourceCharge) {
        return once("transfer", account, key, tx -> record(tx, key, "transfer", sourceCharge == null ? "-" : sourceCharge,
                amount, "succeeded", "tr_sbx_" + UUID.randomUUID(), account)
                .flatMap(r -> tx.preparedQuery("UPDATE sandbox_operation SET transfer_group = $2 "
                        + "WHERE idempotency_key = $1 RETURNING *").execute(Tuple.of(key, transferGroup))
                        .map(rows -> rows.iterator().next())))
                .map(SandboxProvider::toOperationResult)
                .onFailure(BalanceShort.class).recoverWithItem(e -> new OperationResult(false, null, e.getMessage(),
                        BALANCE_INSUFFICIENT));
    }

    @Override
    public Uni<Optional<String>> findTransfer(String transferGroup) {
        return fault("retrieve", transferGroup).flatMap(x -> pool.preparedQuery("SELECT reference FROM sandbox_operation "
                + "WHERE kind = 'transfer' AND outcome = 'succeeded' AND transfer_group = $1 ORDER BY created_at LIMIT 1")
                .execute(Tuple.of(transferGroup))
                .map(rows -> rows.rowCount() == 0 ? Optional.<String>empty()
                        : Optional.of(rows.iterator().next().getString("reference"))));
    }

    @Override
    public Uni<OperationResult> reverseTransfer(String key, String transfer, long amount) {
        return once("transfer_reversal", transfer, key, tx -> record(tx, key, "transfer_reversal", transfer, amount, "succeeded",
                "trr_sbx_" + UUID.randomUUID(), null)).map(SandboxProvider::toOperationResult);
    }

    @Override
    public Uni<AccountResult> createConnectedAccount(String key, String shopId, String country, String returnUrl,
            String refreshUrl) {
        return once("account", shopId, key, tx -> record(tx, key, "account", shopId, 0, "succeeded", "acct_sbx_" + UUID.randomUUID(),
                country)).map(r -> new AccountResult(true, r.getString("reference"), null, true, null));
    }

    /** Sandbox accounts need no onboarding: the link leads straight back to where the seller came from. */
    @Override
    public Uni<OperationResult> onboardingLink(String key, String account, String returnUrl, String refreshUrl) {
        return Uni.createFrom().item(new OperationResult(true, returnUrl, null));
    }

    /** Sandbox connected accounts hold what was transferred to them less what was reversed. */
    @Override
    public Uni<Long> connectedAvailableBalance(String account) {
        return pool.preparedQuery("SELECT coalesce(sum(CASE kind WHEN 'transfer' THEN amount_minor ELSE -amount_minor "
                + "END), 0) AS balance FROM sandbox_operation WHERE outcome = 'succeeded' AND ((kind = 'transfer' "
                + "AND detail = $1) OR (kind = 'transfer_reversal' AND charge_id IN (SELECT reference FROM "
                + "sandbox_operation WHERE kind = 'transfer' AND detail = $1)))")
                .execute(Tuple.of(account)).map(rows -> rows.iterator().next().getLong("balance"));
    }

    static String cardCountry(String paymentMethod) {
        if (paymentMethod == null) {
            return null;
        }
        return switch (paymentMethod) {
            case "pm_card_visa", "pm_card_mastercard", "pm_card_amex", "pm_card_refundFail" -> "US";
            case AUTHENTICATION_REQUIRED -> "DE";
            default -> {
                var m = COUNTRY_CARD.matcher(paymentMethod);
                yield m.matches() ? m.group(1).toUpperCase(java.util.Locale.ROOT) : null;
            }
        };
    }

    /**
     * Stripe's idempotency: the first outcome under a key is the outcome of every call with it. A fault planned for
     * this kind of call ({@code sandbox_fault}) fails it before anything happens, or after the operation committed (the
     * answer lost, as in a timeout).
     */
    private Uni<Row> once(String kind, String subject, String key, Function<SqlClient, Uni<Row>> operation) {
        return fault(kind, subject).flatMap(mode -> BALANCE_INSUFFICIENT.equals(mode)
                ? Uni.createFrom().failure(new BalanceShort())
                : pool.withTransaction(tx -> tx
                .preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 7))").execute(Tuple.of(key))
                .flatMap(x -> tx.preparedQuery("SELECT * FROM sandbox_operation WHERE idempotency_key = $1")
                        .execute(Tuple.of(key)))
                .flatMap(rows -> rows.rowCount() == 1 ? Uni.createFrom().item(rows.iterator().next())
                        : operation.apply(tx)))
                .onItem().invoke(r -> {
                    if ("lose_response".equals(mode)) {
                        throw new ProviderUnavailable("sandbox: " + kind + " " + key + " done, but the answer was lost "
                                + "(injected fault)", null);
                    }
                }));
    }

    /** A planned 'balance_insufficient' fault: Stripe refusing a transfer the platform's balance cannot cover yet. */
    static final class BalanceShort extends RuntimeException {
        BalanceShort() {
            super("Insufficient funds in Stripe account. In test mode, you can add funds to your available balance "
                    + "(bypassing your pending balance) by creating a charge with 4000 0000 0000 0077 as the card "
                    + "number. (sandbox: injected fault)", null, false, false);
        }
    }

    /** Takes one planned fault for this kind of call: null when none; an 'unavailable' one fails here. */
    private Uni<String> fault(String kind, String subject) {
        return pool.preparedQuery("""
                UPDATE sandbox_fault SET remaining = remaining - 1
                WHERE id = (SELECT id FROM sandbox_fault WHERE operation = $1 AND remaining > 0
                              AND (target IS NULL OR target = $2) ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING mode""").execute(Tuple.of(kind, subject))
                .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next().getString("mode"))
                .invoke(mode -> {
                    if ("unavailable".equals(mode)) {
                        throw new ProviderUnavailable("sandbox: " + kind + " unavailable (injected fault)", null);
                    }
                });
    }

    private static Uni<Row> record(SqlClient tx, String key, String kind, String charge, long amount, String outcome,
            String reference, String detail) {
        return tx.preparedQuery("""
                INSERT INTO sandbox_operation (idempotency_key, kind, charge_id, amount_minor, outcome, reference, detail)
                VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *""")
                .execute(Tuple.from(java.util.Arrays.asList(key, kind, charge, amount, outcome, reference, detail)))
                .map(rows -> rows.iterator().next());
    }

    private static AuthorizeResult toAuthorizeResult(Row r) {
        String[] detail = r.getString("detail").split("\\|", 2);
        return switch (r.getString("outcome")) {
            case "authorized" -> new Authorized(r.getString("reference"), detail[0], detail[1]);
            case "requires_action" -> {
                String[] action = r.getString("detail").split("\\|", 3);
                yield new ActionRequired(r.getString("reference"), action[1], "redirect_to_url", action[2],
                        action[0]);
            }
            case "blocked" -> new Blocked(detail[1], detail[0]);
            default -> new Declined(detail[0], detail[1]);
        };
    }

    private static OperationResult toOperationResult(Row r) {
        boolean ok = "succeeded".equals(r.getString("outcome"));
        return new OperationResult(ok, ok ? r.getString("reference") : null, ok ? null : r.getString("detail"));
    }
}
