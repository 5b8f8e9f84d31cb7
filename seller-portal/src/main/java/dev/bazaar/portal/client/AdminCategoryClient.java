package dev.bazaar.portal.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bazaar.portal.service.CommissionForms.Tier;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The catalog as an administrator keeps its categories: the tree, a new category, a rename / move / new fixed rate,
 * and each category's commission schedules (ADR 0025; cents and basis points). The signed-in admin's own token; each
 * call times out after 5 s.
 */
@RegisterRestClient(configKey = "catalog")
@RegisterProvider(Refusals.class)
@RegisterClientHeaders(UserToken.class)
@Timeout(value = 5, unit = ChronoUnit.SECONDS)
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface AdminCategoryClient {

    /** A node of the public tree (its rate is not public: see {@link #commission}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Node(String id, String slug, String name, String path, List<Node> children) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Stored(String id, String parentId, String slug, String name, String path, int commissionRateBps) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NewCategory(String parentId, String slug, String name, Integer commissionRateBps) {}

    /** A change: fields left null stay. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Change(String parentId, String name, Integer commissionRateBps) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Schedule(String id, Instant effectiveFrom, int baseRateBps, List<Tier> tiers, boolean inForce) {}

    /** A category's fixed rate (where no schedule is in force) and its schedules, oldest first. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Commission(String categoryId, int fixedRateBps, Instant asOf, List<Schedule> schedules) {

        /** Whether {@code s} has not started by the catalog's clock (it may still be withdrawn). */
        public boolean future(Schedule s) {
            return asOf != null
                    && s.effectiveFrom() != null
                    && s.effectiveFrom().isAfter(asOf);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NewSchedule(String effectiveFrom, Integer baseRateBps, List<Tier> tiers) {}

    @GET
    @Path("categories")
    Uni<List<Node>> tree();

    @POST
    @Path("admin/categories")
    Uni<Stored> create(NewCategory category);

    @PATCH
    @Path("admin/categories/{id}")
    Uni<Stored> change(@PathParam("id") String id, Change change);

    @GET
    @Path("admin/categories/{id}/commission")
    Uni<Commission> commission(@PathParam("id") String id);

    @POST
    @Path("admin/categories/{id}/commission")
    Uni<Schedule> addSchedule(@PathParam("id") String id, NewSchedule schedule);

    /** A schedule not yet in force withdrawn; one in force is a 409 refusal saying so. */
    @DELETE
    @Path("admin/categories/{id}/commission/{scheduleId}")
    Uni<Void> withdraw(@PathParam("id") String id, @PathParam("scheduleId") String scheduleId);
}
