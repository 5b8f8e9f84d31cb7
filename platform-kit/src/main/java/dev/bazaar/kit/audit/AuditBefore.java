package dev.bazaar.kit.audit;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import jakarta.enterprise.context.RequestScoped;

/**
 * The state an admin action found before it changed it, for the audit log's "before" column. A use case that loads
 * what it is about to change (a shop before suspending it, a schedule before replacing it) hands it here; the audit
 * filter writes it, as JSON, with the request's COMPLETED row. Actions that create something leave it empty.
 */
@RequestScoped
public class AuditBefore {

    private Object state;

    public void record(Object before) {
        this.state = before;
    }

    /**
     * Records {@code before} for the current request, if there is one (a use case run by a consumer or a scheduler
     * has no request, and nothing to audit).
     */
    public static void note(Object before) {
        ManagedContext requests = Arc.container().requestContext();
        if (requests.isActive()) {
            Arc.container().instance(AuditBefore.class).get().record(before);
        }
    }

    Object state() {
        return state;
    }
}
