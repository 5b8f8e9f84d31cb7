package dev.bazaar.payment.rest;

import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.payment.service.Payouts;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;

/** Admins run due payouts now instead of waiting for the scheduled run (never two runs at once). */
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

    /** 200 with what the run did; 409 while another run (the scheduled one, or another admin's) is going on. */
    @POST
    public Uni<Payouts.RunResult> run() {
        return payouts.run(clock.instant())
                .map(done -> done.orElseThrow(() -> new ProblemException.Conflict(
                        "payout-run-in-progress",
                        "A payout run is in progress (scheduled or started by an admin); it pays "
                                + "every due seller. Look at the payouts when it ends, or try again in a minute.")));
    }
}
