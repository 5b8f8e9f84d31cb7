package dev.bazaar.payment.rest;

import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.payment.domain.RefundView;
import dev.bazaar.payment.service.Refunds;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/**
 * The admins' refund queue: refunds the provider refused (FAILED) — each also counted by the
 * {@code bazaar_refunds_failed} gauge that alerts — and those still waiting for its answer (PENDING, tried again with
 * backoff). A failed refund is tried again from here: the same refund (one per cause), a fresh provider key.
 */
@Path("/api/v1/admin/refunds")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminRefundQueueResource {

    private final Refunds refunds;

    public AdminRefundQueueResource(Refunds refunds) {
        this.refunds = refunds;
    }

    @GET
    public Uni<List<RefundView>> queue(
            @QueryParam("status") @DefaultValue("FAILED") @Size(max = 30, message = "is at most 30 characters")
                    String status) {
        if (!"FAILED".equals(status) && !"PENDING".equals(status)) {
            throw new ProblemException.Invalid(
                    "status", "is FAILED (refused by the provider) or PENDING (awaiting " + "its answer)");
        }
        return refunds.queue(status);
    }

    @POST
    @Path("{id}/retry")
    public Uni<RefundView> retry(@PathParam("id") UUID refundId) {
        return refunds.retry(refundId);
    }
}
