package dev.bazaar.payment.rest;

import dev.bazaar.kit.tenancy.CurrentUser;
import dev.bazaar.payment.service.SellerBalances;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;

/** A seller's own balance: pending, available, paid out, debt. Only ever their own shop's. */
@Path("/api/v1/seller/balance")
@RolesAllowed("seller")
@Produces(MediaType.APPLICATION_JSON)
public class SellerBalanceResource {

    private final SellerBalances balances;
    private final CurrentUser user;
    private final Clock clock;

    public SellerBalanceResource(SellerBalances balances, CurrentUser user, Clock clock) {
        this.balances = balances;
        this.user = user;
        this.clock = clock;
    }

    @GET
    public Uni<SellerBalances.Balance> balance() {
        return balances.ofOwner(user.subject(), clock.instant());
    }
}
