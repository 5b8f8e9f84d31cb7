package dev.bazaar.payment.rest;

import dev.bazaar.payment.domain.FraudViews;
import dev.bazaar.payment.service.FraudReviews;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The admins' list of card disputes as the processor reported them, with what the books hold of each. */
@Path("/api/v1/admin/disputes")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminDisputeResource {

    private final FraudReviews reviews;

    public AdminDisputeResource(FraudReviews reviews) {
        this.reviews = reviews;
    }

    @GET
    @Operation(
            summary = "Disputes, latest first, optionally of one processor status (needs_response, under_review, "
                    + "won, lost, …)")
    public Uni<List<FraudViews.Dispute>> disputes(
            @QueryParam("status")
                    @Pattern(regexp = "[a-z_]{1,40}", message = "is a dispute status, like " + "needs_response")
                    String status,
            @QueryParam("limit")
                    @DefaultValue("50")
                    @Min(value = 1, message = "is at least 1")
                    @Max(value = 500, message = "is at most 500")
                    int limit) {
        return reviews.disputes(status, limit);
    }
}
