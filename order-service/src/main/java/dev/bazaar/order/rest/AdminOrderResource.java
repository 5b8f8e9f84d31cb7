package dev.bazaar.order.rest;

import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.order.service.Analytics;
import dev.bazaar.order.service.Projector;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Admins: the platform's daily sales (read from the analytics aggregates: the days with orders), and projection
 * rebuilds (every read model, the analytics included).
 */
@Path("/api/v1/admin")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminOrderResource {

    public record DailySales(String day, long gmv, long orders, long commission, String currency) {}

    private final Analytics analytics;
    private final Projector projector;
    private final Clock clock;

    public AdminOrderResource(Analytics analytics, Projector projector, Clock clock) {
        this.analytics = analytics;
        this.projector = projector;
        this.clock = clock;
    }

    /** GMV (goods of paid, uncancelled groups), orders and commission per day, {@code from}..{@code to} inclusive. */
    @GET
    @Path("stats/daily-sales")
    public Uni<Map<String, List<DailySales>>> dailySales(
            @QueryParam("from") @Size(max = 30, message = "is at most 30 characters") String from,
            @QueryParam("to") @Size(max = 30, message = "is at most 30 characters") String to) {
        LocalDate end = day("to", to, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        LocalDate start = day("from", from, end.minusDays(29));
        if (start.isAfter(end) || start.plusDays(366).isBefore(end)) {
            throw new ProblemException.Invalid("from", "must be on or before 'to', at most a year before it");
        }
        return analytics
                .dailySales(start, end)
                .map(days -> Map.of(
                        "days",
                        days.stream()
                                .map(d -> new DailySales(
                                        d.day().toString(),
                                        d.figures().gmv(),
                                        d.figures().orders(),
                                        d.figures().commission(),
                                        "USD"))
                                .toList()));
    }

    @POST
    @Path("projections/rebuild")
    public Uni<Projector.RebuildResult> rebuild() {
        return projector.rebuild();
    }

    private static LocalDate day(String field, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException.Invalid(field, "must be a date like 2026-11-24");
        }
    }
}
