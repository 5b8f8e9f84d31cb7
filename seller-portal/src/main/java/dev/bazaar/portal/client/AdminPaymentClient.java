package dev.bazaar.portal.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The payment service as an administrator uses it: a payment with its sellers' parts and refunds, a refund of part of
 * one seller's share (idempotent by its key), and the queue of refunds the provider refused. The signed-in admin's own
 * token; each call times out after 5 s ({@code dev.bazaar.portal.client.AdminPaymentClient/Timeout/value}, in ms).
 */
@RegisterRestClient(configKey = "payment")
@RegisterProvider(Refusals.class)
@RegisterClientHeaders(UserToken.class)
@Timeout(value = 5, unit = ChronoUnit.SECONDS)
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface AdminPaymentClient {

    /** One seller's part of a payment: what was charged for it and what of it can still be refunded. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Split(
            String shopId,
            Money goods,
            Money shipping,
            Money tax,
            Money commission,
            Money refunded,
            Money refundable) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Refund(
            String id,
            String paymentId,
            String orderId,
            String shopId,
            Money amount,
            String status,
            String source,
            String reason,
            String failureReason,
            int attempts,
            String lastError,
            Instant createdAt) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Payment(
            String id,
            String orderId,
            String status,
            String declineReason,
            Money amount,
            Money captured,
            Money refunded,
            Money refundable,
            String paymentMethod,
            Instant createdAt,
            List<Split> splits,
            List<Refund> refunds) {}

    record RefundRequest(String shopId, Money amount, String reason) {}

    @GET
    @Path("payments/{id}")
    Uni<Payment> payment(@PathParam("id") String paymentId);

    /**
     * The refund: SUCCEEDED (201) or PENDING (202, waiting for the provider's answer); the provider's refusal is a
     * {@link Refusal} with status 402 (the refund, FAILED with its reason, is then in the payment's refunds). The same
     * {@code key} again answers the first result and refunds nothing twice.
     */
    @POST
    @Path("admin/payments/{id}/refunds")
    Uni<Refund> refund(
            @PathParam("id") String paymentId, @HeaderParam("Idempotency-Key") String key, RefundRequest request);

    @GET
    @Path("admin/refunds")
    Uni<List<Refund>> refunds(@QueryParam("status") String status);

    @POST
    @Path("admin/refunds/{id}/retry")
    Uni<Refund> retry(@PathParam("id") String refundId);
}
