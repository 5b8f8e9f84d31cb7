package dev.bazaar.payment.rest;

import dev.bazaar.payment.domain.TrialBalance;
import dev.bazaar.payment.persistence.LedgerRepository;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Admins check the books: the trial balance must always be exactly zero. */
@Path("/api/v1/admin/ledger")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminLedgerResource {

    private final LedgerRepository ledger;

    public AdminLedgerResource(LedgerRepository ledger) {
        this.ledger = ledger;
    }

    @GET
    @Path("trial-balance")
    public Uni<TrialBalance> trialBalance() {
        return ledger.trialBalance();
    }
}
