package dev.bazaar.payment.rest;

import dev.bazaar.devstack.testing.RequestFieldSizes;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every string a client sends this service has a length limit (#21): the shared scan ({@link RequestFieldSizes}) reads
 * the compiled classes of this rest package, so a new request record or parameter without a limit fails here, by name.
 */
class RequestFieldSizesTest {

    /** Request strings whose limit is enforced elsewhere, and where. */
    static final Map<String, String> BOUNDED_ELSEWHERE = Map.of(
            "AdminRefundResource.refund(@HeaderParam Idempotency-Key)",
            "IdempotentRequest.of: 1 to 255 visible ASCII characters, else 400 idempotency-key-invalid",
            "StripeWebhookResource.platform(body)",
            "the signed Stripe event, verified byte for byte: quarkus.http.limits.max-body-size (1M)",
            "StripeWebhookResource.connect(body)",
            "the signed Stripe event, verified byte for byte: quarkus.http.limits.max-body-size (1M)");

    @Test
    void everyRequestStringHasALengthLimit() {
        RequestFieldSizes.assertEveryRequestStringIsBounded(
                PaymentResource.class,
                BOUNDED_ELSEWHERE,
                "AdminRefundResource.RefundRequest.reason",
                "SellerPayoutResource.AccountRequest.country",
                "StripeWebhookResource.platform(@HeaderParam Stripe-Signature)",
                "AdminReconciliationResource.run(@QueryParam lookback)",
                "AdminRefundQueueResource.queue(@QueryParam status)",
                "SandboxChallengeResource.ChallengeRequest.clientSecret",
                "SandboxChallengeResource.ChallengeRequest.outcome");
    }
}
