package dev.bazaar.portal.client;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * A call's outcome for a page: the service's answer, or its refusal (status and problem). A call that could not be
 * made at all (the service down, too slow) stays a failure: the page then shows the error page with a reference.
 */
public record Reply<T>(int status, T body, Problem problem) {

    /** The call as a reply: an answer (2xx) or a {@link Refusal}. */
    public static <T> Uni<Reply<T>> of(Uni<T> call) {
        return call.map(body -> new Reply<T>(200, body, Problem.NONE))
                .onFailure(Refusal.class)
                .recoverWithItem(f -> {
                    Refusal r = (Refusal) f;
                    return new Reply<>(r.status(), null, r.problem());
                });
    }

    /**
     * The call as a reply, and a call that could not be made at all (the service down, too slow) as a 503 whose detail
     * is {@code unavailable}: for pages that still render, saying so, without that service.
     */
    public static <T> Uni<Reply<T>> orUnavailable(Uni<T> call, String unavailable) {
        return of(call).onFailure().recoverWithItem(e -> {
            Logger.getLogger(Reply.class).debugf(e, "service unavailable: %s", e.getMessage());
            return new Reply<>(503, null, new Problem(unavailable, List.of()));
        });
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The answer, or {@code fallback} when the call was refused. */
    public T orElse(T fallback) {
        return ok() && body != null ? body : fallback;
    }

    public Map<String, String> fieldErrors() {
        return problem.fieldErrors();
    }

    /** What to tell the user when a call was refused. */
    public String detail() {
        return problem.detail() != null ? problem.detail() : "The service answered " + status + ".";
    }

    /** Why a change was refused, in one line: the field errors, else the problem's detail. */
    public String explain() {
        Map<String, String> errors = fieldErrors();
        return errors.isEmpty()
                ? detail()
                : String.join(
                        "; ",
                        errors.entrySet().stream()
                                .map(e -> e.getKey() + ": " + e.getValue())
                                .toList());
    }

    /** The status a page shows for a refused change: the service's own for 4xx, 502 when the service failed. */
    public int pageStatus() {
        return status >= 500 ? 502 : status;
    }
}
