package dev.bazaar.catalog.rest;

import static dev.bazaar.catalog.rest.AdminShopResource.UUID_PATTERN;

import dev.bazaar.catalog.domain.CommissionSchedule;
import dev.bazaar.catalog.persistence.CategoryWrites.StoredCategory;
import dev.bazaar.catalog.service.CategoryAdmin;
import dev.bazaar.catalog.service.CommissionRates;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.kit.tenancy.CurrentUser;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Admins keep the category tree and each category's commission: its fixed rate and its volume-tier schedules. */
@Path("/api/v1/admin/categories")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminCategoryResource {

    private final CategoryAdmin categories;
    private final CommissionRates commission;
    private final CurrentUser user;

    public AdminCategoryResource(CategoryAdmin categories, CommissionRates commission, CurrentUser user) {
        this.categories = categories;
        this.commission = commission;
        this.user = user;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Add a category",
            description = "Under parentId (left out: a new root), last among its"
                    + " siblings. A taken slug is a 409 slug-taken. → 201 with the category.")
    public Uni<Response> create(@Valid @NotNull(message = "a body is required") CommissionRequests.NewCategory body) {
        return categories
                .create(
                        body.parentId() == null ? null : UUID.fromString(body.parentId()),
                        body.slug(),
                        body.name().strip(),
                        body.commissionRateBps())
                .map(c -> Response.created(URI.create("/api/v1/admin/categories/" + c.id()))
                        .entity(c)
                        .build());
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Rename a category, move it under another parent, or change its fixed commission rate",
            description = "Fields left out stay. A move is refused for a category whose subtree lists products (409"
                    + " category-has-products: search entries carry the path) and under its own subtree (400). The"
                    + " fixed rate applies to quotes from now on where no schedule is in force; placed orders keep"
                    + " theirs.")
    public Uni<StoredCategory> update(
            @PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id,
            @Valid @NotNull(message = "a body is required") CommissionRequests.UpdateCategory body) {
        return categories.update(
                UUID.fromString(id),
                body.name() == null ? null : body.name().strip(),
                body.parentId() == null ? null : UUID.fromString(body.parentId()),
                body.commissionRateBps());
    }

    @GET
    @Path("{id}/commission")
    @Operation(
            summary = "A category's commission: its fixed rate and its schedules, the one in force marked",
            description = "Schedules oldest first; inForce is true for the latest one started by the platform clock."
                    + " Without a schedule in force, fixedRateBps applies.")
    public Uni<CommissionRates.CategoryCommission> commission(
            @PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return commission.forCategory(UUID.fromString(id));
    }

    @POST
    @Path("{id}/commission")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Add a volume-tier schedule to a category",
            description = "From effectiveFrom (not in the past; left out: now) quotes use baseRateBps, or the rate of"
                    + " the highest tier whose aboveMinor the shop's trailing-30-day GMV is strictly above. Placed"
                    + " orders keep the rate frozen in their lines. Thresholds strictly ascending and rates never"
                    + " going up, else 400; a second schedule at the same instant is a 409 schedule-exists. → 201.")
    public Uni<Response> addSchedule(
            @PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id,
            @Valid @NotNull(message = "a body is required") CommissionRequests.NewSchedule body) {
        Instant from;
        try {
            from = body.effectiveFrom() == null ? null : Instant.parse(body.effectiveFrom());
        } catch (DateTimeParseException e) {
            throw new ProblemException.Invalid(
                    "effectiveFrom", "must be an ISO-8601 instant such as " + "2027-01-01T00:00:00Z");
        }
        List<CommissionSchedule.Tier> tiers = body.tiers() == null
                ? List.of()
                : body.tiers().stream()
                        .map(t -> new CommissionSchedule.Tier(t.aboveMinor(), t.rateBps()))
                        .toList();
        return commission
                .add(UUID.fromString(id), from, body.baseRateBps(), tiers, user.subject())
                .map(s -> Response.created(URI.create("/api/v1/admin/categories/" + id + "/commission"))
                        .entity(s)
                        .build());
    }

    @DELETE
    @Path("{id}/commission/{scheduleId}")
    @Operation(
            summary = "Withdraw a schedule that is not yet in force",
            description = "A schedule that has started is kept (orders were quoted on it): 409 schedule-in-force; add"
                    + " a new one instead. → 204.")
    public Uni<Response> deleteSchedule(
            @PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id,
            @PathParam("scheduleId") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String scheduleId) {
        return commission
                .delete(UUID.fromString(id), UUID.fromString(scheduleId))
                .map(x -> Response.noContent().build());
    }
}
