package dev.bazaar.portal.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The order service's seller API (the shop's order groups and returns), with the signed-in user's own access token.
 * Each call times out after 5 s ({@code dev.bazaar.portal.client.OrderClient/Timeout/value}, in milliseconds).
 */
@RegisterRestClient(configKey = "order")
@RegisterProvider(Refusals.class)
@RegisterClientHeaders(UserToken.class)
@Timeout(value = 5, unit = ChronoUnit.SECONDS)
@Path("/api/v1/seller")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface OrderClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ReturnLine(String variantId, int quantity) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Return(String returnId, String status, List<ReturnLine> items) {
    }

    /** One of the shop's order groups (its part of an order). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Group(String orderId, String status, Instant placedAt, Money total, int itemCount, String carrier,
            String trackingNumber, List<Return> returns) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Groups(List<Group> items) {
    }

    /** The shop's figures over all its orders; sales count groups paid or later, not cancelled. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Summary(int toShip, int returnsToDecide, Money salesToday, Money salesLast30Days, int ordersLast30Days) {
    }

    record Shipment(String carrier, String trackingNumber) {
    }

    record Reason(String reason) {
    }

    @GET
    @Path("orders")
    Uni<Groups> orders();

    @GET
    @Path("orders/summary")
    Uni<Summary> summary();

    @POST
    @Path("orders/{id}/shipments")
    Uni<Void> ship(@PathParam("id") String orderId, Shipment shipment);

    @POST
    @Path("orders/{id}/delivered")
    Uni<Void> delivered(@PathParam("id") String orderId);

    @POST
    @Path("orders/{id}/cancel")
    Uni<Void> cancel(@PathParam("id") String orderId, Reason reason);

    @POST
    @Path("returns/{id}/approve")
    Uni<Void> approveReturn(@PathParam("id") String returnId);

    @POST
    @Path("returns/{id}/reject")
    Uni<Void> rejectReturn(@PathParam("id") String returnId, Reason reason);
}
