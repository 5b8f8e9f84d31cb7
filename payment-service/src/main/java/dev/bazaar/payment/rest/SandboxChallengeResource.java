package dev.bazaar.payment.rest;

import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.kit.tenancy.CurrentUser;
import dev.bazaar.payment.config.PaymentConfig;
import dev.bazaar.payment.domain.Payment;
import dev.bazaar.payment.persistence.PaymentStore;
import dev.bazaar.payment.provider.SandboxProvider;
import dev.bazaar.payment.service.PaymentReconciler;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/**
 * The sandbox's stand-in for the card issuer's 3-D Secure page (ADR 0014): where a sandbox payment's
 * {@code PaymentActionRequired} sends the buyer ({@code redirect_to_url}). It is not a page but a POST the buyer's app
 * makes with the PaymentIntent's client secret in the body (never in the URL) and the buyer's answer:
 * {@code complete} authorizes the sandbox charge, {@code fail} leaves it declined ({@code requires_payment_method},
 * with Stripe's authentication failure). Either way the payment is then resumed as a Stripe webhook resumes it
 * (PaymentReconciler): PaymentAuthorized or PaymentDeclined to the saga, once.
 *
 * <p>Only the payment's own buyer may answer (another buyer, an unknown payment or a wrong client secret: 404); only
 * while the payments provider is the sandbox (with Stripe: 404 — Stripe hosts the real page); a challenge answered
 * already, or a payment voided meanwhile: 409 and nothing changes; an outcome other than {@code complete} or
 * {@code fail}: 400.
 */
@Path("/api/v1/payments/sandbox/challenges")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SandboxChallengeResource {

    public record ChallengeRequest(
            @NotNull(message = "is required") @Size(min = 1, max = 200, message = "must be 1 to 200 characters")
            String clientSecret,

            @NotNull(message = "must be complete or fail")
            @Pattern(regexp = "complete|fail", message = "must be complete or fail")
            String outcome) {}

    /** What the answer did: the payment's status once resumed (AUTHORIZED, DECLINED; VOIDED if voided meanwhile). */
    public record ChallengeView(UUID paymentId, String outcome, String status) {}

    private final Pool pool;
    private final PaymentStore store;
    private final SandboxProvider sandbox;
    private final PaymentReconciler reconciler;
    private final PaymentConfig config;
    private final CurrentUser user;

    public SandboxChallengeResource(
            Pool pool,
            PaymentStore store,
            SandboxProvider sandbox,
            PaymentReconciler reconciler,
            PaymentConfig config,
            CurrentUser user) {
        this.pool = pool;
        this.store = store;
        this.sandbox = sandbox;
        this.reconciler = reconciler;
        this.config = config;
        this.user = user;
    }

    @POST
    @Path("{paymentId}")
    @RolesAllowed("buyer")
    public Uni<ChallengeView> answer(
            @PathParam("paymentId") UUID paymentId,
            @Valid @NotNull(message = "a body with clientSecret and outcome is required") ChallengeRequest body) {
        if (!"sandbox".equals(config.provider())) {
            throw new ProblemException.NotFound("There is no sandbox challenge: payments go through "
                    + config.provider() + ", whose own page authenticates the buyer.");
        }
        String subject = user.subject();
        boolean complete = "complete".equals(body.outcome());
        return pool.withTransaction(tx -> store.byId(tx, paymentId, false))
                .map(found -> found.filter(p -> p.buyerSubject().equals(subject) && p.providerReference() != null)
                        .orElseThrow(() -> noChallenge(paymentId)))
                .flatMap(p -> sandbox.challenge(p.providerReference(), body.clientSecret(), complete))
                .flatMap(answer -> switch (answer) {
                    case UNKNOWN -> Uni.createFrom().failure(noChallenge(paymentId));
                    case OVER ->
                        Uni.createFrom()
                                .failure(
                                        new ProblemException.Conflict(
                                                "challenge-over",
                                                "This payment's challenge was answered already, or the payment was cancelled."));
                    case COMPLETED, FAILED ->
                        reconciler
                                .settle(paymentId, null)
                                .flatMap(x -> pool.withTransaction(tx -> store.byId(tx, paymentId, false)))
                                .map(now -> new ChallengeView(
                                        paymentId,
                                        body.outcome(),
                                        now.map(Payment::status).map(Enum::name).orElse(null)));
                });
    }

    /** Unknown payment, another buyer's, or not this client secret: all alike, so nothing is learnt from the answer. */
    private static ProblemException noChallenge(UUID paymentId) {
        return new ProblemException.NotFound(
                "No challenge waits for payment " + paymentId + " with this client " + "secret.");
    }
}
