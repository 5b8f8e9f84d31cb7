package dev.bazaar.payment.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * The signing secrets of Stripe's two webhook endpoints ({@code bazaar.webhooks.*}; production:
 * {@code STRIPE_WEBHOOK_SECRET}, {@code STRIPE_CONNECT_WEBHOOK_SECRET}). Without one, that endpoint refuses every event.
 */
@ConfigMapping(prefix = "bazaar.webhooks")
public interface WebhookSecrets {

    /** The platform account's endpoint. */
    Optional<String> stripeSecret();

    /** The Connect endpoint (events of the sellers' connected accounts). */
    Optional<String> stripeConnectSecret();
}
