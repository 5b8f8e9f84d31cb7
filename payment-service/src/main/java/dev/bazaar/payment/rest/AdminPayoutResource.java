package dev.bazaar.payment.rest;

import dev.bazaar.payment.service.Payouts;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Clock;

/** Admins run due payouts now instead of waiting for the scheduled run. */
@Path("/api/v1/admin/payouts/run")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminPayoutResource {

    private final Payouts payouts;
    private final Clock clock;

    public AdminPayoutResource(Payouts payouts, Clock clock) {
        this.payouts = payouts;
        this.clock = clock;
    }

    @POST
    public Uni<Payouts.RunResult> run() {
        return payouts.run(clock.instant());
    }
}
