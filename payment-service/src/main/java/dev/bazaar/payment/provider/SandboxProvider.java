package dev.bazaar.payment.provider;

import dev.bazaar.payment.domain.ProcessorFee;
import dev.bazaar.payment.persistence.SandboxStore;
import dev.bazaar.payment.persistence.SandboxStore.Operation;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
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
    /** A planned fault mode: the provider refuses the call for good (sandbox_fault.mode). */
    static final String REFUSED = "refused";
    /** What Stripe says of a PaymentIntent whose 3-D Secure challenge failed (its last_payment_error). */
    static final String AUTHENTICATION_FAILURE = "payment_intent_authentication_failure";

    static final String AUTHENTICATION_FAILURE_MESSAGE = "The provided PaymentMethod has failed authentication. You "
            + "can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.";
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final Pool pool;
    private final SandboxStore store;
    private final String publicUrl;

    public SandboxProvider(Pool pool, SandboxStore store, dev.bazaar.payment.config.PaymentConfig config) {
        this.pool = pool;
        this.store = store;
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
    public Uni<AuthorizeResult> authorize(
            String key, long amount, String paymentMethod, String transferGroup, String paymentId) {
        return once("authorize", transferGroup, key, tx -> {
                    String country = cardCountry(paymentMethod);
                    return switch (paymentMethod) {
                        case AUTHENTICATION_REQUIRED ->
                            awaitChallenge(tx, key, amount, country, paymentMethod, transferGroup, paymentId);
                        case "pm_card_chargeDeclined" ->
                            store.record(
                                    tx,
                                    key,
                                    "authorize",
                                    "-",
                                    amount,
                                    "declined",
                                    "-",
                                    "card_declined|Your card was declined.");
                        case "pm_card_chargeDeclinedInsufficientFunds" ->
                            store.record(
                                    tx,
                                    key,
                                    "authorize",
                                    "-",
                                    amount,
                                    "declined",
                                    "-",
                                    "insufficient_funds|Your card has insufficient funds.");
                        case "pm_card_radarBlock" ->
                            store.record(
                                    tx,
                                    key,
                                    "authorize",
                                    "-",
                                    amount,
                                    "blocked",
                                    "-",
                                    "highest|The payment was blocked by the processor's fraud screening.");
                        default ->
                            country == null
                                    ? store.record(
                                            tx,
                                            key,
                                            "authorize",
                                            "-",
                                            amount,
                                            "declined",
                                            "-",
                                            "resource_missing|No such payment method: '" + paymentMethod + "'.")
                                    : store.insertAuthorized(
                                                    tx,
                                                    "ch_sbx_" + UUID.randomUUID(),
                                                    key,
                                                    amount,
                                                    country,
                                                    paymentMethod,
                                                    transferGroup)
                                            .flatMap(id -> store.record(
                                                    tx,
                                                    key,
                                                    "authorize",
                                                    id,
                                                    amount,
                                                    "authorized",
                                                    id,
                                                    country + "|normal"));
                    };
                })
                .map(SandboxProvider::toAuthorizeResult);
    }

    /** A charge waiting for the buyer to authenticate; its client secret and challenge page stay with the charge. */
    private Uni<Operation> awaitChallenge(
            SqlClient tx,
            String key,
            long amount,
            String country,
            String paymentMethod,
            String transferGroup,
            String paymentId) {
        String charge = "ch_sbx_" + UUID.randomUUID();
        String secret = charge + "_secret_" + randomToken(24);
        String url = publicUrl + CHALLENGE_PATH + paymentId;
        return store.insertAwaitingChallenge(
                        tx, charge, key, amount, country, paymentMethod, transferGroup, secret, url)
                .flatMap(x -> store.record(
                        tx,
                        key,
                        "authorize",
                        charge,
                        amount,
                        "requires_action",
                        charge,
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
        return pool.withTransaction(tx -> store.lockForChallenge(tx, charge).flatMap(found -> {
            SandboxStore.ChallengedCharge r = found.orElse(null);
            if (r == null
                    || r.clientSecret() == null
                    || clientSecret == null
                    || !java.security.MessageDigest.isEqual(
                            r.clientSecret().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            clientSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
                return Uni.createFrom().item(Challenge.UNKNOWN);
            }
            if (!"requires_action".equals(r.status())) {
                return Uni.createFrom().item(Challenge.OVER);
            }
            return store.answerChallenge(
                            tx,
                            charge,
                            complete ? "authorized" : "requires_payment_method",
                            complete ? null : AUTHENTICATION_FAILURE,
                            complete ? null : AUTHENTICATION_FAILURE_MESSAGE)
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
        return once(
                        "capture",
                        charge,
                        key,
                        tx -> store.capture(tx, charge, amount)
                                .flatMap(
                                        captured -> captured
                                                ? store.record(
                                                        tx,
                                                        key,
                                                        "capture",
                                                        charge,
                                                        amount,
                                                        "succeeded",
                                                        charge,
                                                        Long.toString(ProcessorFee.of(amount)))
                                                : store.record(
                                                        tx,
                                                        key,
                                                        "capture",
                                                        charge,
                                                        amount,
                                                        "failed",
                                                        "-",
                                                        "This charge cannot be captured (not authorized, already captured or voided, or the "
                                                                + "amount is not between one minor unit and the authorization).")))
                .map(r -> "succeeded".equals(r.outcome())
                        ? new CaptureResult(true, r.reference(), Long.parseLong(r.detail()), null)
                        : new CaptureResult(false, null, 0, r.detail()));
    }

    @Override
    public Uni<ChargeState> chargeState(String charge) {
        return fault("retrieve", charge)
                .flatMap(x -> store.charge(charge).map(found -> {
                    SandboxStore.Charge r =
                            found.orElseThrow(() -> new IllegalStateException("sandbox: no charge " + charge));
                    switch (r.status()) {
                        case "requires_action" -> {
                            return ChargeState.awaiting(new ActionRequired(
                                    r.id(), r.clientSecret(), "redirect_to_url", r.nextActionUrl(), r.cardCountry()));
                        }
                        case "requires_payment_method" -> {
                            return ChargeState.declined(new Declined(r.failureCode(), r.failureMessage()));
                        }
                        default -> {}
                    }
                    ChargeState.Status status = switch (r.status()) {
                        case "authorized" -> ChargeState.Status.AUTHORIZED;
                        case "captured" -> ChargeState.Status.CAPTURED;
                        default -> ChargeState.Status.CANCELED;
                    };
                    return new ChargeState(
                            status, r.captured(), r.refunded(), r.fee() == null ? 0 : Long.parseLong(r.fee()));
                }));
    }

    @Override
    public Uni<OperationResult> voidAuthorization(String key, String charge) {
        return once(
                        "void",
                        charge,
                        key,
                        tx -> store.cancel(tx, charge)
                                .flatMap(canceled -> canceled
                                        ? store.record(tx, key, "void", charge, 0, "succeeded", charge, null)
                                        : store.record(
                                                tx,
                                                key,
                                                "void",
                                                charge,
                                                0,
                                                "failed",
                                                "-",
                                                "This charge cannot be canceled.")))
                .map(SandboxProvider::toOperationResult);
    }

    @Override
    public Uni<OperationResult> refund(String key, String charge, long amount) {
        return once(
                        "refund",
                        charge,
                        key,
                        tx -> store.refund(tx, charge, amount)
                                .flatMap(refunded -> refunded
                                        ? store.record(
                                                tx,
                                                key,
                                                "refund",
                                                charge,
                                                amount,
                                                "succeeded",
                                                "re_sbx_" + UUID.randomUUID(),
                                                null)
                                        : store.record(
                                                tx,
                                                key,
                                                "refund",
                                                charge,
                                                amount,
                                                "failed",
                                                "-",
                                                "The refund failed: the charge is not captured, has less left to refund, or its card "
                                                        + "cannot receive refunds.")))
                .map(SandboxProvider::toOperationResult);
    }

    @Override
    public Uni<java.util.List<ProviderTransfer>> transfersSince(java.time.Instant since) {
        return store.transfersSince(since);
    }

    @Override
    public Uni<Optional<OperationResult>> findRefund(String charge, String key) {
        return fault("retrieve", charge)
                .flatMap(x ->
                        store.refundByKey(key, charge).map(found -> found.map(SandboxProvider::toOperationResult)));
    }

    @Override
    public Uni<OperationResult> transfer(
            String key, String account, long amount, String transferGroup, String sourceCharge) {
        return once(
                        "transfer",
                        account,
                        key,
                        tx -> store.record(
                                        tx,
                                        key,
                                        "transfer",
                                        sourceCharge == null ? "-" : sourceCharge,
                                        amount,
                                        "succeeded",
                                        "tr_sbx_" + UUID.randomUUID(),
                                        account)
                                .flatMap(r -> store.setTransferGroup(tx, key, transferGroup)))
                .map(SandboxProvider::toOperationResult)
                .onFailure(BalanceShort.class)
                .recoverWithItem(e -> new OperationResult(false, null, e.getMessage(), BALANCE_INSUFFICIENT));
    }

    @Override
    public Uni<Optional<String>> findTransfer(String transferGroup) {
        return fault("retrieve", transferGroup).flatMap(x -> store.transferOf(transferGroup));
    }

    @Override
    public Uni<OperationResult> reverseTransfer(String key, String transfer, long amount) {
        return once(
                        "transfer_reversal",
                        transfer,
                        key,
                        tx -> store.record(
                                tx,
                                key,
                                "transfer_reversal",
                                transfer,
                                amount,
                                "succeeded",
                                "trr_sbx_" + UUID.randomUUID(),
                                null))
                .map(SandboxProvider::toOperationResult);
    }

    @Override
    public Uni<AccountResult> createConnectedAccount(
            String key, String shopId, String country, String returnUrl, String refreshUrl) {
        return once(
                        "account",
                        shopId,
                        key,
                        tx -> store.record(
                                tx, key, "account", shopId, 0, "succeeded", "acct_sbx_" + UUID.randomUUID(), country))
                .map(r -> new AccountResult(true, r.reference(), null, true, null));
    }

    /** Sandbox accounts need no onboarding: the link leads straight back to where the seller came from. */
    @Override
    public Uni<OperationResult> onboardingLink(String key, String account, String returnUrl, String refreshUrl) {
        return Uni.createFrom().item(new OperationResult(true, returnUrl, null));
    }

    /** Sandbox connected accounts hold what was transferred to them less what was reversed. */
    @Override
    public Uni<Long> connectedAvailableBalance(String account) {
        return store.connectedBalance(account);
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
    private Uni<Operation> once(
            String kind, String subject, String key, Function<SqlClient, Uni<Operation>> operation) {
        return fault(kind, subject)
                .flatMap(mode -> BALANCE_INSUFFICIENT.equals(mode)
                        ? Uni.createFrom().failure(new BalanceShort())
                        : pool.withTransaction(tx -> store.lockKey(tx, key)
                                        .flatMap(x -> store.operation(tx, key))
                                        .flatMap(done -> done.isPresent()
                                                ? Uni.createFrom().item(done.get())
                                                : REFUSED.equals(mode)
                                                        ? refuse(tx, key, kind, subject)
                                                        : operation.apply(tx)))
                                .onItem()
                                .invoke(r -> {
                                    if ("lose_response".equals(mode)) {
                                        throw new ProviderUnavailable(
                                                "sandbox: " + kind + " " + key + " done, but the answer was lost "
                                                        + "(injected fault)",
                                                null);
                                    }
                                }));
    }

    /**
     * A planned 'refused' fault (captures, voids, refunds, transfers): the provider refuses the call for good and nothing
     * moves; like any outcome it is the answer to every later call under the same key.
     */
    private Uni<Operation> refuse(SqlClient tx, String key, String kind, String subject) {
        return store.record(
                tx,
                key,
                kind,
                subject,
                0,
                "failed",
                "-",
                "sandbox: the provider refused this " + kind + " (injected fault)");
    }

    /** A planned 'balance_insufficient' fault: Stripe refusing a transfer the platform's balance cannot cover yet. */
    static final class BalanceShort extends RuntimeException {
        BalanceShort() {
            super(
                    "Insufficient funds in Stripe account. In test mode, you can add funds to your available balance "
                            + "(bypassing your pending balance) by creating a charge with 4000 0000 0000 0077 as the card "
                            + "number. (sandbox: injected fault)",
                    null,
                    false,
                    false);
        }
    }

    /** Takes one planned fault for this kind of call: null when none; an 'unavailable' one fails here. */
    private Uni<String> fault(String kind, String subject) {
        return store.takeFault(kind, subject).invoke(mode -> {
            if ("unavailable".equals(mode)) {
                throw new ProviderUnavailable("sandbox: " + kind + " unavailable (injected fault)", null);
            }
        });
    }

    private static AuthorizeResult toAuthorizeResult(Operation r) {
        String[] detail = r.detail().split("\\|", 2);
        return switch (r.outcome()) {
            case "authorized" -> new Authorized(r.reference(), detail[0], detail[1]);
            case "requires_action" -> {
                String[] action = r.detail().split("\\|", 3);
                yield new ActionRequired(r.reference(), action[1], "redirect_to_url", action[2], action[0]);
            }
            case "blocked" -> new Blocked(detail[1], detail[0]);
            default -> new Declined(detail[0], detail[1]);
        };
    }

    private static OperationResult toOperationResult(Operation r) {
        boolean ok = "succeeded".equals(r.outcome());
        return new OperationResult(ok, ok ? r.reference() : null, ok ? null : r.detail());
    }
}
