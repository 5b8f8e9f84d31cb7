package dev.bazaar.payment.rest;

import dev.bazaar.kit.clock.AdjustableClock;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.payment.service.Reconciliation;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Admins compare the books with the provider's records: the last run's findings, or a run now over the last
 * {@code lookback} (an ISO-8601 duration, 30 days by default).
 */
@Path("/api/v1/admin/reconciliation")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminReconciliationResource {

    private final Reconciliation reconciliation;
    private final Clock clock;

    public AdminReconciliationResource(Reconciliation reconciliation, Clock clock) {
        this.reconciliation = reconciliation;
        this.clock = clock;
    }

    @GET
    public Uni<Reconciliation.Report> last() {
        return reconciliation
                .last()
                .map(r -> r.orElseThrow(() -> new ProblemException.NotFound(
                        "No reconciliation has run yet: POST /api/v1/admin/reconciliation/run.")));
    }

    @POST
    @Path("run")
    public Uni<Reconciliation.Report> run(
            @QueryParam("lookback") @DefaultValue("P30D") @Size(max = 50, message = "is at most 50 characters")
                    String lookback) {
        Duration window;
        try {
            window = Duration.parse(lookback);
        } catch (DateTimeParseException e) {
            throw new ProblemException.Invalid("lookback", "is an ISO-8601 duration such as P30D or PT1H");
        }
        if (window.isNegative() || window.isZero() || window.compareTo(Duration.ofDays(400)) > 0) {
            throw new ProblemException.Invalid("lookback", "is more than zero and at most P400D");
        }
        // real time, not the adjustable service clock: the window is over the rows' own (database) timestamps
        return reconciliation
                .run(AdjustableClock.unadjusted(clock).instant().minus(window))
                .map(r -> r.orElseThrow(() -> new ProblemException.Conflict(
                        "reconciliation-in-progress",
                        "A reconciliation is running; its " + "report will be at GET /api/v1/admin/reconciliation.")));
    }
}
