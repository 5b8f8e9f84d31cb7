package dev.bazaar.payment.provider;

import com.stripe.Stripe;
import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.Account;
import com.stripe.model.AccountLink;
import com.stripe.model.Balance;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.AccountCreateParams;
import com.stripe.param.AccountLinkCreateParams;
import com.stripe.param.PaymentIntentCaptureParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.RefundListParams;
import com.stripe.param.TransferCreateParams;
import com.stripe.param.TransferListParams;
import com.stripe.param.TransferReversalCreateParams;
import dev.bazaar.contracts.money.Money;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * Stripe Connect, "separate charges and transfers", through stripe-java: manual-capture PaymentIntents with the
 * order as transfer group, captures, cancels, refunds on the PaymentIntent, Transfers to Express accounts and explicit
 * Transfer Reversals. Every call that changes something at Stripe (PaymentIntent create, capture and cancel,
 * Refund, Transfer, Transfer Reversal, Account and Account Link create) carries the caller's idempotency key, derived
 * from our own ids, as its {@code Idempotency-Key} — the Account Link the account's key plus {@code ":link"}; reads
 * (retrieve, list, balance) carry none. stripe-java retries rate limits, 5xx and network errors with backoff under the
 * same key. What still fails for lack of Stripe — and every call while the circuit breaker (SmallRye Fault
 * Tolerance, {@code bazaar.stripe.breaker.*}: open after 5 such failures in a row, for 30 s, then one trial call) is
 * open — is a {@link ProviderUnavailable}. stripe-java blocks, so calls run on the worker pool, never on the event
 * loop.
 *
 * <p><b>Currency.</b> The adapter works in one currency, {@code bazaar.stripe.currency}
 * ({@link StripeSettings#currency}, default USD): every PaymentIntent, capture, refund, transfer and reversal is in it,
 * and the {@code long} amounts of {@link PaymentProvider} are its ISO 4217 minor units. Every amount crosses to
 * Stripe through {@link StripeAmounts#toStripe} and back through {@link StripeAmounts#fromStripe} (ISK is two-decimal
 * at Stripe, the three-decimal currencies must end in 0). An amount Stripe cannot take (1.235 KWD) is refused before
 * any request, as a failed result, never rounded. An amount Stripe reports in another currency (a fee or balance in
 * the settlement currency when that is not the adapter's) is an {@link IllegalStateException}, never mixed in: the
 * setting must be a currency the platform account settles in.
 *
 * <p><b>API version.</b> Every request names {@link #API_VERSION} as its {@code Stripe-Version}: the version this
 * stripe-java release was generated for ({@link Stripe#API_VERSION}; its models parse only that version's shapes), so
 * the pin moves only with a deliberate stripe-java upgrade, and a unit test fails until this constant follows it.
 * Stripe's webhook endpoints (platform and Connect) must be created in the dashboard (or the API) <b>with the same
 * API version</b>: an event's payload has the shape of its endpoint's version, not of the requests', so an endpoint on
 * the account's default version would send objects shaped for another version. After an upgrade, create new endpoints
 * on the new version and retire the old ones.
 */
@ApplicationScoped
@Typed(StripeProvider.class)
public class StripeProvider implements PaymentProvider {

    /**
     * The Stripe API version every request is made with ({@code Stripe-Version}), and the one the webhook endpoints
     * must be created with: stripe-java's {@link Stripe#API_VERSION} for the release in the build, written out so
     * that an upgrade is a visible change here (and a failing test until it is made).
     */
    public static final String API_VERSION = "2026-07-29.dahlia";
    /** Each refund carries our idempotency key, so that it can be found again once Stripe has forgotten the key. */
    static final String KEY_METADATA = "bazaar_idempotency_key";
    /** Each PaymentIntent names the payment it is for (the dashboard, support, and webhooks read it). */
    static final String PAYMENT_METADATA = "bazaar_payment_id";

    private final StripeSettings settings;
    private final StripeClient client;
    /** The adapter's one currency, and its lowercase form as Stripe takes it. */
    private final Currency currency;

    private final String stripeCurrency;
    /** One circuit breaker for every call to Stripe: an outage is Stripe's, whichever call meets it. */
    private final Guard breaker;

    private final AtomicReference<CircuitBreakerState> breakerState = new AtomicReference<>(CircuitBreakerState.CLOSED);

    @Inject
    public StripeProvider(StripeSettings settings) {
        this(settings, settings.breaker().failures(), settings.breaker().delay());
    }

    /** With a breaker that opens after {@code failures} outages in a row, for {@code openFor}. */
    StripeProvider(StripeSettings settings, int failures, Duration openFor) {
        this.settings = settings;
        // a rolling window of the last `failures` calls, all failed: that many outages in a row; half-open lets one
        // trial call through, whose success closes the breaker. Only an outage counts: a refusal is an answer.
        this.breaker = Guard.create()
                .withDescription("Stripe")
                .withCircuitBreaker()
                .requestVolumeThreshold(failures)
                .failureRatio(1.0)
                .delay(openFor.toMillis(), ChronoUnit.MILLIS)
                .successThreshold(1)
                .failOn(ProviderUnavailable.class)
                .onStateChange(breakerState::set)
                .done()
                .build();
        try {
            this.currency = Money.currency(settings.currency().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bazaar.stripe.currency: " + e.getMessage(), e);
        }
        this.stripeCurrency = StripeAmounts.currency(currency);
        this.client = settings.apiKey()
                .map(key -> StripeClient.builder()
                        .setApiKey(key)
                        .setApiBase(settings.apiBase())
                        .setConnectBase(settings.connectBase())
                        .setMaxNetworkRetries(settings.maxNetworkRetries())
                        .setConnectTimeout((int) settings.timeout().toMillis())
                        .setReadTimeout((int) settings.timeout().toMillis())
                        .build())
                .orElse(null);
    }

    @Override
    public String name() {
        return "stripe";
    }

    /**
     * A manual-capture PaymentIntent confirmed at once, with our payment id in its metadata.
     * {@code requires_capture}: authorized. {@code requires_action}: the card asks the buyer to authenticate (3-D
     * Secure) — the client secret and Stripe's next action go back to the buyer's app; the card's country comes from
     * the (expanded) payment method, since no charge exists before the challenge. A card error is a decline (Radar's
     * {@code fraudulent} a block).
     */
    @Override
    public Uni<AuthorizeResult> authorize(
            String key, long amount, String paymentMethod, String transferGroup, String paymentId) {
        String refused = unsendable(amount);
        if (refused != null) {
            return Uni.createFrom().item(new Declined("invalid_charge_amount", refused));
        }
        return call(() -> {
            try {
                PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
                        .setAmount(toStripe(amount))
                        .setCurrency(stripeCurrency)
                        .setPaymentMethod(paymentMethod)
                        .setConfirm(true)
                        .setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.MANUAL)
                        .addPaymentMethodType("card")
                        .setTransferGroup(transferGroup)
                        .addExpand("latest_charge")
                        .addExpand("payment_method");
                if (paymentId != null) {
                    params.putMetadata(PAYMENT_METADATA, paymentId);
                }
                PaymentIntent pi = client.paymentIntents().create(params.build(), options(key));
                Charge charge = pi.getLatestChargeObject();
                String country = charge == null
                                || charge.getPaymentMethodDetails() == null
                                || charge.getPaymentMethodDetails().getCard() == null
                        ? cardCountry(pi)
                        : charge.getPaymentMethodDetails().getCard().getCountry();
                String risk = charge == null || charge.getOutcome() == null
                        ? null
                        : charge.getOutcome().getRiskLevel();
                return switch (String.valueOf(pi.getStatus())) {
                    case "requires_capture" -> new Authorized(pi.getId(), country, risk);
                    case "requires_action" -> actionRequired(pi, country);
                    default -> new Declined(pi.getStatus(), "The payment was not authorized (" + pi.getStatus() + ").");
                };
            } catch (CardException e) {
                boolean radar = "fraudulent".equals(e.getDeclineCode()); // how Stripe answers a Radar block
                return radar
                        ? new Blocked(message(e), "highest")
                        : new Declined(e.getDeclineCode() != null ? e.getDeclineCode() : e.getCode(), message(e));
            }
        });
    }

    /** What the buyer's app needs to authenticate: the client secret and Stripe's next action (a redirect's URL). */
    private static ActionRequired actionRequired(PaymentIntent pi, String cardCountry) {
        PaymentIntent.NextAction next = pi.getNextAction();
        String type = next == null ? null : next.getType();
        String url = next != null && next.getRedirectToUrl() != null
                ? next.getRedirectToUrl().getUrl()
                : null;
        return new ActionRequired(pi.getId(), pi.getClientSecret(), type, url, cardCountry);
    }

    /** The card's country from the PaymentIntent's payment method, when it was expanded. */
    private static String cardCountry(PaymentIntent pi) {
        var pm = pi.getPaymentMethodObject();
        return pm == null || pm.getCard() == null ? null : pm.getCard().getCountry();
    }

    @Override
    public Uni<CaptureResult> capture(String key, String paymentIntent, long amount) {
        String refused = unsendable(amount);
        if (refused != null) {
            return Uni.createFrom().item(new CaptureResult(false, null, 0, refused));
        }
        return call(() -> {
            try {
                PaymentIntent pi = client.paymentIntents()
                        .capture(
                                paymentIntent,
                                PaymentIntentCaptureParams.builder()
                                        .setAmountToCapture(toStripe(amount))
                                        .addExpand("latest_charge.balance_transaction")
                                        .build(),
                                options(key));
                Charge charge = pi.getLatestChargeObject();
                long fee = fee(charge);
                return new CaptureResult(true, charge != null ? charge.getId() : pi.getId(), fee, null);
            } catch (InvalidRequestException | CardException e) {
                return new CaptureResult(false, null, 0, message(e));
            }
        });
    }

    @Override
    public Uni<ChargeState> chargeState(String paymentIntent) {
        return call(() -> {
            PaymentIntent pi = client.paymentIntents()
                    .retrieve(
                            paymentIntent,
                            PaymentIntentRetrieveParams.builder()
                                    .addExpand("latest_charge.balance_transaction")
                                    .build(),
                            reading());
            Charge charge = pi.getLatestChargeObject();
            return switch (String.valueOf(pi.getStatus())) {
                case "requires_capture" -> new ChargeState(ChargeState.Status.AUTHORIZED, 0, 0, 0);
                // the buyer has not authenticated yet (3-D Secure): nothing is held
                case "requires_action" -> ChargeState.awaiting(actionRequired(pi, null));
                // the challenge failed or was abandoned, or the issuer declined after it: nothing is held
                case "requires_payment_method" -> ChargeState.declined(lastError(pi));
                case "succeeded" ->
                    new ChargeState(
                            ChargeState.Status.CAPTURED,
                            fromStripe(pi.getAmountReceived(), pi.getCurrency(), "amount_received"),
                            charge != null && charge.getAmountRefunded() != null
                                    ? fromStripe(charge.getAmountRefunded(), charge.getCurrency(), "amount_refunded")
                                    : 0,
                            fee(charge));
                case "canceled" -> new ChargeState(ChargeState.Status.CANCELED, 0, 0, 0);
                default -> new ChargeState(ChargeState.Status.IN_PROGRESS, 0, 0, 0);
            };
        });
    }

    /** Why a PaymentIntent needs a new payment method: Stripe's {@code last_payment_error}, its code and message. */
    private static Declined lastError(PaymentIntent pi) {
        var error = pi.getLastPaymentError();
        if (error == null) {
            return new Declined("requires_payment_method", "The payment was not authorized.");
        }
        String code = error.getDeclineCode() != null ? error.getDeclineCode() : error.getCode();
        return new Declined(
                code,
                error.getMessage() != null ? error.getMessage() : "The payment was not authorized (" + code + ").");
    }

    /** Cancels the PaymentIntent: a hold (requires_capture) is released; one still waiting for the buyer ends. */
    @Override
    public Uni<OperationResult> voidAuthorization(String key, String paymentIntent) {
        return operation(() ->
                client.paymentIntents().cancel(paymentIntent, options(key)).getId());
    }

    @Override
    public Uni<OperationResult> refund(String key, String paymentIntent, long amount) {
        String refused = unsendable(amount);
        if (refused != null) {
            return Uni.createFrom().item(new OperationResult(false, null, refused));
        }
        return call(() -> {
            try {
                Refund r = client.refunds()
                        .create(
                                RefundCreateParams.builder()
                                        .setPaymentIntent(paymentIntent)
                                        .setAmount(toStripe(amount))
                                        .putMetadata(KEY_METADATA, key)
                                        .build(),
                                options(key));
                return toResult(r);
            } catch (InvalidRequestException | CardException e) {
                return new OperationResult(false, null, message(e));
            }
        });
    }

    @Override
    public Uni<java.util.Optional<OperationResult>> findRefund(String paymentIntent, String key) {
        return call(() -> {
            for (Refund r : client.refunds()
                    .list(
                            RefundListParams.builder()
                                    .setPaymentIntent(paymentIntent)
                                    .setLimit(100L)
                                    .build(),
                            reading())
                    .autoPagingIterable()) {
                if (r.getMetadata() != null && key.equals(r.getMetadata().get(KEY_METADATA))) {
                    return java.util.Optional.of(toResult(r));
                }
            }
            return java.util.Optional.<OperationResult>empty();
        });
    }

    private static OperationResult toResult(Refund r) {
        return "failed".equals(r.getStatus()) || "canceled".equals(r.getStatus())
                ? new OperationResult(
                        false,
                        r.getId(),
                        "refund " + r.getStatus() + (r.getFailureReason() == null ? "" : ": " + r.getFailureReason()))
                : new OperationResult(true, r.getId(), null);
    }

    @Override
    public Uni<OperationResult> transfer(
            String key, String account, long amount, String transferGroup, String sourceCharge) {
        String refused = unsendable(amount);
        if (refused != null) {
            return Uni.createFrom().item(new OperationResult(false, null, refused));
        }
        return operation(() -> {
            TransferCreateParams.Builder p = TransferCreateParams.builder()
                    .setAmount(toStripe(amount))
                    .setCurrency(stripeCurrency)
                    .setDestination(account)
                    .setTransferGroup(transferGroup);
            if (sourceCharge != null) {
                p.setSourceTransaction(sourceCharge);
            }
            return client.transfers().create(p.build(), options(key)).getId();
        });
    }

    @Override
    public Uni<java.util.Optional<String>> findTransfer(String transferGroup) {
        return call(() -> client
                .transfers()
                .list(
                        TransferListParams.builder()
                                .setTransferGroup(transferGroup)
                                .setLimit(1L)
                                .build(),
                        reading())
                .getData()
                .stream()
                .map(com.stripe.model.Transfer::getId)
                .findFirst());
    }

    @Override
    public Uni<java.util.List<ProviderTransfer>> transfersSince(java.time.Instant since) {
        return call(() -> {
            java.util.List<ProviderTransfer> out = new java.util.ArrayList<>();
            for (com.stripe.model.Transfer t : client.transfers()
                    .list(
                            TransferListParams.builder()
                                    .setLimit(100L)
                                    .setCreated(TransferListParams.Created.builder()
                                            .setGte(since.getEpochSecond())
                                            .build())
                                    .build(),
                            reading())
                    .autoPagingIterable()) {
                out.add(new ProviderTransfer(
                        t.getId(),
                        t.getTransferGroup(),
                        fromStripe(t.getAmount(), t.getCurrency(), "transfer " + t.getId()),
                        t.getDestination()));
            }
            return out;
        });
    }

    @Override
    public Uni<OperationResult> reverseTransfer(String key, String transfer, long amount) {
        String refused = unsendable(amount);
        if (refused != null) {
            return Uni.createFrom().item(new OperationResult(false, null, refused));
        }
        return operation(() -> client.transfers()
                .reversals()
                .create(
                        transfer,
                        TransferReversalCreateParams.builder()
                                .setAmount(toStripe(amount))
                                .build(),
                        options(key))
                .getId());
    }

    /** The account is created under {@code key}, its onboarding link under {@code key + ":link"}. */
    @Override
    public Uni<AccountResult> createConnectedAccount(
            String key, String shopId, String country, String returnUrl, String refreshUrl) {
        return call(() -> {
            try {
                Account account = client.accounts()
                        .create(
                                AccountCreateParams.builder()
                                        .setType(AccountCreateParams.Type.EXPRESS)
                                        .setCountry(country)
                                        .setCapabilities(AccountCreateParams.Capabilities.builder()
                                                .setTransfers(AccountCreateParams.Capabilities.Transfers.builder()
                                                        .setRequested(true)
                                                        .build())
                                                .build())
                                        .putMetadata("shop_id", shopId)
                                        .build(),
                                options(key));
                AccountLink link = client.accountLinks()
                        .create(
                                AccountLinkCreateParams.builder()
                                        .setAccount(account.getId())
                                        .setType(AccountLinkCreateParams.Type.ACCOUNT_ONBOARDING)
                                        .setReturnUrl(returnUrl)
                                        .setRefreshUrl(refreshUrl)
                                        .build(),
                                options(key + ":link"));
                boolean verified = Boolean.TRUE.equals(account.getDetailsSubmitted())
                        && Boolean.TRUE.equals(account.getPayoutsEnabled());
                return new AccountResult(true, account.getId(), link.getUrl(), verified, null);
            } catch (InvalidRequestException e) {
                return new AccountResult(false, null, null, false, e.getMessage());
            }
        });
    }

    @Override
    public Uni<Long> connectedAvailableBalance(String account) {
        return call(() -> {
            Balance b =
                    client.balance().retrieve(versioned(RequestOptions.builder().setStripeAccount(account)));
            long available = 0;
            for (Balance.Available a : b.getAvailable()) {
                if (stripeCurrency.equals(a.getCurrency())) {
                    available = Math.addExact(available, fromStripe(a.getAmount(), a.getCurrency(), "balance"));
                }
            }
            return available;
        });
    }

    @Override
    public Uni<OperationResult> onboardingLink(String key, String account, String returnUrl, String refreshUrl) {
        return operation(() -> client.accountLinks()
                .create(
                        AccountLinkCreateParams.builder()
                                .setAccount(account)
                                .setType(AccountLinkCreateParams.Type.ACCOUNT_ONBOARDING)
                                .setReturnUrl(returnUrl)
                                .setRefreshUrl(refreshUrl)
                                .build(),
                        options(key))
                .getUrl());
    }

    /** Stripe's own message for the buyer, without the request id and code stripe-java appends. */
    private static String message(StripeException e) {
        return e.getStripeError() != null && e.getStripeError().getMessage() != null
                ? e.getStripeError().getMessage()
                : e.getMessage();
    }

    /**
     * Why {@code amount} (minor units of the adapter's currency) cannot be sent to Stripe as it is, or null when it
     * can. Nothing is ever rounded to make it fit.
     */
    private String unsendable(long amount) {
        try {
            toStripe(amount);
            return null;
        } catch (IllegalArgumentException | ArithmeticException e) {
            return "refused before calling Stripe, not rounded: " + e.getMessage();
        }
    }

    /** An amount in the adapter's currency as Stripe takes it (only after {@link #unsendable} found none). */
    private long toStripe(long amount) {
        return StripeAmounts.toStripe(new Money(amount, currency));
    }

    /**
     * An amount Stripe reported, in minor units of the adapter's currency; one in another currency cannot be given
     * to a caller that counts in this one, so it is an error, never converted or mixed in.
     */
    private long fromStripe(Long amount, String currencyAtStripe, String what) {
        if (amount == null || currencyAtStripe == null) {
            throw new IllegalStateException("Stripe reported " + what + " without an amount or currency");
        }
        Money m = StripeAmounts.fromStripe(amount, currencyAtStripe);
        if (!m.currency().equals(currency)) {
            throw new IllegalStateException("Stripe reported " + what + " in " + m.currencyCode() + ", but the adapter "
                    + "works in " + currency.getCurrencyCode() + " (bazaar.stripe.currency must be a currency the "
                    + "platform account settles in)");
        }
        return m.amount();
    }

    /** Stripe's fee for a captured charge, from its balance transaction (0 when it has none yet). */
    private long fee(Charge charge) {
        if (charge == null || charge.getBalanceTransactionObject() == null) {
            return 0;
        }
        var txn = charge.getBalanceTransactionObject();
        return fromStripe(txn.getFee(), txn.getCurrency(), "the fee of " + charge.getId());
    }

    /** A mutating call's options: its idempotency key and the pinned API version. */
    private static RequestOptions options(String idempotencyKey) {
        return versioned(RequestOptions.builder().setIdempotencyKey(idempotencyKey));
    }

    /** A read's options: the pinned API version, no idempotency key. */
    private static RequestOptions reading() {
        return versioned(RequestOptions.builder());
    }

    /**
     * Every request's {@code Stripe-Version} is {@link #API_VERSION}. stripe-java's client builder has no setting for
     * it; the per-request override is named "unsafe" because a version other than the one the models were generated
     * for would be misread — {@link #API_VERSION} is that very version (a test holds them equal).
     */
    private static RequestOptions versioned(RequestOptions.RequestOptionsBuilder options) {
        return RequestOptions.RequestOptionsBuilder.unsafeSetStripeVersionOverride(options, API_VERSION)
                .build();
    }

    interface StripeCall<T> {
        T run() throws StripeException;
    }

    private Uni<OperationResult> operation(StripeCall<String> call) {
        return call(() -> {
            try {
                return new OperationResult(true, call.run(), null);
            } catch (InvalidRequestException | CardException e) {
                return new OperationResult(false, null, e.getMessage(), e.getCode());
            }
        });
    }

    /** The breaker's state: CLOSED, OPEN (every call fails fast) or HALF_OPEN (one trial call under way). */
    CircuitBreakerState breakerState() {
        return breakerState.get();
    }

    /**
     * Runs a blocking Stripe call on the worker pool, behind the breaker (each subscription is one call); an
     * unreachable Stripe, or an open breaker, is a {@link ProviderUnavailable}.
     */
    private <T> Uni<T> call(StripeCall<T> call) {
        if (client == null) {
            return Uni.createFrom().failure(() -> new ProviderUnavailable("bazaar.stripe.api-key is not set", null));
        }
        return Uni.createFrom()
                .deferred(() -> breaker.get(() -> attempt(call), new TypeLiteral<Uni<T>>() {}))
                .onFailure(CircuitBreakerOpenException.class)
                .transform(e -> new ProviderUnavailable("Stripe is unavailable (circuit open)", e));
    }

    /** One Stripe call: an outage (what the breaker counts) is a {@link ProviderUnavailable}, a refusal is not. */
    private static <T> Uni<T> attempt(StripeCall<T> call) {
        return Uni.createFrom()
                .item(() -> {
                    try {
                        return call.run();
                    } catch (ApiConnectionException | RateLimitException e) {
                        throw new ProviderUnavailable("Stripe could not be reached: " + e.getMessage(), e);
                    } catch (StripeException e) {
                        if (e.getStatusCode() != null && e.getStatusCode() >= 500) {
                            throw new ProviderUnavailable("Stripe failed: " + e.getMessage(), e);
                        }
                        throw new IllegalStateException("Stripe refused the request: " + e.getMessage(), e);
                    }
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
