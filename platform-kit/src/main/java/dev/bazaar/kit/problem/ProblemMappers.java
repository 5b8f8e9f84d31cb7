package dev.bazaar.kit.problem;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become {@code application/problem+json} (RFC 9457). Nothing of an unexpected error's
 * message or stack trace reaches the client: it gets an {@code errorId} that is in the log line.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response domain(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder r = builder(e.toProblem().withInstance(uri.getPath()));
        if (e.retryAfter() != null) {
            r.header("Retry-After", Math.max(1, (e.retryAfter().toMillis() + 999) / 1000));
        }
        return r.build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .toList();
        Problem p = new Problem(
                Problem.type("validation"),
                "Invalid request",
                400,
                "The request has " + violations.size() + " invalid field(s).",
                uri.getPath(),
                violations,
                null);
        return respond(p);
    }

    /** A body that is not JSON, or whose field has the wrong type (a UUID that is not one, text for a number). */
    @ServerExceptionMapper(
            value = {
                com.fasterxml.jackson.databind.exc.MismatchedInputException.class,
                com.fasterxml.jackson.databind.exc.InvalidFormatException.class,
                com.fasterxml.jackson.core.JsonProcessingException.class
            },
            priority = 4000)
    public Response unreadable(com.fasterxml.jackson.core.JsonProcessingException e, UriInfo uri) {
        String field = "body";
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m
                && !m.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    path.append('[').append(r.getIndex()).append(']');
                }
            }
            field = path.isEmpty() ? field : path.toString();
        }
        String message = e instanceof com.fasterxml.jackson.databind.JsonMappingException
                ? "has the wrong type or format"
                : "is not valid JSON";
        Problem p = new Problem(
                Problem.type("validation"),
                "Invalid request",
                400,
                "The request has 1 invalid field(s).",
                uri.getPath(),
                List.of(new Problem.Violation(field, message)),
                null);
        return respond(p);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return respond(Problem.of("unauthorized", "Unauthorized", 401, "A valid bearer token is required.")
                .withInstance(uri.getPath()));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of("forbidden", "Forbidden", 403, "Your role does not allow this request.")
                .withInstance(uri.getPath()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        String slug = title.toLowerCase().replace(' ', '-');
        return respond(Problem.of(slug, title, status, e.getMessage()).withInstance(uri.getPath()));
    }

    /**
     * A store's connection pool whose wait queue is full (Redis' {@code max-pool-waiting}, the SQL pool's
     * {@code max-wait-queue-size}): the service is overloaded, not broken. The client may retry in a second; a 500
     * would tell it (and the error dashboards) that something is wrong with the request or the code.
     */
    @ServerExceptionMapper(value = ConnectionPoolTooBusyException.class, priority = 4000)
    public Response busy(ConnectionPoolTooBusyException e, UriInfo uri) {
        LOG.debugf("refused %s: %s", uri.getPath(), e.getMessage());
        return builder(Problem.busy().withInstance(uri.getPath()))
                .header("Retry-After", 1)
                .build();
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c instanceof ConnectionPoolTooBusyException busy) {
                return busy(busy, uri);
            }
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error %s on %s", errorId, uri.getPath());
        Problem p = new Problem(
                Problem.type("internal"),
                "Internal error",
                500,
                "Something went wrong on our side. Quote the error id if you report it.",
                uri.getPath(),
                null,
                errorId);
        return respond(p);
    }

    private static Response respond(Problem p) {
        return builder(p).build();
    }

    private static Response.ResponseBuilder builder(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p);
    }

    /**
     * The field as the client sent it: the body's path ({@code shippingAddress.line1}, {@code lines[2].quantity}), or
     * the query/path parameter or header name when the parameter itself is wrong (the method and the body parameter's
     * own name are not part of what the client sent).
     */
    static String field(ConstraintViolation<?> v) {
        StringBuilder path = new StringBuilder();
        String parameter = "";
        for (Path.Node n : v.getPropertyPath()) {
            switch (n.getKind()) {
                case METHOD, CONSTRUCTOR, CROSS_PARAMETER, RETURN_VALUE -> {}
                case PARAMETER -> parameter = n.getName() == null ? "" : n.getName();
                default -> {
                    if (n.isInIterable()) {
                        Object at = n.getIndex() != null ? n.getIndex() : n.getKey();
                        path.append('[').append(at == null ? "" : at).append(']');
                    }
                    // a container element ("<list element>", "<map value>") is named by its index or key only
                    if (n.getKind() != ElementKind.CONTAINER_ELEMENT
                            && n.getName() != null
                            && !n.getName().isEmpty()) {
                        if (!path.isEmpty()) {
                            path.append('.');
                        }
                        path.append(n.getName());
                    }
                }
            }
        }
        return path.isEmpty() ? parameter : path.toString();
    }
}
