package dev.bazaar.payment.rest;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.payment.config.WebhookSecrets;
import dev.bazaar.payment.service.StripeWebhooks;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

/**
 * Stripe's webhooks: the platform endpoint and the Connect endpoint (events about connected accounts, {@code account}
 * set), each verified with its own signing secret ({@code Stripe-Signature}, 5-minute tolerance). A bad or stale
 * signature, or an event sent to the wrong endpoint, is 400 and nothing is stored. The signature is the only
 * credential (no bearer token): Stripe cannot have one.
 */
@Path("/api/v1/webhooks")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class StripeWebhookResource {

    private final StripeWebhooks webhooks;
    private final Optional<String> platformSecret;
    private final Optional<String> connectSecret;

    public StripeWebhookResource(StripeWebhooks webhooks, WebhookSecrets secrets) {
        this.webhooks = webhooks;
        this.platformSecret = secrets.stripeSecret();
        this.connectSecret = secrets.stripeConnectSecret();
    }

    @POST
    @Path("stripe")
    @Consumes(MediaType.WILDCARD)
    public Uni<StripeWebhooks.Outcome> platform(
            String payload,
            @HeaderParam("Stripe-Signature") @Size(max = 1000, message = "is at most 1000 characters")
                    String signature) {
        Event event = verify(payload, signature, platformSecret);
        if (event.getAccount() != null) {
            throw invalid("a Connect event belongs on /api/v1/webhooks/stripe-connect");
        }
        return webhooks.apply("platform", payload);
    }

    @POST
    @Path("stripe-connect")
    @Consumes(MediaType.WILDCARD)
    public Uni<StripeWebhooks.Outcome> connect(
            String payload,
            @HeaderParam("Stripe-Signature") @Size(max = 1000, message = "is at most 1000 characters")
                    String signature) {
        Event event = verify(payload, signature, connectSecret);
        if (event.getAccount() == null) {
            throw invalid("a Connect event names its connected account");
        }
        return webhooks.apply("connect", payload);
    }

    private static Event verify(String payload, String signature, Optional<String> secret) {
        if (secret.isEmpty()) {
            throw new ProblemException(
                    "webhook-not-configured",
                    "Webhook not configured",
                    503,
                    "This webhook's signing secret is not configured.");
        }
        if (payload == null || signature == null) {
            throw invalid("a signed Stripe event is required");
        }
        try {
            return Webhook.constructEvent(payload, signature, secret.get());
        } catch (SignatureVerificationException e) {
            throw invalid("the Stripe-Signature does not match this payload, or is too old");
        } catch (RuntimeException e) {
            throw invalid("not a Stripe event");
        }
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException("invalid-webhook", "Invalid webhook", 400, detail);
    }
}
