package dev.bazaar.payment.provider;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

/** Placeholder until the Stripe adapter lands: refuses every call so nothing pretends to have paid. */
@ApplicationScoped
@Typed(StripeProvider.class)
public class StripeProvider implements PaymentProvider {

    private static <T> Uni<T> missing() {
        return Uni.createFrom().failure(new ProviderUnavailable("the Stripe provider is not available yet", null));
    }

    @Override
    public String name() {
        return "stripe";
    }

    @Override
    public Uni<AuthorizeResult> authorize(String k, long amount, String pm, String group) {
        return missing();
    }

    @Override
    public Uni<CaptureResult> capture(String k, String charge, long amount) {
        return missing();
    }

    @Override
    public Uni<OperationResult> voidAuthorization(String k, String charge) {
        return missing();
    }

    @Override
    public Uni<OperationResult> refund(String k, String charge, long amount) {
        return missing();
    }

    @Override
    public Uni<OperationResult> transfer(String k, String account, long amount, String group, String source) {
        return missing();
    }

    @Override
    public Uni<OperationResult> reverseTransfer(String k, String transfer, long amount) {
        return missing();
    }

    @Override
    public Uni<AccountResult> createConnectedAccount(String k, String shopId, String country, String returnUrl) {
        return missing();
    }

    @Override
    public Uni<Long> connectedAvailableBalance(String account) {
        return missing();
    }
}
