package dev.bazaar.portal.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
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
 * The order service as an administrator reads it: the order search over its read models, and one order with its event
 * history (what was recorded by a moment, and the order as it stood then). The signed-in admin's own token; each call
 * times out after 5 s ({@code dev.bazaar.portal.client.AdminOrderClient/Timeout/value}, in ms).
 */
@RegisterRestClient(configKey = "order")
@RegisterProvider(Refusals.class)
@RegisterClientHeaders(UserToken.class)
@Timeout(value = 5, unit = ChronoUnit.SECONDS)
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface AdminOrderClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ShopPart(String shopId, String status) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Found(
            String orderId,
            String buyerSubject,
            String status,
            Instant placedAt,
            Money total,
            int itemCount,
            List<ShopPart> shops) {}

    /** A page of the search; {@code nextCursor} null on the last. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Search(List<Found> items, String nextCursor) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Line(
            String variantId,
            String title,
            String sku,
            int quantity,
            Money unitPrice,
            Money lineTotal,
            Money commission) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Group(
            String shopId,
            String status,
            List<Line> lines,
            Money subtotal,
            Money shipping,
            Money tax,
            Money total,
            String carrier,
            String trackingNumber) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Return(String returnId, String shopId, String status, String reasonCode, String comment) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Order(
            String id,
            String status,
            Money total,
            Money refunded,
            Instant placedAt,
            String paymentId,
            long version,
            List<Group> groups,
            List<Return> returns) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Event(long seq, String type, Instant recordedAt) {}

    /** The events recorded by {@code asOf} (all, when null) and the order they fold to (null before it existed). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record History(String orderId, Instant asOf, List<Event> events, Order state) {}

    @GET
    @Path("admin/orders")
    Uni<Search> search(
            @QueryParam("orderId") String orderId,
            @QueryParam("buyer") String buyer,
            @QueryParam("shopId") String shopId,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("limit") int limit,
            @QueryParam("cursor") String cursor);

    @GET
    @Path("orders/{id}/history")
    Uni<History> history(@PathParam("id") String orderId, @QueryParam("asOf") String asOf);
}
