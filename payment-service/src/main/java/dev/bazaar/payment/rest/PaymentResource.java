package dev.bazaar.payment.rest;

import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.kit.tenancy.CurrentUser;
import dev.bazaar.payment.persistence.PaymentStore;
import dev.bazaar.payment.service.Refunds;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** A payment with its refunds: the buyer who paid it, or an admin. Another buyer's payment is 404. */
@Path("/api/v1/payments")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentResource {

    private final Pool pool;
    private final PaymentStore store;
    private final Refunds refunds;
    private final CurrentUser user;

    public PaymentResource(Pool pool, PaymentStore store, Refunds refunds, CurrentUser user) {
        this.pool = pool;
        this.store = store;
        this.refunds = refunds;
        this.user = user;
    }

    @GET
    @Path("{id}")
    @RolesAllowed({"buyer", "admin"})
    public Uni<PaymentViews.PaymentView> get(@PathParam("id") UUID id) {
        boolean admin = user.hasRole("admin");
        String subject = user.subject();
        return pool.withTransaction(tx -> store.byId(tx, id, false).flatMap(found -> {
            if (found.isEmpty() || (!admin && !found.get().buyerSubject().equals(subject))) {
                throw new ProblemException.NotFound("No payment " + id + ".");
            }
            return refunds.ofPayment(tx, id).map(r -> PaymentViews.PaymentView.of(found.get(), r));
        }));
    }
}
