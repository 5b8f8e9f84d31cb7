package dev.bazaar.catalog.rest;

import dev.bazaar.catalog.service.DemoCatalog;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Demo data for a new platform (bin/bazaar up seeds 10,000 products), made through the service's own code. */
@Path("/api/v1/admin/demo/seed")
@RolesAllowed("admin")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AdminDemoResource {

    public record SeedRequest(
            @Min(value = 1, message = "is at least 1") @Max(value = 100_000, message = "is at most 100000")
            int products,

            long seed) {}

    private final DemoCatalog demo;

    public AdminDemoResource(DemoCatalog demo) {
        this.demo = demo;
    }

    @POST
    public Uni<DemoCatalog.Seeded> seed(@Valid @NotNull(message = "a body is required") SeedRequest request) {
        return demo.seed(request.products(), request.seed());
    }
}
