package dev.bazaar.portal.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The catalog's applications to sell (#27): a buyer's own, and the admins' queue with its decisions, called with the
 * signed-in user's own access token ({@link UserToken}); the catalog decides who may do what. Each call times out
 * after 5 s ({@code dev.bazaar.portal.client.SellerApplicationClient/Timeout/value}, in milliseconds).
 */
@RegisterRestClient(configKey = "catalog")
@RegisterProvider(Refusals.class)
@RegisterClientHeaders(UserToken.class)
@Timeout(value = 5, unit = ChronoUnit.SECONDS)
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface SellerApplicationClient {

    /** An application as the catalog answers it: PENDING, APPROVED, or REJECTED with the admin's reason. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Application(
            UUID id,
            String applicantName,
            String shopName,
            String country,
            String contactEmail,
            String contactPhone,
            String message,
            String status,
            String reason,
            Instant createdAt,
            Instant decidedAt) {}

    /** A page of applications and how many there are in all. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Applications(List<Application> items, int page, int size, long total) {

        /** How many beyond this page (never below 0). */
        public long more() {
            return Math.max(0, total - (items == null ? 0 : items.size()));
        }
    }

    /** What the form sends. */
    record Apply(String shopName, String country, String contactEmail, String contactPhone, String message) {}

    /** An admin's reason for a rejection (the applicant is told). */
    record Reason(String reason) {}

    @POST
    @Path("seller-applications")
    Uni<Application> apply(Apply application);

    /** The caller's own applications, newest first. */
    @GET
    @Path("seller-applications/mine")
    Uni<Applications> mine(@QueryParam("page") int page, @QueryParam("size") int size);

    /** Applications in {@code status}, oldest first. */
    @GET
    @Path("admin/seller-applications")
    Uni<Applications> queue(
            @QueryParam("status") String status, @QueryParam("page") int page, @QueryParam("size") int size);

    @POST
    @Path("admin/seller-applications/{id}/approve")
    Uni<Application> approve(@PathParam("id") UUID id);

    @POST
    @Path("admin/seller-applications/{id}/reject")
    Uni<Application> reject(@PathParam("id") UUID id, Reason reason);
}
