package dev.bazaar.payment.provider;

import io.smallrye.mutiny.Uni;

/**
 * A card processor, shaped after Stripe Connect's "separate charges and transfers": the platform authorizes and
 * captures the buyer's charge (manual capture, the order id as transfer group) and later transfers each seller's share
 * to their connected account. Every call carries an idempotency key: a repeated call with the same key returns the
 * first call's outcome and moves no money again. Amounts are USD minor units.
 */
public interface PaymentProvider {

    String name();

    /**
     * Authorize without capturing. The card's country comes back for the fraud rules. {@code paymentId} is ours, for
     * the provider's records (Stripe: the PaymentIntent's metadata; the sandbox: its challenge page's address). A card
     * that asks the buyer to authenticate (3-D Secure) answers {@link ActionRequired}: the hold exists only once the
     * buyer completed the challenge, which {@link #chargeState} tells.
     */
    Uni<AuthorizeResult> authorize(
            String idempotencyKey, long amount, String paymentMethod, String transferGroup, String paymentId);

    Uni<CaptureResult> capture(String idempotencyKey, String chargeReference, long amount);

    /**
     * Where a charge stands at the provider now (Stripe: the PaymentIntent's status): how a caller that lost an answer
     * learns whether the money moved before it decides anything.
     */
    Uni<ChargeState> chargeState(String chargeReference);

    Uni<OperationResult> voidAuthorization(String idempotencyKey, String chargeReference);

    Uni<OperationResult> refund(String idempotencyKey, String chargeReference, long amount);

    /**
     * The refund made under {@code idempotencyKey} for this charge, if the provider has one (Stripe: the charge's
     * refunds, matched by the key in their metadata): what a caller that lost a refund's answer asks before trying
     * again, since Stripe forgets idempotency keys after 24 hours.
     */
    Uni<java.util.Optional<OperationResult>> findRefund(String chargeReference, String idempotencyKey);

    Uni<OperationResult> transfer(
            String idempotencyKey, String connectedAccount, long amount, String transferGroup, String sourceCharge);

    /**
     * The transfer made for a transfer group, if the provider has one: how a caller that lost a transfer's answer (a
     * timeout, a crash) learns what happened before it tries again. Idempotency keys alone do not suffice: Stripe
     * forgets them after 24 hours.
     */
    Uni<java.util.Optional<String>> findTransfer(String transferGroup);

    /** Every transfer the provider made since {@code since}, for reconciliation against the payouts. */
    Uni<java.util.List<ProviderTransfer>> transfersSince(java.time.Instant since);

    record ProviderTransfer(String reference, String transferGroup, long amount, String destination) {}

    Uni<OperationResult> reverseTransfer(String idempotencyKey, String transferReference, long amount);

    /**
     * Opens an Express connected account for a shop and an onboarding link the seller follows (sandbox: verified at
     * once, no link needed). The link returns the seller to {@code returnUrl}, or to {@code refreshUrl} once expired.
     */
    Uni<AccountResult> createConnectedAccount(
            String idempotencyKey, String shopId, String country, String returnUrl, String refreshUrl);

    /**
     * A fresh onboarding link for an existing connected account (links expire within minutes and work once), where the
     * seller gives what is still due; the reference of the answer is the link's URL.
     */
    Uni<OperationResult> onboardingLink(
            String idempotencyKey, String connectedAccount, String returnUrl, String refreshUrl);

    /** What can be taken back from a connected account right now (its available balance), for transfer reversals. */
    Uni<Long> connectedAvailableBalance(String connectedAccount);

    sealed interface AuthorizeResult {}

    record Authorized(String reference, String cardCountry, String riskLevel) implements AuthorizeResult {}

    /** The issuer declined ({@code code} like Stripe's decline codes). */
    record Declined(String code, String message) implements AuthorizeResult {}

    /** The provider's own risk engine blocked it (Stripe Radar). */
    record Blocked(String message, String riskLevel) implements AuthorizeResult {}

    /**
     * The card asks the buyer to authenticate (3-D Secure / SCA, Stripe's {@code requires_action}): nothing is held
     * until the buyer completes the challenge in their app with {@code clientSecret} (Stripe.js) or at
     * {@code redirectUrl}. {@code nextActionType} is Stripe's {@code next_action.type} ({@code use_stripe_sdk} or
     * {@code redirect_to_url}); {@code redirectUrl} is null unless it is a redirect. The client secret lets whoever has
     * it finish this payment: it goes to the buyer only, is never stored by the service nor logged (not even by
     * {@link #toString()}).
     */
    record ActionRequired(
            String reference, String clientSecret, String nextActionType, String redirectUrl, String cardCountry)
            implements AuthorizeResult {
        @Override
        public String toString() {
            return "ActionRequired[reference=" + reference + ", clientSecret=(not shown), nextActionType="
                    + nextActionType + ", redirectUrl=" + redirectUrl + ", cardCountry=" + cardCountry + "]";
        }
    }

    record CaptureResult(boolean succeeded, String reference, long fee, String failure) {}

    /**
     * A charge as the provider has it: AUTHORIZED (a hold, capturable), CAPTURED ({@code captured} taken, {@code fee}
     * charged), CANCELED (the hold released or expired, or the payment cancelled before it was authorized),
     * IN_PROGRESS (the provider is still deciding; ask again), REQUIRES_ACTION (still waiting for the buyer to
     * authenticate: {@code action} says how, with the client secret), or DECLINED (the buyer failed or abandoned the
     * challenge, or the issuer declined after it — Stripe's {@code requires_payment_method}: nothing is held;
     * {@code declined} carries the provider's code and message).
     */
    record ChargeState(
            Status status, long captured, long refunded, long fee, Declined declined, ActionRequired action) {
        public ChargeState(Status status, long captured, long refunded, long fee) {
            this(status, captured, refunded, fee, null, null);
        }

        public static ChargeState of(Status status) {
            return new ChargeState(status, 0, 0, 0);
        }

        public static ChargeState awaiting(ActionRequired action) {
            return new ChargeState(Status.REQUIRES_ACTION, 0, 0, 0, null, action);
        }

        public static ChargeState declined(Declined declined) {
            return new ChargeState(Status.DECLINED, 0, 0, 0, declined, null);
        }

        public enum Status {
            AUTHORIZED,
            CAPTURED,
            CANCELED,
            IN_PROGRESS,
            REQUIRES_ACTION,
            DECLINED
        }
    }

    /**
     * @param code the provider's error code of a refusal (Stripe's {@code code}, e.g. {@code balance_insufficient}), when
     *        it gave one
     */
    record OperationResult(boolean succeeded, String reference, String failure, String code) {
        public OperationResult(boolean succeeded, String reference, String failure) {
            this(succeeded, reference, failure, null);
        }
    }

    /** Stripe's code for a transfer the platform's available balance cannot cover yet. */
    String BALANCE_INSUFFICIENT = "balance_insufficient";

    record AccountResult(boolean succeeded, String accountId, String onboardingUrl, boolean verified, String failure) {}

    /** The provider cannot be reached (outage, circuit open): a clean, typed failure for callers. */
    class ProviderUnavailable extends RuntimeException implements dev.bazaar.kit.consumer.TransientFailure {
        public ProviderUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
