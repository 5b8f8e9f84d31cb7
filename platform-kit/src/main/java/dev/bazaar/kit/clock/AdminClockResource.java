package dev.bazaar.kit.clock;

import dev.bazaar.kit.problem.ProblemException;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The service's clock, for demos and system tests: read it anywhere; move it forward only where
 * {@code bazaar.clock.adjustable=true} (dev and test profiles; never in production, where this answers 404). Present in
 * the services built with {@code bazaar.kit.clock-endpoint.enabled=true} (payment: holding periods; order: delivery,
 * return and escalation deadlines), whose {@code Clock} bean is an {@link AdjustableClock}.
 */
@Path("/api/v1/admin/clock")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = "bazaar.kit.clock-endpoint.enabled", stringValue = "true")
public class AdminClockResource {

    private static final Duration MAX_STEP = Duration.ofDays(400);

    private final Clock clock;

    public AdminClockResource(Clock clock) {
        this.clock = clock;
    }

    public record ClockView(Instant now, String offset, boolean adjustable) {}

    public record Advance(
            @NotNull(message = "is required (an ISO-8601 duration such as P8D)")
            @Size(max = 50, message = "is at most 50 characters")
            String advanceBy) {}

    @GET
    public ClockView get() {
        return view();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public ClockView advance(@Valid @NotNull(message = "a body with advanceBy is required") Advance body) {
        if (!(clock instanceof AdjustableClock adjustable) || !adjustable.adjustable()) {
            throw new ProblemException.NotFound("The clock is not adjustable in this environment.");
        }
        Duration by;
        try {
            by = Duration.parse(body.advanceBy());
        } catch (DateTimeParseException e) {
            throw new ProblemException.Invalid("advanceBy", "must be an ISO-8601 duration such as P8D or PT12H");
        }
        if (by.isNegative() || by.isZero() || by.compareTo(MAX_STEP) > 0) {
            throw new ProblemException.Invalid(
                    "advanceBy", "must be positive and at most 400 days (time only " + "moves forward)");
        }
        adjustable.advance(by);
        return view();
    }

    private ClockView view() {
        boolean adjustable = clock instanceof AdjustableClock a && a.adjustable();
        String offset = clock instanceof AdjustableClock a ? a.offset().toString() : "PT0S";
        return new ClockView(clock.instant(), offset, adjustable);
    }
}
