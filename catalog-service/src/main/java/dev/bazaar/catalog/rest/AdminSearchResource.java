package dev.bazaar.catalog.rest;

import dev.bazaar.catalog.persistence.ProductIndex;
import dev.bazaar.catalog.service.ProductIndexer;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Operators rebuild the search index (after a mapping change, or to repair it) without taking search down. */
@Path("/api/v1/admin/search/reindex")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminSearchResource {

    private final ProductIndexer indexer;

    public AdminSearchResource(ProductIndexer indexer) {
        this.indexer = indexer;
    }

    @POST
    public Uni<ProductIndex.Rebuilt> reindex() {
        return indexer.rebuild();
    }
}
