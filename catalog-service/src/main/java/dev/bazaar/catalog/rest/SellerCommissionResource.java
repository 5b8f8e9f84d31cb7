package dev.bazaar.catalog.rest;

import dev.bazaar.catalog.service.CommissionRates;
import dev.bazaar.kit.tenancy.CurrentUser;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A seller's own commission: the shop's trailing GMV and the rate it pays in each category now. */
@Path("/api/v1/seller/commission")
@RolesAllowed("seller")
@Produces(MediaType.APPLICATION_JSON)
public class SellerCommissionResource {

    private final CommissionRates rates;
    private final CurrentUser user;

    public SellerCommissionResource(CommissionRates rates, CurrentUser user) {
        this.rates = rates;
        this.user = user;
    }

    @GET
    @Operation(
            summary = "Your shop's commission tier in every category",
            description = "trailing30DayGmvMinor: the goods of your paid, uncancelled orders placed in the last 30"
                    + " days. Per category: the rate a quote gets now, the tier (0 = base), and when there is a next"
                    + " tier its threshold, its rate and how much more GMV reaches it (toNextMinor). 404 without a"
                    + " shop.")
    public Uni<CommissionRates.SellerCommission> get() {
        return rates.forSeller(user.subject());
    }
}
