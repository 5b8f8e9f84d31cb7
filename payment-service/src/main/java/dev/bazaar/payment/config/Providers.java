package dev.bazaar.payment.config;

import dev.bazaar.payment.provider.PaymentProvider;
import dev.bazaar.payment.provider.SandboxProvider;
import dev.bazaar.payment.provider.StripeProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** {@code bazaar.payments.provider}: {@code sandbox} (default, offline) or {@code stripe} (needs STRIPE_API_KEY). */
public class Providers {

    @Produces
    @ApplicationScoped
    PaymentProvider provider(PaymentConfig config, Instance<SandboxProvider> sandbox, Instance<StripeProvider> stripe) {
        return switch (config.provider()) {
            case "sandbox" -> sandbox.get();
            case "stripe" -> stripe.get();
            default ->
                throw new IllegalStateException(
                        "bazaar.payments.provider must be sandbox or stripe, not " + config.provider());
        };
    }
}
