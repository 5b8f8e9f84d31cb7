package dev.bazaar.order.rest;

import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.order.persistence.SalesFact;
import dev.bazaar.order.persistence.SalesFacts;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Admins: daily sales aggregated at read time from the per-(shop, day, order) facts, and projection rebuilds. */
@Path("/api/v1/admin")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminOrderResource {

    public record DailySales(String day, long gmv, long orders, long commission, String currency) {
    }

    private final SalesFacts facts;
    private final Projector projector;
    private final Clock clock;

    public AdminOrderResource(SalesFacts facts, Projector projector, Clock clock) {
        this.facts = facts;
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
        return facts.between(start.toString(), end.toString()).map(found -> {
            Map<String, long[]> byDay = new TreeMap<>();
            Map<String, Set<String>> orders = new TreeMap<>();
            for (SalesFact f : found) {
                if (!Boolean.TRUE.equals(f.counts)) {
                    continue;
                }
                long[] sums = byDay.computeIfAbsent(f.day, k -> new long[2]);
                sums[0] += f.gmv;
                sums[1] += f.commission;
                orders.computeIfAbsent(f.day, k -> new HashSet<>()).add(f.orderId);
            }
            return Map.of("days", byDay.entrySet().stream().map(e -> new DailySales(e.getKey(), e.getValue()[0],
                    orders.get(e.getKey()).size(), e.getValue()[1], "USD")).toList());
        });
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
