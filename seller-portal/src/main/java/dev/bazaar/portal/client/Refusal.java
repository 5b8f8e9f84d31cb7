package dev.bazaar.portal.client;

/** A service answered a call with an error status (4xx/5xx): the status and its problem (empty when it gave none). */
public class Refusal extends RuntimeException {

    private final int status;
    private final Problem problem;

    public Refusal(int status, Problem problem) {
        super("the service answered " + status, null, false, false);
        this.status = status;
        this.problem = problem;
    }

    public int status() {
        return status;
    }

    public Problem problem() {
        return problem;
    }
}
