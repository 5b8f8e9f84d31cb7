package dev.bazaar.catalog.rest;

import dev.bazaar.catalog.persistence.VariantLookup;
import dev.bazaar.catalog.service.CommissionRates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * For other services only (role {@code service}): current price, stock and commission of variants, for the cart's
 * cache misses and checkout's re-pricing. Unknown variants are simply absent from the answer. The commission rate is
 * the one the variant's shop pays in its category right now (volume tiers by trailing GMV, ADR 0025): checkout freezes
 * it into the order line it quotes.
 */
@Path("/api/v1/internal/variants/lookup")
@RolesAllowed("service")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class InternalVariantResource {

    public record LookupRequest(
            @NotEmpty(message = "needs at least one id") @Size(max = 200, message = "has at most 200 ids")
            List<@NotNull UUID> variantIds) {}

    private final VariantLookup lookup;
    private final CommissionRates rates;

    public InternalVariantResource(VariantLookup lookup, CommissionRates rates) {
        this.lookup = lookup;
        this.rates = rates;
    }

    /**
     * The variants are read in a session that is closed before the commission rates are resolved on the pool: a session
     * holds its connection, so resolving inside it took a second connection from the same pool, and under a burst of
     * quotes every connection was held by a session waiting for another (catalog idle, every lookup timing out in the
     * checkout; #28).
     */
    @POST
    public Uni<Map<String, List<VariantLookup.VariantInfo>>> lookup(
            @Valid @NotNull(message = "a body with variantIds is required") LookupRequest request) {
        return Panache.withSession(() -> lookup.find(request.variantIds()))
                .flatMap(rates::resolve)
                .map(items -> Map.of("items", items));
    }
}
