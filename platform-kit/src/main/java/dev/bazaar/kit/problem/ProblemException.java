package dev.bazaar.kit.problem;

/**
 * A domain failure that reaches the client as problem+json: services throw a subclass (or this with a slug) and the
 * one mapper in {@link ProblemMappers} renders it. The slug becomes the stable {@code type} URI.
 */
public class ProblemException extends RuntimeException {

    private final String slug;
    private final String title;
    private final int status;

    public ProblemException(String slug, String title, int status, String detail) {
        super(detail);
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public Problem toProblem() {
        return Problem.of(slug, title, status, getMessage());
    }

    public int status() {
        return status;
    }

    /** 404: the resource does not exist, or belongs to another tenant (existence is not leaked). */
    public static class NotFound extends ProblemException {
        public NotFound(String detail) {
            super("not-found", "Not found", 404, detail);
        }
    }

    /** 409: the request conflicts with the resource's current state. */
    public static class Conflict extends ProblemException {
        public Conflict(String slug, String detail) {
            super(slug, "Conflict", 409, detail);
        }
    }
}
