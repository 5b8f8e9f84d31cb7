package dev.bazaar.payment.rest;

import dev.bazaar.contracts.money.Money;
import dev.bazaar.kit.idempotency.IdempotencyKeys;
import dev.bazaar.kit.idempotency.IdempotentRequest;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.kit.tenancy.CurrentUser;
import dev.bazaar.payment.service.Refunds;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/**
 * An admin refunds part of one seller's share of a payment (a goodwill refund, a dispute settled in the buyer's
 * favour). Requires {@code Idempotency-Key}: a retry answers the first result and refunds nothing twice. 201 refunded;
 * 202 reserved while the provider's answer is awaited (it is tried again until it comes); 402 refused by the provider
 * (it waits in the admins' queue, {@code GET /api/v1/admin/refunds?status=FAILED}).
 */
@Path("/api/v1/admin/payments/{id}/refunds")
@RolesAllowed("admin")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AdminRefundResource {

    public record RefundRequest(
            @NotNull(message = "is required") UUID shopId,
            @NotNull(message = "is required") Money amount,

            @NotNull(message = "is required") @Size(min = 1, max = 500, message = "must be 1 to 500 characters")
            String reason) {}

    private final Refunds refunds;
    private final IdempotencyKeys idempotency;
    private final CurrentUser user;

    public AdminRefundResource(Refunds refunds, IdempotencyKeys idempotency, CurrentUser user) {
        this.refunds = refunds;
        this.idempotency = idempotency;
        this.user = user;
    }

    @POST
    public Uni<Response> refund(
            @PathParam("id") UUID paymentId,
            @HeaderParam(IdempotentRequest.HEADER) String key,
            @Valid @NotNull(message = "a body with shopId, amount and reason is required") RefundRequest body) {
        if (!"USD".equals(body.amount().currency().getCurrencyCode())) {
            throw new ProblemException.Invalid("amount", "must be in USD, the currency payments are charged in");
        }
        if (body.amount().amount() <= 0) {
            throw new ProblemException.Invalid("amount", "must be positive");
        }
        IdempotentRequest request = IdempotentRequest.of(
                user.scopeName(), "POST", "/api/v1/admin/payments/" + paymentId + "/refunds", key, body);
        return idempotency.run(
                request,
                () -> refunds.admin(paymentId, body.shopId(), body.amount().amount(), body.reason(), key)
                        .map(r -> Response.status(
                                        switch (r.status()) {
                                            case "SUCCEEDED" -> 201;
                                            case "PENDING" ->
                                                202; // reserved; the provider's answer is awaited and the refund tried
                                            // again
                                            default -> 402;
                                        })
                                .entity(r)
                                .build()));
    }
}
